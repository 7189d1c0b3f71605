// Small files on a host over the SSH connection's SFTP subsystem (no shell command): append (the server opens the
// file O_APPEND, so concurrent writers never overwrite each other's bytes) and read a file's tail.
import type { SFTPWrapper } from 'ssh2';

/** SFTP status NO_SUCH_FILE. */
const NO_SUCH_FILE = 2;
/** Bytes per write: one SFTP packet, so one write(2) with O_APPEND on the host. */
export const APPEND_CHUNK = 16 * 1024;

const codeOf = (err: unknown): unknown => (err as { code?: unknown }).code;

function call<T>(fn: (cb: (err: Error | undefined | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));
}

/** The parents of an absolute path, outermost first (/a/b/c → /a, /a/b). */
export function parentsOf(file: string): string[] {
  const parts = file.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
}

/** Pieces of at most `max` bytes cut after a newline where there is one, so a line is never split by a writer. */
export function appendChunks(data: Buffer, max = APPEND_CHUNK): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(data.length, start + max);
    if (end < data.length) {
      const nl = data.lastIndexOf(0x0a, end - 1);
      if (nl >= start) end = nl + 1;
    }
    out.push(data.subarray(start, end));
    start = end;
  }
  return out;
}

async function appendOnce(sftp: SFTPWrapper, file: string, data: Buffer, mode: number): Promise<void> {
  const handle = await call<Buffer>((cb) => sftp.open(file, 'a', mode, cb));
  try {
    for (const chunk of appendChunks(data)) await call<void>((cb) => sftp.write(handle, chunk, 0, chunk.length, 0, (err) => cb(err)));
  } finally {
    await call<void>((cb) => sftp.close(handle, (err) => cb(err))).catch(() => undefined);
  }
}

/** Appends `data` to `file`, making its directories (mode 0755) when they are missing. */
export async function sftpAppend(sftp: SFTPWrapper, file: string, data: Buffer, mode = 0o644): Promise<void> {
  try {
    await appendOnce(sftp, file, data, mode);
  } catch (err) {
    if (codeOf(err) !== NO_SUCH_FILE) throw err;
    for (const dir of parentsOf(file)) await call<void>((cb) => sftp.mkdir(dir, { mode: 0o755 }, (e) => cb(e))).catch(() => undefined);
    await appendOnce(sftp, file, data, mode);
  }
}

/** The last `maxBytes` of `file`, or null when it does not exist. */
export async function sftpReadTail(sftp: SFTPWrapper, file: string, maxBytes: number): Promise<Buffer | null> {
  let handle: Buffer;
  try {
    handle = await call<Buffer>((cb) => sftp.open(file, 'r', cb));
  } catch (err) {
    if (codeOf(err) === NO_SUCH_FILE) return null;
    throw err;
  }
  try {
    const { size } = await call<{ size: number }>((cb) => sftp.fstat(handle, cb));
    const length = Math.min(size, maxBytes);
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = await new Promise<number>((resolve, reject) =>
        sftp.read(handle, buf, done, Math.min(length - done, APPEND_CHUNK * 2), size - length + done, (err, bytes) => (err ? reject(err) : resolve(bytes))),
      );
      if (n === 0) break;
      done += n;
    }
    return buf.subarray(0, done);
  } finally {
    await call<void>((cb) => sftp.close(handle, (err) => cb(err))).catch(() => undefined);
  }
}
