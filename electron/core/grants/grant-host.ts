// What a grant changes on the VM's host, each as an argv (never a shell line with user strings in it): the console
// account and its login shell, one sudoers rule per serial grant, and authorized_keys written atomically and by
// compare-and-set (two VirtDecks may grant on the same host at once).
import { createHash } from 'node:crypto';
import { CoreError } from '../errors.js';
import { hostExec, hostRun } from '../hosts/host-exec.js';
import type { HostSession } from '../hosts/host-session.js';
import { GRANT_SHELL, GRANT_SHELL_PATH, SERIAL_CONSOLE_ARGV } from './grant-shell.js';

export const CONSOLE_ACCOUNT = 'virtdeck-console';
const HOME = `/home/${CONSOLE_ACCOUNT}`;
const SSH_DIR = `${HOME}/.ssh`;
export const AUTHORIZED_KEYS = `${SSH_DIR}/authorized_keys`;
/** Groups that reach libvirt, the VMs' files or root: the console account must be in none of them. */
const PRIVILEGED_GROUPS = ['root', 'libvirt', 'libvirt-qemu', 'kvm', 'sudo', 'wheel', 'adm', 'disk', 'docker'];
/** Exit status of the compare-and-set script when the file changed since it was read. */
const CHANGED = 75;
const CAS_TRIES = 5;

// Constant scripts; their arguments ($1…) arrive as separate, quoted words.
/** $1 target, $2 mode, $3 owner, $4 optional checker (visudo): temp file beside the target, then rename. */
const WRITE_ATOMIC =
  'set -e; t="$1.virtdeck-new.$$"; trap \'rm -f "$t"\' EXIT; cat >"$t"; chmod "$2" "$t"; chown "$3" "$t"; ' +
  'if [ -n "$4" ]; then "$4" -cqf "$t" >/dev/null; fi; mv -f "$t" "$1"; trap - EXIT';
/** $1 file, $2 SHA-256 of the content it was read with, $3 owner; stdin the new content. */
const WRITE_IF_UNCHANGED =
  `set -e; cur=$(cat "$1" 2>/dev/null | sha256sum | cut -c1-64); [ "$cur" = "$2" ] || exit ${CHANGED}; ` +
  't="$1.virtdeck-new.$$"; trap \'rm -f "$t"\' EXIT; cat >"$t"; chmod 600 "$t"; chown "$3" "$t"; mv -f "$t" "$1"; trap - EXIT';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

async function writeAtomic(session: HostSession, path: string, content: string, mode: string, owner: string, check = ''): Promise<void> {
  await hostRun(session, 'grant.host-failed', ['sh', '-c', WRITE_ATOMIC, 'sh', path, mode, owner, check], content);
}

/**
 * The console account, created once when `consent` allows: no password (key only), its login shell the grant shell
 * (it runs the key's forced command and nothing else), in no privileged group. The shell is (re)written each time.
 */
export async function ensureConsoleAccount(session: HostSession, consent: boolean): Promise<void> {
  const host = session.config.name;
  const exists = (await hostExec(session, ['getent', 'passwd', CONSOLE_ACCOUNT])).code === 0;
  if (!exists && !consent) throw new CoreError('grant.no-account', { host, account: CONSOLE_ACCOUNT });
  await hostRun(session, 'grant.host-failed', ['install', '-d', '-m', '755', GRANT_SHELL_PATH.slice(0, GRANT_SHELL_PATH.lastIndexOf('/'))]);
  await writeAtomic(session, GRANT_SHELL_PATH, GRANT_SHELL, '755', 'root:root');
  if (!exists) {
    await hostRun(session, 'grant.host-failed', [
      'useradd', '--system', '--create-home', '--home-dir', HOME, '--shell', GRANT_SHELL_PATH, '--password', '*', '--user-group', CONSOLE_ACCOUNT,
    ]);
  }
  const groups = (await hostRun(session, 'grant.host-failed', ['id', '-nG', CONSOLE_ACCOUNT])).trim().split(/\s+/);
  const bad = groups.filter((g) => PRIVILEGED_GROUPS.includes(g));
  if (bad.length) throw new CoreError('grant.account-privileged', { host, account: CONSOLE_ACCOUNT, groups: bad });
  await hostRun(session, 'grant.host-failed', ['install', '-d', '-m', '700', '-o', CONSOLE_ACCOUNT, '-g', CONSOLE_ACCOUNT, SSH_DIR]);
}

export async function readAuthorizedKeys(session: HostSession): Promise<string> {
  return (await hostExec(session, ['cat', AUTHORIZED_KEYS])).stdout;
}

/**
 * Edits authorized_keys by compare-and-set under flock: read, edit, write only if the file is still what was read
 * (else read again). Returns the file as written. No write when the edit changes nothing.
 */
export async function editAuthorizedKeys(session: HostSession, edit: (text: string) => string): Promise<string> {
  for (let i = 0; i < CAS_TRIES; i++) {
    const text = await readAuthorizedKeys(session);
    const next = edit(text);
    if (next === text) return text;
    const r = await hostExec(
      session,
      ['flock', `${SSH_DIR}/.virtdeck.lock`, 'sh', '-c', WRITE_IF_UNCHANGED, 'sh', AUTHORIZED_KEYS, sha256(text), `${CONSOLE_ACCOUNT}:${CONSOLE_ACCOUNT}`],
      next,
    );
    if (r.code === 0) return next;
    if (r.code !== CHANGED) {
      throw new CoreError('grant.host-failed', { host: session.config.name, output: (r.stderr.trim() || `exit ${r.code ?? 'signal'}`).split('\n').slice(-3).join(' ') });
    }
  }
  throw new CoreError('grant.busy', { host: session.config.name });
}

const sudoersFile = (id: string): string => `/etc/sudoers.d/virtdeck-grant-${id}`;

/** The one command a serial grant may run as root: that VM's console (checked with visudo before it is used). */
export async function addSerialRule(session: HostSession, id: string, uuid: string): Promise<void> {
  if ((await hostExec(session, ['test', '-x', '/usr/bin/sudo'])).code !== 0) {
    throw new CoreError('grant.host-failed', { host: session.config.name, output: 'sudo is not installed (serial grants need it)' });
  }
  const rule = `${CONSOLE_ACCOUNT} ALL=(root) NOPASSWD: ${[...SERIAL_CONSOLE_ARGV, uuid].join(' ')}\n`;
  await writeAtomic(session, sudoersFile(id), rule, '440', 'root:root', '/usr/sbin/visudo');
}

export async function removeSerialRules(session: HostSession, ids: readonly string[]): Promise<void> {
  if (ids.length) await hostRun(session, 'grant.host-failed', ['rm', '-f', '--', ...ids.map(sudoersFile)]);
}
