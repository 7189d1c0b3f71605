// Volume upload/download between a local file and a volume, and volume copies between hosts, with progress and the
// SHA-256 of the bytes moved: over the host's SSH link straight into/out of a volume's file where the pool allows it
// (a command on the host writes it, SFTP reads it), else libvirt's stream.
import { createHash, type Hash } from 'node:crypto';
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { LibvirtError } from '../../libvirt/errors.js';
import type { LibvirtStream } from '../../libvirt/stream.js';
import type { StorageVolRef } from '../../libvirt/protocol/index.js';
import { CoreError } from '../errors.js';
import type { TaskContext } from '../tasks/task-service.js';
import type { TransferResult } from '../../../shared/model/storage.js';
import type { HostSession } from '../hosts/host-session.js';
import { fileSha256 } from './file-sha256.js';
import { hostSha256 } from './host-sha256.js';
import { writeHostFile } from './host-file-write.js';
import { fileChunks, sftpChunks, sftpSize } from './sftp-io.js';
import { openVolumeFile, volumeFilePath, type VolumeEnd, type VolumeFile } from './volume-file.js';

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

/** Every chunk of `from` into a stream (waiting for 'drain' when it is full); its bytes and their SHA-256. */
async function pumpHashed(from: AsyncIterable<unknown>, to: Writable, ctx: TaskContext, onBytes: (done: number) => void): Promise<Omit<TransferResult, 'ms' | 'via'>> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of from) {
    ctx.signal.throwIfAborted();
    const buf = chunk as Buffer;
    hash.update(buf);
    if (to.errored) throw to.errored;
    if (!to.write(buf)) await once(to, 'drain', { signal: ctx.signal });
    bytes += buf.length;
    onBytes(bytes);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** A failure on the host (no space, I/O error) as the CoreError of what was being done. */
function hostFailure(err: unknown, end: VolumeEnd, code: 'volume.upload-failed' | 'volume.download-failed'): unknown {
  if (err instanceof CoreError || err instanceof LibvirtError || !(err instanceof Error) || !end.session) return err;
  return new CoreError(code, { host: end.session.config.name, pool: end.vol.pool, volume: end.vol.name, message: err.message }, { cause: err });
}

/** Chunks of a local file read for an upload (each valid until the next is asked for). */
const UPLOAD_CHUNK = 256 * 1024;

/**
 * Uploads a local file into a volume from its first byte on (what lies beyond the file's length stays). A file
 * volume of a host reached over SSH is written by a command on the host, which hashes what it stored while the file
 * here is hashed on another thread; any other through libvirt's stream.
 */
export async function uploadFile(to: VolumeEnd, file: string, ctx: TaskContext): Promise<TransferResult> {
  const t0 = performance.now();
  const size = (await stat(file)).size;
  const onBytes = progressReporter(ctx, size, (doneBytes, totalBytes) => report('note.uploaded-of', { doneBytes, totalBytes }));
  const path = await volumeFilePath(to);
  if (path !== null && to.session) {
    const fh = await open(file, 'r');
    try {
      const written = await writeHostFile(to.session, path, size, fileChunks(fh, UPLOAD_CHUNK), ctx, onBytes);
      if (written) {
        const sha256 = await checked(to.session, path, written.stored, fileSha256(file, written.bytes, ctx.signal));
        onBytes(written.bytes);
        return { bytes: written.bytes, sha256, via: 'ssh', ms: performance.now() - t0 };
      }
    } catch (err) {
      throw ctx.signal.aborted ? ctx.signal.reason : hostFailure(err, to, 'volume.upload-failed');
    } finally {
      await fh.close();
    }
  }
  const stream = await to.lv.storageVolUpload(to.vol, 0, size);
  const onAbort = (): void => stream.abort();
  ctx.signal.addEventListener('abort', onAbort);
  let sent: Omit<TransferResult, 'ms' | 'via'>;
  try {
    sent = await pumpHashed(createReadStream(file, { highWaterMark: 256 * 1024 }), stream, ctx, onBytes);
    await stream.finish();
  } catch (err) {
    stream.abort();
    throw ctx.signal.aborted ? ctx.signal.reason : err;
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
  onBytes(sent.bytes);
  return { ...sent, via: 'stream', ms: performance.now() - t0 };
}

/** The host's hash of what it stored and the source's hash of what was sent, taken side by side, must match. */
async function checked(session: HostSession, path: string, stored: Promise<string>, source: Promise<string>): Promise<string> {
  const [actual, expected] = await Promise.all([stored, source]);
  mustMatch(session, path, expected, actual);
  return expected;
}

function mustMatch(session: HostSession, path: string, expected: string, actual: string): void {
  if (actual !== expected) throw new CoreError('migrate.checksum-mismatch', { host: session.config.name, path, expected, actual });
}

/** The host's SHA-256 of the file (`prefixOnly`: of its first bytes) must be the one of the bytes sent. */
export async function verifyOnHost(session: HostSession, path: string, sent: { bytes: number; sha256: string }, prefixOnly = false): Promise<void> {
  mustMatch(session, path, sent.sha256, await hostSha256(session, path, prefixOnly ? sent.bytes : undefined));
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
  let received: Omit<TransferResult, 'ms' | 'via'>;
  let stream: LibvirtStream | null = null;
  // A write error (disk full) can come while nothing waits on the file: keep it, and stop reading.
  out.on('error', (err) => {
    writeError = err;
    stream?.abort();
  });
  try {
    stream = await lv.storageVolDownload(vol, 0, 0);
    received = await pumpHashed(stream, out, ctx, onBytes);
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
  return { ...received, via: 'stream', ms: performance.now() - t0 };
}

/** The chunks of `from`, each added to `hash` as it passes. */
async function* hashing(from: AsyncIterable<unknown>, hash: Hash): AsyncGenerator<Buffer> {
  for await (const chunk of from) {
    hash.update(chunk as Buffer);
    yield chunk as Buffer;
  }
}

/**
 * Copies a volume's bytes from one host to another through VirtDeck, with progress and the SHA-256 of the bytes
 * moved. A source volume that is a file on a host reached over SSH is read over that host's SFTP (many requests in
 * flight), a target one is written by a command on its host (its content replaced); any other end takes libvirt's
 * stream. The target volume exists already; with the target's session, what arrived is checked by the host's SHA-256.
 */
export async function copyVolume(
  from: VolumeEnd,
  to: VolumeEnd,
  expectedBytes: number,
  ctx: TaskContext,
  note: (doneBytes: number, totalBytes: number) => ErrorReport,
): Promise<TransferResult> {
  const t0 = performance.now();
  let src: VolumeFile | null = null;
  let down: LibvirtStream | null = null;
  let up: LibvirtStream | null = null;
  try {
    src = await openVolumeFile(from);
    const total = src ? await sftpSize(src.sftp, src.handle) : expectedBytes;
    const dstPath = await volumeFilePath(to);
    if (!src) down = await from.lv.storageVolDownload(from.vol, 0, 0);
    // SFTP reads, made only when asked for: into a command's stdin, which takes each chunk before the next is read,
    // they may reuse their buffers; a libvirt stream keeps them.
    const read = (reuse: boolean): AsyncIterable<unknown> => (src ? sftpChunks(src.sftp, src.handle, total, { reuse }) : down!);
    const onBytes = progressReporter(ctx, total, note);
    if (dstPath !== null && to.session) {
      // The source host hashes what was read as the target hashes what it stored; a stream is hashed as it passes.
      const passing = createHash('sha256');
      const written = await writeHostFile(to.session, dstPath, null, src ? read(true) : hashing(read(false), passing), ctx, onBytes);
      if (written) {
        const sourceSha = src ? hostSha256(src.session, src.path, written.bytes) : Promise.resolve(passing.digest('hex'));
        const sha256 = await checked(to.session, dstPath, written.stored, sourceSha);
        onBytes(written.bytes);
        return { bytes: written.bytes, sha256, via: 'ssh', ms: performance.now() - t0 };
      }
      // The target's account may not write the file (refused before any byte was read): libvirt's stream below.
    }
    up = await to.lv.storageVolUpload(to.vol, 0, 0);
    const moved = await pumpHashed(read(false), up, ctx, onBytes);
    await up.finish();
    if (to.session) await verifyOnHost(to.session, await to.lv.storageVolGetPath(to.vol), moved);
    onBytes(moved.bytes);
    return { ...moved, via: 'stream', ms: performance.now() - t0 };
  } catch (err) {
    down?.abort();
    up?.abort();
    if (ctx.signal.aborted) throw ctx.signal.reason;
    throw hostFailure(hostFailure(err, to, 'volume.upload-failed'), from, 'volume.download-failed');
  } finally {
    await src?.close();
  }
}
