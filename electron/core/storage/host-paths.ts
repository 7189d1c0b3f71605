// What a path on a host is (directory, block device, file, missing), asked before a pool definition so the user
// hears about a wrong path at once instead of from a failed start. SSH hosts: `stat` run with a safe argv;
// a local host: this machine's file system.
import { stat } from 'node:fs/promises';
import type { HostSession } from '../hosts/host-session.js';

export type PathKind = 'directory' | 'block' | 'file' | 'other' | 'missing' | 'unknown';

function kindOfStatType(type: string): PathKind {
  if (type === 'directory') return 'directory';
  if (type === 'block special file') return 'block';
  if (type === 'regular file' || type === 'regular empty file') return 'file';
  return 'other';
}

export async function pathKind(session: HostSession, path: string): Promise<PathKind> {
  if (session.config.transport === 'local') {
    try {
      const st = await stat(path);
      return st.isDirectory() ? 'directory' : st.isBlockDevice() ? 'block' : st.isFile() ? 'file' : 'other';
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unknown';
    }
  }
  const ssh = session.sshConnection();
  if (!ssh) return 'unknown';
  const r = await ssh.exec(['stat', '-L', '-c', '%F', '--', path]);
  if (r.code === 0) return kindOfStatType(r.stdout.toString('utf8').trim());
  return /No such file or directory/.test(r.stderr.toString('utf8')) ? 'missing' : 'unknown';
}
