// Volume upload/download between a local file and a volume, with progress and the SHA-256 of the bytes moved.
import { createHash } from 'node:crypto';
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import type { LibvirtStream } from '../../libvirt/stream.js';
import type { StorageVolRef } from '../../libvirt/protocol/index.js';
import { CoreError } from '../errors.js';
import type { TaskContext } from '../tasks/task-service.js';
import type { TransferResult } from '../../../shared/model/storage.js';

export type { TransferResult };

/** Progress at most every 1 % (and at the end) so a fast transfer does not flood task events. */
function progressReporter(ctx: TaskContext, total: number, note: (doneBytes: number, totalBytes: number) => ErrorReport): (done: number) => void {
  let last = -1;
  return (done) => {
    const fraction = total > 0 ? Math.min(1, done / total) : null;
    const pct = fraction === null ? 0 : Math.floor(fraction * 100);
    if (pct === last && done < total) return;
    last = pct;
    ctx.progress(fraction, note(done, total));
  };
}

/** Moves every chunk of `from` into `to` (waiting for 'drain' when it is full), hashing and counting the bytes. */
async function pump(
  from: AsyncIterable<unknown>,
  to: Writable,
  ctx: TaskContext,
  onBytes: (done: number) => void,
): Promise<Omit<TransferResult, 'ms'>> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of from) {
    ctx.signal.throwIfAborted();
    const buf = chunk as Buffer;
    hash.update(buf);
    bytes += buf.length;
    if (!to.write(buf)) await once(to, 'drain', { signal: ctx.signal });
    onBytes(bytes);
  }
  return { bytes, sha256: hash.digest('hex') };
}

export async function uploadFile(lv: LibvirtConnection, vol: StorageVolRef, file: string, ctx: TaskContext): Promise<TransferResult> {
  const t0 = performance.now();
  const size = (await stat(file)).size;
  const onBytes = progressReporter(ctx, size, (doneBytes, totalBytes) => report('note.uploaded-of', { doneBytes, totalBytes }));
  const stream = await lv.storageVolUpload(vol, 0, size);
  const onAbort = (): void => stream.abort();
  ctx.signal.addEventListener('abort', onAbort);
  let sent: Omit<TransferResult, 'ms'>;
  try {
    sent = await pump(createReadStream(file, { highWaterMark: 256 * 1024 }), stream, ctx, onBytes);
    await stream.finish();
  } catch (err) {
    stream.abort();
    throw ctx.signal.aborted ? ctx.signal.reason : err;
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
  onBytes(sent.bytes);
  return { ...sent, ms: performance.now() - t0 };
}

/** A FILE.part nobody wrote to for this long is left by a download that died (a crash, a kill). */
const STALE_PART_MS = 10 * 60_000;

/**
 * Opens FILE.part for a new download. One left by a dead download is replaced; a fresh one means another download
 * to FILE is running, which is refused.
 */
async function openPart(file: string): Promise<FileHandle> {
  const part = `${file}.part`;
  try {
    return await open(part, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const age = Date.now() - (await stat(part)).mtimeMs;
  if (age < STALE_PART_MS) throw new CoreError('file.download-running', { path: file, part });
  await rm(part, { force: true });
  return open(part, 'wx');
}

/** Writes to FILE.part and renames it into place only when the whole volume arrived; a failure leaves neither. */
export async function downloadFile(
  lv: LibvirtConnection,
  vol: StorageVolRef,
  file: string,
  expectedBytes: number,
  ctx: TaskContext,
): Promise<TransferResult> {
  const t0 = performance.now();
  const onBytes = progressReporter(ctx, expectedBytes, (doneBytes, totalBytes) => report('note.downloaded-of', { doneBytes, totalBytes }));
  const part = `${file}.part`;
  const out = (await openPart(file)).createWriteStream();
  let writeError: unknown = null;
  let received: Omit<TransferResult, 'ms'>;
  let stream: LibvirtStream | null = null;
  // A write error (disk full) can come while nothing waits on the file: keep it, and stop reading.
  out.on('error', (err) => {
    writeError = err;
    stream?.abort();
  });
  try {
    stream = await lv.storageVolDownload(vol, 0, 0);
    received = await pump(stream, out, ctx, onBytes);
    out.end();
    await once(out, 'finish');
    await rename(part, file);
  } catch (err) {
    stream?.abort();
    out.destroy();
    await rm(part, { force: true });
    throw ctx.signal.aborted ? ctx.signal.reason : (writeError ?? err);
  }
  onBytes(received.bytes);
  return { ...received, ms: performance.now() - t0 };
}

/**
 * Copies a volume's bytes from one host to another through VirtDeck (a download stream piped into an upload
 * stream), with progress and the SHA-256 of the bytes moved. The target volume exists already.
 */
export async function copyVolume(
  from: { lv: LibvirtConnection; vol: StorageVolRef },
  to: { lv: LibvirtConnection; vol: StorageVolRef },
  expectedBytes: number,
  ctx: TaskContext,
  note: (doneBytes: number, totalBytes: number) => ErrorReport,
): Promise<TransferResult> {
  const t0 = performance.now();
  const onBytes = progressReporter(ctx, expectedBytes, note);
  let down: LibvirtStream | null = null;
  let up: LibvirtStream | null = null;
  try {
    down = await from.lv.storageVolDownload(from.vol, 0, 0);
    up = await to.lv.storageVolUpload(to.vol, 0, 0);
    const moved = await pump(down, up, ctx, onBytes);
    await up.finish();
    onBytes(moved.bytes);
    return { ...moved, ms: performance.now() - t0 };
  } catch (err) {
    down?.abort();
    up?.abort();
    throw ctx.signal.aborted ? ctx.signal.reason : err;
  }
}
