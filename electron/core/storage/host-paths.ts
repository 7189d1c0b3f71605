// The paths a pool definition names, checked on the host before the pool is defined (the host's transport says what
// each path is), so the user hears about a wrong path at once instead of from a failed start.
import { CoreError } from '../errors.js';
import type { HostSession } from '../hosts/host-session.js';
import type { PoolSpec } from './pool-spec.js';

/** The directories and devices a pool spec names exist on the host and are of the right kind (build creates dirs). */
export async function checkPoolPaths(session: HostSession, spec: PoolSpec, build: boolean): Promise<void> {
  const host = session.config.name;
  const needDir = async (what: string, path: string): Promise<void> => {
    const kind = await session.transport.stat(path);
    if (kind === 'missing' && !build) {
      throw new CoreError('invalid', `${what} ${path} does not exist on ${host}; create it, or build the pool (--build) to have it created`);
    }
    if (kind !== 'missing' && kind !== 'directory' && kind !== 'unknown') throw new CoreError('invalid', `${what} ${path} on ${host} is not a directory`);
  };
  const needBlock = async (what: string, path: string): Promise<void> => {
    const kind = await session.transport.stat(path);
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
