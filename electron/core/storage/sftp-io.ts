// Pipelined SFTP reads of one file of a host: many requests in flight, each as large as the server takes (OpenSSH
// announces its limits), so a transfer is not held back by one round trip per request as ssh2's own streams are.
// Also the upload's reads of a local file, into one reused buffer.
import type { FileHandle } from 'node:fs/promises';
import type { SFTPWrapper } from 'ssh2';

/** Requests in flight per file: enough to keep a fast link busy, few enough to keep memory small (~8 MiB). */
export const SFTP_DEPTH = 32;

/** The largest read one request carries (ssh2 splits a larger one into requests sent one after another). */
function sftpReadSize(sftp: SFTPWrapper): number {
  const max = (sftp as unknown as { _maxReadLen?: number })._maxReadLen;
  return typeof max === 'number' && max > 0 ? max : 32 * 1024;
}

/** Opens a file for reading. */
export function sftpOpen(sftp: SFTPWrapper, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => sftp.open(path, 'r', (err, handle) => (err ? reject(err) : resolve(handle))));
}

export function sftpClose(sftp: SFTPWrapper, handle: Buffer): Promise<void> {
  return new Promise((resolve, reject) => sftp.close(handle, (err) => (err ? reject(err) : resolve())));
}

export function sftpSize(sftp: SFTPWrapper, handle: Buffer): Promise<number> {
  return new Promise((resolve, reject) => sftp.fstat(handle, (err, st) => (err ? reject(err) : resolve(st.size))));
}

/** Fills `buf` from the file's byte `pos` on (a server may answer a read with fewer bytes); a file that ends before is an error. */
async function readFully(sftp: SFTPWrapper, handle: Buffer, buf: Buffer, pos: number): Promise<void> {
  let got = 0;
  while (got < buf.length) {
    const n = await new Promise<number>((resolve, reject) =>
      sftp.read(handle, buf, got, buf.length - got, pos + got, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead))),
    );
    if (n <= 0) throw new Error(`the file ended at byte ${pos + got} of ${pos + buf.length}`);
    got += n;
  }
}

/**
 * The first `size` bytes of an open file, in order, with up to `depth` reads in flight. With `reuse`, the reads land
 * in a ring of `depth` buffers and each chunk is valid only until the consumer asks for the next one (a consumer
 * that copies it at once, as an SFTP write does, then allocates nothing per chunk: 200 MiB of short-lived buffers
 * cost a copy dozens of full garbage collections of the app's heap).
 */
export async function* sftpChunks(sftp: SFTPWrapper, handle: Buffer, size: number, opts: { depth?: number; reuse?: boolean } = {}): AsyncGenerator<Buffer> {
  const depth = opts.depth ?? SFTP_DEPTH;
  const chunk = sftpReadSize(sftp);
  const ring = opts.reuse ? Array.from({ length: depth }, () => Buffer.allocUnsafe(chunk)) : null;
  const pending: Array<Promise<Buffer>> = [];
  let next = 0;
  let issued = 0;
  const issue = (): void => {
    while (pending.length < depth && next < size) {
      const len = Math.min(chunk, size - next);
      const buf = ring ? ring[issued % depth]!.subarray(0, len) : Buffer.allocUnsafe(len);
      const read = readFully(sftp, handle, buf, next).then(() => buf);
      // A read still in flight when the consumer stops is not waited for: its failure is nobody's.
      read.catch(() => undefined);
      pending.push(read);
      next += len;
      issued++;
    }
  };
  issue();
  while (pending.length > 0) {
    const buf = await pending.shift()!;
    yield buf;
    issue(); // the buffer just consumed is the next read's
  }
}

/** The bytes of a local file in chunks read into one buffer, each valid until the next is asked for. */
export async function* fileChunks(file: FileHandle, chunk: number): AsyncGenerator<Buffer> {
  const buf = Buffer.allocUnsafe(chunk);
  for (let pos = 0; ; ) {
    const { bytesRead } = await file.read(buf, 0, chunk, pos);
    if (bytesRead === 0) return;
    pos += bytesRead;
    yield buf.subarray(0, bytesRead);
  }
}
