// Volume upload/download between a local file and a volume, with progress and the SHA-256 of the bytes moved.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import type { StorageVolRef } from '../../libvirt/protocol/index.js';
import type { TaskContext } from '../tasks/task-service.js';
import type { TransferResult } from '../../../shared/model/storage.js';

export type { TransferResult };

/** Progress at most every 1 % (and at the end) so a fast transfer does not flood task events. */
function progressReporter(ctx: TaskContext, total: number, verb: string): (done: number) => void {
  let last = -1;
  return (done) => {
    const fraction = total > 0 ? Math.min(1, done / total) : null;
    const pct = fraction === null ? 0 : Math.floor(fraction * 100);
    if (pct === last && done < total) return;
    last = pct;
    ctx.progress(fraction, `${verb} ${(done / 1048576).toFixed(1)} of ${(total / 1048576).toFixed(1)} MiB`);
  };
}

/** Moves every chunk of `from` into `to` (waiting for 'drain' when it is full), hashing and counting the bytes. */
async function pump(
  from: AsyncIterable<unknown>,
  to: Writable,
  ctx: TaskContext,
  report: (done: number) => void,
): Promise<Omit<TransferResult, 'ms'>> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of from) {
    ctx.signal.throwIfAborted();
    const buf = chunk as Buffer;
    hash.update(buf);
    bytes += buf.length;
    if (!to.write(buf)) await once(to, 'drain', { signal: ctx.signal });
    report(bytes);
  }
  return { bytes, sha256: hash.digest('hex') };
}

export async function uploadFile(lv: LibvirtConnection, vol: StorageVolRef, file: string, ctx: TaskContext): Promise<TransferResult> {
  const t0 = performance.now();
  const size = (await stat(file)).size;
  const report = progressReporter(ctx, size, 'uploaded');
  const stream = await lv.storageVolUpload(vol, 0, size);
  const onAbort = (): void => stream.abort();
  ctx.signal.addEventListener('abort', onAbort);
  let sent: Omit<TransferResult, 'ms'>;
  try {
    sent = await pump(createReadStream(file, { highWaterMark: 256 * 1024 }), stream, ctx, report);
    await stream.finish();
  } catch (err) {
    stream.abort();
    throw ctx.signal.aborted ? ctx.signal.reason : err;
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
  report(sent.bytes);
  return { ...sent, ms: performance.now() - t0 };
}

/** Writes to FILE.part and renames it into place only when the whole volume arrived. */
export async function downloadFile(
  lv: LibvirtConnection,
  vol: StorageVolRef,
  file: string,
  expectedBytes: number,
  ctx: TaskContext,
): Promise<TransferResult> {
  const t0 = performance.now();
  const report = progressReporter(ctx, expectedBytes, 'downloaded');
  const part = `${file}.part`;
  const out = createWriteStream(part, { flags: 'wx' });
  const stream = await lv.storageVolDownload(vol, 0, 0);
  let received: Omit<TransferResult, 'ms'>;
  try {
    received = await pump(stream, out, ctx, report);
    out.end();
    await once(out, 'finish');
    await rename(part, file);
  } catch (err) {
    stream.abort();
    out.destroy();
    await rm(part, { force: true });
    throw ctx.signal.aborted ? ctx.signal.reason : err;
  }
  report(received.bytes);
  return { ...received, ms: performance.now() - t0 };
}
