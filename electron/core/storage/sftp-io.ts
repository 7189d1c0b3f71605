// Pipelined SFTP I/O on one file of a host: many requests in flight, each as large as the server takes (OpenSSH
// announces its limits), so a transfer is not held back by one round trip per request as ssh2's own streams are.
import { Writable } from 'node:stream';
import type { SFTPWrapper } from 'ssh2';

/** Requests in flight per file: enough to keep a fast link busy, few enough to keep memory small (~8 MiB). */
export const SFTP_DEPTH = 32;

/** The largest read/write one request carries (ssh2 splits a larger one into requests sent one after another). */
export function sftpChunkSize(sftp: SFTPWrapper, op: 'read' | 'write'): number {
  const limits = sftp as unknown as { _maxReadLen?: number; _maxWriteLen?: number };
  const max = op === 'read' ? limits._maxReadLen : limits._maxWriteLen;
  return typeof max === 'number' && max > 0 ? max : 32 * 1024;
}

export function sftpOpen(sftp: SFTPWrapper, path: string, flags: 'r' | 'r+' | 'w'): Promise<Buffer> {
  return new Promise((resolve, reject) => sftp.open(path, flags, (err, handle) => (err ? reject(err) : resolve(handle))));
}

export function sftpClose(sftp: SFTPWrapper, handle: Buffer): Promise<void> {
  return new Promise((resolve, reject) => sftp.close(handle, (err) => (err ? reject(err) : resolve())));
}

export function sftpSize(sftp: SFTPWrapper, handle: Buffer): Promise<number> {
  return new Promise((resolve, reject) => sftp.fstat(handle, (err, st) => (err ? reject(err) : resolve(st.size))));
}

/** Reads [pos, pos+len) whole (a server may answer a read with fewer bytes); a file that ends before is an error. */
async function readFully(sftp: SFTPWrapper, handle: Buffer, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(len);
  let got = 0;
  while (got < len) {
    const n = await new Promise<number>((resolve, reject) =>
      sftp.read(handle, buf, got, len - got, pos + got, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead))),
    );
    if (n <= 0) throw new Error(`the file ended at byte ${pos + got} of ${pos + len}`);
    got += n;
  }
  return buf;
}

/** The first `size` bytes of an open file, in order, with up to `depth` reads in flight. */
export async function* sftpChunks(sftp: SFTPWrapper, handle: Buffer, size: number, depth = SFTP_DEPTH): AsyncGenerator<Buffer> {
  const chunk = sftpChunkSize(sftp, 'read');
  const pending: Array<Promise<Buffer>> = [];
  let next = 0;
  const issue = (): void => {
    while (pending.length < depth && next < size) {
      const len = Math.min(chunk, size - next);
      const read = readFully(sftp, handle, next, len);
      // A read still in flight when the consumer stops is not waited for: its failure is nobody's.
      read.catch(() => undefined);
      pending.push(read);
      next += len;
    }
  };
  issue();
  while (pending.length > 0) {
    const buf = await pending.shift()!;
    issue();
    yield buf;
  }
}

/**
 * Writes what it is given to an open file from `pos` on, with up to `depth` writes in flight; 'finish' comes when
 * the server confirmed every write. The first refused write fails the stream. `onWritten` hears each time the file
 * holds more of it, as the count of bytes from `pos` on that are all written.
 */
export class SftpFileWriter extends Writable {
  private inFlight = 0;
  /** Writes in the order sent: the end of each, and whether the server confirmed it. */
  private readonly order: Array<{ end: number; done: boolean }> = [];
  private readonly start: number;
  onWritten: ((bytes: number) => void) | null = null;
  private failed: Error | null = null;
  private waiting: (() => void) | null = null;
  private readonly chunk: number;

  constructor(
    private readonly sftp: SFTPWrapper,
    private readonly handle: Buffer,
    private pos = 0,
    private readonly depth = SFTP_DEPTH,
  ) {
    super({ highWaterMark: 1024 * 1024 });
    this.chunk = sftpChunkSize(sftp, 'write');
    this.start = pos;
  }

  override _write(buf: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.failed) return cb(this.failed);
    for (let off = 0; off < buf.length; off += this.chunk) {
      const len = Math.min(this.chunk, buf.length - off);
      this.inFlight++;
      const entry = { end: this.pos + len, done: false };
      this.order.push(entry);
      this.sftp.write(this.handle, buf, off, len, this.pos, (err) => {
        this.inFlight--;
        if (err && !this.failed) this.failed = err;
        entry.done = !err;
        this.confirmed();
        const wake = this.waiting;
        this.waiting = null;
        wake?.();
      });
      this.pos += len;
    }
    this.whenBelow(this.depth, cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.whenBelow(1, cb);
  }

  private confirmed(): void {
    let end = -1;
    while (this.order[0]?.done) end = this.order.shift()!.end;
    if (end >= 0) this.onWritten?.(end - this.start);
  }

  /** Calls back once fewer than `n` writes are in flight (or with the first failure). */
  private whenBelow(n: number, cb: (err?: Error | null) => void): void {
    if (this.failed) return cb(this.failed);
    if (this.inFlight < n) return cb();
    this.waiting = () => this.whenBelow(n, cb);
  }
}
