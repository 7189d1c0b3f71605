// Volume upload/download between a local file and a volume, with progress and the SHA-256 of the bytes moved.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
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

export async function uploadFile(lv: LibvirtConnection, vol: StorageVolRef, file: string, ctx: TaskContext): Promise<TransferResult> {
  const t0 = performance.now();
  const size = (await stat(file)).size;
  const hash = createHash('sha256');
  const report = progressReporter(ctx, size, 'uploaded');
  const stream = await lv.storageVolUpload(vol, 0, size);
  const onAbort = (): void => stream.abort();
  ctx.signal.addEventListener('abort', onAbort);
  let sent = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
      ctx.signal.throwIfAborted();
      const buf = chunk as Buffer;
      hash.update(buf);
      sent += buf.length;
      if (!stream.write(buf)) await once(stream, 'drain', { signal: ctx.signal });
      report(sent);
    }
    await stream.finish();
  } catch (err) {
    stream.abort();
    throw ctx.signal.aborted ? ctx.signal.reason : err;
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
  report(sent);
  return { bytes: sent, sha256: hash.digest('hex'), ms: performance.now() - t0 };
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
  const hash = createHash('sha256');
  const report = progressReporter(ctx, expectedBytes, 'downloaded');
  const part = `${file}.part`;
  const out = createWriteStream(part, { flags: 'wx' });
  const stream = await lv.storageVolDownload(vol, 0, 0);
  let received = 0;
  try {
    for await (const chunk of stream) {
      ctx.signal.throwIfAborted();
      const buf = chunk as Buffer;
      hash.update(buf);
      received += buf.length;
      if (!out.write(buf)) await once(out, 'drain', { signal: ctx.signal });
      report(received);
    }
    out.end();
    await once(out, 'finish');
    await rename(part, file);
  } catch (err) {
    stream.abort();
    out.destroy();
    await rm(part, { force: true });
    throw ctx.signal.aborted ? ctx.signal.reason : err;
  }
  report(received);
  return { bytes: received, sha256: hash.digest('hex'), ms: performance.now() - t0 };
}
