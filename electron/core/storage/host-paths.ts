// What a path on a host is (directory, block device, file, missing), asked before a pool definition so the user
// hears about a wrong path at once instead of from a failed start. SSH hosts: `stat` run with a safe argv;
// a local host: this machine's file system.
import { stat } from 'node:fs/promises';
import { CoreError } from '../errors.js';
import type { HostSession } from '../hosts/host-session.js';
import type { PoolSpec } from './pool-spec.js';

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

/** The directories and devices a pool spec names exist on the host and are of the right kind (build creates dirs). */
export async function checkPoolPaths(session: HostSession, spec: PoolSpec, build: boolean): Promise<void> {
  const host = session.config.name;
  const needDir = async (what: string, path: string): Promise<void> => {
    const kind = await pathKind(session, path);
    if (kind === 'missing' && !build) {
      throw new CoreError('invalid', `${what} ${path} does not exist on ${host}; create it, or build the pool (--build) to have it created`);
    }
    if (kind !== 'missing' && kind !== 'directory' && kind !== 'unknown') throw new CoreError('invalid', `${what} ${path} on ${host} is not a directory`);
  };
  const needBlock = async (what: string, path: string): Promise<void> => {
    const kind = await pathKind(session, path);
    if (kind === 'missing') throw new CoreError('invalid', `${what} ${path} does not exist on ${host}`);
    if (kind === 'file') {
      throw new CoreError('invalid', `${what} ${path} on ${host} is a regular file; attach it as a loop device (losetup) and use /dev/loopN`);
    }
    if (kind !== 'block' && kind !== 'unknown') throw new CoreError('invalid', `${what} ${path} on ${host} is not a block device`);
  };
  if (spec.type === 'dir' && spec.target) await needDir('target directory', spec.target);
  if ((spec.type === 'fs' || spec.type === 'netfs') && spec.target) await needDir('mount point', spec.target);
  if (spec.type === 'fs' && spec.device) await needBlock('source device', spec.device);
  if (spec.type === 'logical' && build) {
    if (!spec.devices?.length) throw new CoreError('invalid', 'building a logical pool needs its physical volumes (--device, repeatable)');
    for (const d of spec.devices) await needBlock('physical volume', d);
  }
}
