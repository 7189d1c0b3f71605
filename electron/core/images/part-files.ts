// Half-downloaded images: a URL download writes `<volume>.<8 hex>.part` in the pool's directory and renames it into
// place when complete. A download whose SSH connection or VirtDeck died leaves its part behind (taking space and
// showing as a volume), so parts are swept: removed once no process on the host has them open and nothing wrote to
// them for STALE_MINUTES — or at once when this VirtDeck knows the download is over (`ended`).
import { randomUUID } from 'node:crypto';
import { hostExec } from '../hosts/host-exec.js';
import type { HostSession } from '../hosts/host-session.js';

const PART_RE = /\.[0-9a-f]{8}\.part$/;
/** Longer than any gap in a live download's writes and reads (curl writing, then sha256sum reading, then mv). */
const STALE_MINUTES = 10;
/** Prints the target of every open fd that ends in .part (a fixed script: no argument reaches the shell). */
const OPEN_PARTS = `exec find /proc/[0-9]*/fd -mindepth 1 -maxdepth 1 -lname '*.part' -printf '%l\\n'`;

/** Where a download to `dest` writes until it is complete. */
export function partFile(dest: string): string {
  return `${dest}.${randomUUID().slice(0, 8)}.part`;
}

/** Removes the stale parts in `dirs` (and the `ended` ones in them) that no process holds open; returns what went. */
export async function removeStaleParts(session: HostSession, dirs: readonly string[], ended: ReadonlySet<string> = new Set()): Promise<string[]> {
  if (!dirs.length) return [];
  const list = async (olderThan: string[]): Promise<string[]> => {
    const r = await hostExec(session, ['find', ...dirs, '-maxdepth', '1', '-type', 'f', '-name', '*.part', ...olderThan, '-print']);
    return r.stdout.split('\n').filter((p) => PART_RE.test(p));
  };
  const all = await list([]);
  const stale = new Set(await list(['-mmin', `+${STALE_MINUTES}`]));
  const candidates = all.filter((p) => stale.has(p) || ended.has(p));
  if (!candidates.length) return [];
  // Files some process has open (a download still running, of this VirtDeck or another): their fd links in /proc.
  const open = await hostExec(session, ['sh', '-c', OPEN_PARTS]);
  // find names processes that ended meanwhile or that are another user's (a download runs as the SSH user, whose
  // processes it sees); any other complaint means it cannot tell: remove nothing.
  if (open.stderr.split('\n').some((line) => line && !/(No such file or directory|Permission denied)$/.test(line))) return [];
  const held = new Set(open.stdout.split('\n'));
  const doomed = candidates.filter((p) => !held.has(p));
  if (doomed.length) await hostExec(session, ['rm', '-f', '--', ...doomed]);
  return doomed;
}
