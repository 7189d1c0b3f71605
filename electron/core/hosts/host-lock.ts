// A lock every VirtDeck that reaches a host respects: a file made by exclusive create (HostFiles.create: of two
// racing takers one wins), removed by its holder when done. A lock older than `staleSeconds` is a crashed holder's:
// it is broken, and the next try may take it.
import type { HostFiles } from './host-files.js';

/** One try: true when this caller now holds `lock` (it must remove it when done). */
export async function tryHostLock(files: HostFiles, lock: string, by: string, staleSeconds: number): Promise<boolean> {
  if (await files.create(lock, JSON.stringify({ by, at: new Date().toISOString() }))) return true;
  const age = await files.age(lock);
  if (age !== null && age > staleSeconds) await files.remove(lock);
  return false;
}
