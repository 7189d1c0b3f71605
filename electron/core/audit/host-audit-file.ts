// A host's audit file (HOST_AUDIT_FILE), which every VirtDeck reaching the host appends to, kept bounded: when an
// append would take it past HOST_FILE_MAX, the file is first renamed to `<file>.1` (the one older generation kept,
// replacing the one before) and the append starts a new file. The rename goes through the transport's files
// (SFTP posix-rename, or this machine's rename), never a shell line. Two VirtDecks crossing the bound together must
// rotate once — a second rename would push out the generation just rotated — so a rotation holds a lock file and
// checks the size again under it; a VirtDeck that finds the lock taken just appends (the file is past the bound by
// one batch until the next append). Reading takes the current file's tail and, when it is shorter than asked, the
// tail of `.1` too, so a list right after a rotation still shows the recent past.
import type { HostTransport } from '../hosts/host-transport.js';
import type { HostFiles } from '../hosts/host-files.js';
import { tryHostLock } from '../hosts/host-lock.js';

/**
 * One generation's bound, the same as what a list reads (HOST_FILE_READ_MAX): right after a rotation a list still
 * finds a whole generation's worth of lines in `.1`. A host then keeps at most two generations, ~16 MiB: with
 * entries of ~400 bytes, 20 000 to 40 000 actions — months of a team's work — at a cost no host notices.
 */
export const HOST_FILE_MAX = 8 * 1024 * 1024;
/** How much of a host's audit lines a list reads (their newest part, over both generations). */
export const HOST_FILE_READ_MAX = 8 * 1024 * 1024;
/** A rotation lock older than this is a crashed VirtDeck's (holding it is one stat and one rename). */
const STALE_ROTATION_SECONDS = 60;

export type AuditFileTransport = Pick<HostTransport, 'appendFile' | 'readFileTail' | 'files'>;

/** The older generation of a host's audit file. */
export const olderGeneration = (file: string): string => `${file}.1`;
const rotationLock = (file: string): string => `${file}.rotate-lock`;

/** Whether appending `adding` bytes to a file of `size` bytes (null: none yet) rotates it first. An empty file is
 *  never rotated: a batch larger than the bound goes whole into it. */
export function rotationDue(size: number | null, adding: number, max: number): boolean {
  return size !== null && size > 0 && size + adding > max;
}

/** How many bytes of `.1` a read takes after `currentBytes` of the current file: what is left of `max`. */
export function olderBudget(currentBytes: number, max: number): number {
  return Math.max(0, max - currentBytes);
}

async function rotate(files: HostFiles, file: string, adding: number, by: string, max: number): Promise<void> {
  const lock = rotationLock(file);
  if (!(await tryHostLock(files, lock, by, STALE_ROTATION_SECONDS))) return; // another VirtDeck rotates right now
  try {
    if (rotationDue(await files.size(file), adding, max)) await files.rename(file, olderGeneration(file));
  } finally {
    await files.remove(lock);
  }
}

/** Appends lines to the host's audit file, rotating it first when they would take it past `max`. */
export async function appendAuditLines(t: AuditFileTransport, file: string, data: Buffer, by: string, max = HOST_FILE_MAX): Promise<void> {
  const files = await t.files();
  if (rotationDue(await files.size(file), data.length, max)) await rotate(files, file, data.length, by, max);
  await t.appendFile(file, data);
}

/** The newest `max` bytes of the host's audit lines: the older generation's tail (when the current file is shorter
 *  than `max`) and the current file's, oldest first. Each may start inside a line: the reader skips a torn one. */
export async function readAuditTail(t: AuditFileTransport, file: string, max = HOST_FILE_READ_MAX): Promise<Buffer[]> {
  // The current file first: a rotation between the two reads then shows lines twice (merged by id), never none.
  const current = await t.readFileTail(file, max);
  const rest = olderBudget(current?.length ?? 0, max);
  const older = rest > 0 ? await t.readFileTail(olderGeneration(file), rest) : null;
  return [older, current].filter((b): b is Buffer => b !== null);
}
