// What to check when a host cannot be reached, by cause: the error says what happened (often an errno), the hint
// says what the user can do about it.
import type { ErrorReport } from '../../../shared/model/errors.js';
import { wordReport } from '../../app/errors.js';
import type { MessageKey, Translate } from '../../app/i18n/index.js';

export type ConnectionCause = 'refused' | 'timeout' | 'dns' | 'auth' | 'host-key';

const BY_REASON: ReadonlyArray<readonly [RegExp, ConnectionCause]> = [
  [/ECONNREFUSED/, 'refused'],
  [/ENOTFOUND|EAI_AGAIN|EAI_NONAME|getaddrinfo/, 'dns'],
  [/ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|no SSH handshake within/, 'timeout'],
];

/** The cause of a connection failure, looking through nested reports; null when it is none of the known ones. */
export function connectionCause(r: ErrorReport): ConnectionCause | null {
  if (r.code === 'ssh.auth') return 'auth';
  if (r.code.startsWith('ssh.host-key-') || r.code === 'host.no-host-key') return 'host-key';
  if (r.code === 'ssh.unreachable' || r.code === 'host.libvirt-unreachable') {
    const reason = String(r.params.reason ?? '');
    const hit = BY_REASON.find(([re]) => re.test(reason));
    if (hit) return hit[1];
  }
  for (const v of Object.values(r.params)) {
    const nested = (Array.isArray(v) ? v : [v]).filter((x): x is ErrorReport => typeof x === 'object' && x !== null && 'code' in x);
    for (const n of nested) {
      const c = connectionCause(n);
      if (c) return c;
    }
  }
  return null;
}

export function connectionHintKey(r: ErrorReport): MessageKey | null {
  const cause = connectionCause(r);
  return cause ? `host.hint.${cause}` : null;
}

/** A host's error in words, followed by what to check when its cause is known. */
export function withHint(t: Translate, r: ErrorReport): string {
  const hint = connectionHintKey(r);
  return hint ? `${wordReport(t, r)} — ${t(hint)}` : wordReport(t, r);
}
