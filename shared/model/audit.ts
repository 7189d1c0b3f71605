// The audit log: one entry per action (a mutating call, or something VirtDeck did on its own such as a grant's
// expiry), kept in the home's audit.sqlite and, for an action on a host, appended to a file on that host so every
// VirtDeck that reaches the host sees it. Reads are not audited.

/** ok / error: the action ended so; running: not ended yet; interrupted: its process died before it ended. */
export const AUDIT_RESULTS = ['ok', 'error', 'running', 'interrupted'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** Scalar inputs of the call worth showing (never a secret, never a long text). */
export type AuditArgs = Record<string, string | number | boolean>;

export interface AuditEntry {
  /** Unique over every home (a UUID): the host's file and the local log are merged by it. */
  id: string;
  /** When the action started (ISO). */
  at: string;
  endedAt: string | null;
  /** OS user@machine of the VirtDeck that acted. */
  user: string;
  /** The call (e.g. `vms.action`) or VirtDeck's own action (`grants.expired`). */
  action: string;
  host: string | null;
  /** The VM acted on (its name or UUID as the call named it). */
  vm: string | null;
  /** Another object acted on (pool/volume, network, snapshot, grant id, …). */
  object: string | null;
  result: AuditResult;
  /** The error's code when result is error. */
  code: string | null;
  taskId: string | null;
  args: AuditArgs;
}

/** What audit.list selects; every field narrows. `text` matches action, target, user, code and arguments. */
export interface AuditFilter {
  host?: string | undefined;
  vm?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  result?: AuditResult | undefined;
  text?: string | undefined;
  limit?: number | undefined;
}

/** The action an entry names that is not a call: a console grant pruned because its time was up. */
export const GRANT_EXPIRED_ACTION = 'grants.expired';

/** Where each host keeps its audit lines (JSON, one entry a line, appended by every VirtDeck). */
export const HOST_AUDIT_FILE = '/var/lib/virtdeck/audit/audit.jsonl';

/** Where an entry acted, as one text: host/VM, host/object, or what there is. */
export function auditTargetLabel(e: Pick<AuditEntry, 'host' | 'vm' | 'object'>): string {
  const thing = e.vm ?? e.object ?? '';
  return e.host ? (thing ? `${e.host}/${thing}` : e.host) : thing;
}
