// The English line of an alert and a target's label: for what the core sends itself (webhook `text`, mail subject
// and body) and for the CLI. The app words alerts in the user's language (renderer i18n: alert.text.<rule>).
import type { AlertParams, AlertRecord, AlertRuleId, AlertTarget } from './alerts.js';

const s = (p: AlertParams, k: string): string => String(p[k] ?? '?');

const WORDS: Record<AlertRuleId, (p: AlertParams) => string> = {
  'host-offline': (p) => `host ${s(p, 'host')} is offline`,
  'vm-stopped': (p) => `VM ${s(p, 'host')}/${s(p, 'vm')} stopped without a VirtDeck action (${s(p, 'detail')})`,
  'agent-gone': (p) => `the guest agent of ${s(p, 'host')}/${s(p, 'vm')} is gone`,
  'pool-full': (p) => `pool ${s(p, 'host')}/${s(p, 'pool')} is ${s(p, 'percent')}% full`,
  'host-memory': (p) => `host ${s(p, 'host')} uses ${s(p, 'percent')}% of its memory`,
  'ip-conflict': (p) => `address ${s(p, 'ip')} is claimed by ${s(p, 'holders')}`,
  'task-failed': (p) => `task ${s(p, 'op')}${p.vm ? ` of ${s(p, 'vm')}` : ''} failed (${s(p, 'error')})`,
};

/** "FIRING: pool h1/default is 93% full" / "cleared: …". */
export function alertLine(a: AlertRecord): string {
  return `${a.state === 'firing' ? 'FIRING' : 'cleared'}: ${WORDS[a.rule](a.params)}`;
}

/** "webhook http://…" / "smtp ops@example.com via mail.example.com:25". */
export function targetLabel(t: AlertTarget): string {
  return t.kind === 'webhook' ? `webhook ${t.url}` : `smtp ${t.to.join(', ')} via ${t.host}:${t.port}`;
}
