// Small state files on a host, with no agent and no shell: over the SSH link's SFTP subsystem, or this machine's
// file system. What makes them safe to share between VirtDeck installs is `create` — an exclusive create
// (O_CREAT|O_EXCL, SFTP open flags "wx"), atomic on the host's file system: of two racing writers one wins — and
// `replace` — a temporary file renamed over the target (POSIX rename, atomic), so a reader never sees half a file.
import { constants as fsConst } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { SFTPWrapper, Stats } from 'ssh2';

export interface HostFiles {
  /** Creates the directory and its parents (mode 0755); fine when it exists. */
  mkdirp(path: string): Promise<void>;
  /** The names in a directory (none when it is missing). */
  list(dir: string): Promise<string[]>;
  /** The file's bytes, or null when it is missing. */
  read(path: string): Promise<Buffer | null>;
  /** Seconds since the file changed, or null when it is missing. */
  age(path: string): Promise<number | null>;
  /** The file's size in bytes, or null when it is missing. */
  size(path: string): Promise<number | null>;
  /** Exclusive create: false (nothing written) when the file exists already. */
  create(path: string, data: string): Promise<boolean>;
  /** Writes a temporary file beside `path` and renames it over `path`. */
  replace(path: string, data: string): Promise<void>;
  /** Renames `from` to `to` atomically, replacing `to` (POSIX rename); false when `from` was not there. */
  rename(from: string, to: string): Promise<boolean>;
  /** False when the file was not there. */
  remove(path: string): Promise<boolean>;
  /** Removes an empty directory; false when it is missing or not empty. */
  removeDir(path: string): Promise<boolean>;
}

const tempName = (path: string): string => `${path}.tmp-${randomBytes(6).toString('hex')}`;

const parents = (path: string): string[] => {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
};

// ---- this machine ----

const isErr = (err: unknown, ...codes: string[]): boolean => codes.includes((err as NodeJS.ErrnoException).code ?? '');

export const localFiles: HostFiles = {
  async mkdirp(path) {
    await mkdir(path, { recursive: true, mode: 0o755 });
  },
  async list(dir) {
    return readdir(dir).catch((err: unknown) => (isErr(err, 'ENOENT') ? [] : Promise.reject(err)));
  },
  async read(path) {
    return readFile(path).catch((err: unknown) => (isErr(err, 'ENOENT') ? null : Promise.reject(err)));
  },
  async age(path) {
    const st = await stat(path).catch((err: unknown) => (isErr(err, 'ENOENT') ? null : Promise.reject(err)));
    return st ? (Date.now() - st.mtimeMs) / 1000 : null;
  },
  async size(path) {
    const st = await stat(path).catch((err: unknown) => (isErr(err, 'ENOENT') ? null : Promise.reject(err)));
    return st ? st.size : null;
  },
  async create(path, data) {
    const fh = await open(path, fsConst.O_WRONLY | fsConst.O_CREAT | fsConst.O_EXCL, 0o644).catch((err: unknown) =>
      isErr(err, 'EEXIST') ? null : Promise.reject(err),
    );
    if (!fh) return false;
    try {
      await fh.writeFile(data);
    } finally {
      await fh.close();
    }
    return true;
  },
  async replace(path, data) {
    const tmp = tempName(path);
    await writeFile(tmp, data, { mode: 0o644 });
    await rename(tmp, path);
  },
  async rename(from, to) {
    return rename(from, to).then(
      () => true,
      (err: unknown) => (isErr(err, 'ENOENT') ? false : Promise.reject(err)),
    );
  },
  async remove(path) {
    return unlink(path).then(
      () => true,
      (err: unknown) => (isErr(err, 'ENOENT') ? false : Promise.reject(err)),
    );
  },
  async removeDir(path) {
    return rmdir(path).then(
      () => true,
      (err: unknown) => (isErr(err, 'ENOENT', 'ENOTEMPTY', 'EEXIST') ? false : Promise.reject(err)),
    );
  },
};

// ---- over SFTP ----

/** SFTP status codes (draft-ietf-secsh-filexfer-02, what OpenSSH speaks). */
const SFTP_NO_SUCH_FILE = 2;

const sftpCode = (err: unknown): number | undefined => (err as { code?: number }).code;

function call<T>(fn: (cb: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));
}

const missingAs = <T>(value: T) => (err: unknown): T | Promise<never> => (sftpCode(err) === SFTP_NO_SUCH_FILE ? value : Promise.reject(err));

/**
 * The host's files through one SFTP session. SFTP version 3 answers a failed exclusive create with a bare FAILURE
 * (no EEXIST), so a failed create is told apart by a stat: there is a file → taken; there is none (it was
 * removed meanwhile) → try again.
 */
export function sftpFiles(sftp: SFTPWrapper): HostFiles {
  const statOf = (path: string): Promise<Stats | null> => call<Stats>((cb) => sftp.stat(path, cb)).catch(missingAs(null));
  const writeAll = async (path: string, flags: 'w' | 'wx', data: string): Promise<void> => {
    const handle = await call<Buffer>((cb) => sftp.open(path, flags, { mode: 0o644 }, cb));
    try {
      const buf = Buffer.from(data, 'utf8');
      for (let off = 0; off < buf.length; ) {
        const n = Math.min(32_768, buf.length - off);
        await call<void>((cb) => sftp.write(handle, buf, off, n, off, (err) => cb(err)));
        off += n;
      }
    } finally {
      await call<void>((cb) => sftp.close(handle, (err) => cb(err)));
    }
  };
  const files: HostFiles = {
    async mkdirp(path) {
      for (const dir of parents(path)) {
        const st = await statOf(dir);
        if (st?.isDirectory()) continue;
        await call<void>((cb) => sftp.mkdir(dir, { mode: 0o755 }, (err) => cb(err))).catch(async (err: unknown) => {
          if (!(await statOf(dir))?.isDirectory()) throw err; // someone else made it meanwhile: fine
        });
      }
    },
    async list(dir) {
      const entries = await call<Array<{ filename: string }>>((cb) => sftp.readdir(dir, cb)).catch(missingAs([]));
      return entries.map((e) => e.filename).filter((n) => n !== '.' && n !== '..');
    },
    async read(path) {
      return call<Buffer>((cb) => sftp.readFile(path, cb)).catch(missingAs(null));
    },
    async age(path) {
      const st = await statOf(path);
      return st ? Math.max(0, Date.now() / 1000 - st.mtime) : null;
    },
    async size(path) {
      return (await statOf(path))?.size ?? null;
    },
    async create(path, data) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const made = await writeAll(path, 'wx', data).then(
          () => true,
          (err: unknown) => statOf(path).then((st) => (st ? false : attempt < 4 ? null : Promise.reject(err))),
        );
        if (made !== null) return made;
      }
      return false;
    },
    async replace(path, data) {
      const tmp = tempName(path);
      await writeAll(tmp, 'w', data);
      await files.rename(tmp, path).catch(async (err: unknown) => {
        await files.remove(tmp);
        throw err;
      });
    },
    async rename(from, to) {
      // posix-rename@openssh.com replaces the target atomically (plain SFTP rename refuses an existing one).
      return call<void>((cb) => sftp.ext_openssh_rename(from, to, (err) => cb(err))).then(() => true, missingAs(false));
    },
    async remove(path) {
      return call<void>((cb) => sftp.unlink(path, (err) => cb(err))).then(() => true, missingAs(false));
    },
    async removeDir(path) {
      return call<void>((cb) => sftp.rmdir(path, (err) => cb(err))).then(
        () => true,
        () => false,
      );
    },
  };
  return files;
}
