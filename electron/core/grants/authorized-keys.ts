// The console account's authorized_keys: one line per grant, built and read here (pure). sshd enforces the line's
// options; the comment carries what a list needs (hosts are the shared store), so another VirtDeck sees the grant.
import type { GrantInfo } from '../../../shared/ipc/grant-schemas.js';

const MARK = 'virtdeck-grant';

/** What a grant's line says; the host and VM name are added by the reader. */
export type GrantEntry = Omit<GrantInfo, 'host' | 'account'> & { publicKey: string };

/** The login shell's word for the serial console of one VM (grant-shell.ts); anything else is refused. */
export function serialCommand(uuid: string): string {
  return `serial ${uuid}`;
}

/** sshd's expiry-time: YYYYMMDDHHMMSS with Z for UTC. */
export function sshdTime(iso: string): string {
  return `${new Date(iso).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');
const unb64 = (s: string): string => Buffer.from(s, 'base64url').toString('utf8');

/** The authorized_keys line of a grant. VNC: forwarding to the VM's port alone; serial: a pty for its console. */
export function grantLine(e: GrantEntry): string {
  const opts = ['restrict'];
  if (e.serial) opts.push('pty');
  if (e.vnc && e.vncPort !== null) opts.push('port-forwarding', `permitopen="127.0.0.1:${e.vncPort}"`);
  opts.push(`expiry-time="${sshdTime(e.until)}"`);
  if (e.from.length) opts.push(`from="${e.from.join(',')}"`);
  // Always a forced command: the account's shell runs only this word, never what the client asks.
  opts.push(`command="${e.serial ? serialCommand(e.uuid) : 'none'}"`);
  const meta = [
    `id=${e.id}`,
    `uuid=${e.uuid}`,
    `vm=${b64(e.vm)}`,
    `for=${b64(e.for)}`,
    `until=${e.until}`,
    `vnc=${e.vnc && e.vncPort !== null ? e.vncPort : '-'}`,
    `serial=${e.serial ? 1 : 0}`,
    `view=${e.viewOnly ? 1 : 0}`,
    `from=${e.from.join(',') || '-'}`,
  ];
  return `${opts.join(',')} ${e.publicKey.trim()} ${MARK} ${meta.join(' ')}`;
}

/** The grant a line describes, or null for a line that is not one of ours. */
export function parseGrantLine(line: string): GrantEntry | null {
  const at = line.indexOf(` ${MARK} `);
  if (at < 0) return null;
  const fields = new Map(line.slice(at + MARK.length + 2).split(' ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const key = /(ssh-ed25519 [A-Za-z0-9+/=]+)$/.exec(line.slice(0, at));
  const get = (k: string): string => fields.get(k) ?? '';
  if (!key || !/^[0-9a-f]{12}$/.test(get('id')) || Number.isNaN(Date.parse(get('until')))) return null;
  const vnc = get('vnc');
  return {
    id: get('id'),
    uuid: get('uuid'),
    vm: unb64(get('vm')),
    for: unb64(get('for')),
    until: get('until'),
    vnc: vnc !== '-',
    vncPort: vnc === '-' ? null : Number(vnc),
    serial: get('serial') === '1',
    viewOnly: get('view') === '1',
    from: get('from') === '-' ? [] : get('from').split(','),
    publicKey: key[1] as string,
  };
}

/** The file's grants, in file order. */
export function grantsIn(text: string): GrantEntry[] {
  return text.split('\n').flatMap((l) => parseGrantLine(l) ?? []);
}

/**
 * The file without the lines `drop` picks among our grants (other lines are kept as they are), and the grants it
 * removed. Used for revoke (one id) and for pruning what has expired.
 */
export function withoutGrants(text: string, drop: (g: GrantEntry) => boolean): { text: string; removed: GrantEntry[] } {
  const removed: GrantEntry[] = [];
  const kept = text.split('\n').filter((l) => {
    const g = parseGrantLine(l);
    if (g && drop(g)) {
      removed.push(g);
      return false;
    }
    return true;
  });
  const out = kept.join('\n');
  return { text: out.trim() === '' ? '' : out.endsWith('\n') ? out : `${out}\n`, removed };
}

/** Appends a grant's line. */
export function withGrant(text: string, e: GrantEntry): string {
  const base = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  return `${base}${grantLine(e)}\n`;
}

export const isExpired = (g: { until: string }, now: Date): boolean => Date.parse(g.until) <= now.getTime();
