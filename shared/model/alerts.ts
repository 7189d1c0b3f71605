// Alerts as every room sees them: the rules (closed list, some with a % threshold), the delivery targets and the
// history records. Front ends word a rule (`alert.rule.<id>`) and a record (`alert.text.<rule>` with its params).

export const ALERT_RULE_IDS = ['host-offline', 'vm-stopped', 'agent-gone', 'pool-full', 'host-memory', 'ip-conflict', 'task-failed'] as const;
export type AlertRuleId = (typeof ALERT_RULE_IDS)[number];

/** The rules that compare a level with a threshold in % (the others have none). */
export const THRESHOLD_RULES: readonly AlertRuleId[] = ['pool-full', 'host-memory'];

export interface AlertRule {
  id: AlertRuleId;
  enabled: boolean;
  /** % for pool-full and host-memory; null for the others. */
  threshold: number | null;
}

/** On from the start, so adding a target is enough: host offline, VM stopped, pool above 90 %, address twice, task failed. */
export const DEFAULT_ALERT_RULES: readonly AlertRule[] = [
  { id: 'host-offline', enabled: true, threshold: null },
  { id: 'vm-stopped', enabled: true, threshold: null },
  { id: 'agent-gone', enabled: false, threshold: null },
  { id: 'pool-full', enabled: true, threshold: 90 },
  { id: 'host-memory', enabled: false, threshold: 90 },
  { id: 'ip-conflict', enabled: true, threshold: null },
  { id: 'task-failed', enabled: true, threshold: null },
];

export const ALERT_TARGET_KINDS = ['webhook', 'smtp'] as const;
export type AlertTargetKind = (typeof ALERT_TARGET_KINDS)[number];

export interface WebhookSpec {
  kind: 'webhook';
  url: string;
}

export interface SmtpSpec {
  kind: 'smtp';
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  to: string[];
}

export type AlertTargetSpec = WebhookSpec | SmtpSpec;

/** A stored target; lists show the password only as set or not. */
export type AlertTarget = { id: number } & AlertTargetSpec;

export const ALERT_STATES = ['firing', 'cleared'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** The names and numbers an alert's sentence is made of (vm, pool, percent, ip, holders, op, ...). */
export type AlertParams = Readonly<Record<string, string | number>>;

export interface AlertRecord {
  id: number;
  rule: AlertRuleId;
  /** What the alert is about, unique while it fires (rule/host/subject). */
  key: string;
  host: string | null;
  params: AlertParams;
  state: AlertState;
  /** ISO-8601. */
  firedAt: string;
  clearedAt: string | null;
}
