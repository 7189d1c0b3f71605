// The paths a pool definition names, checked on the host before the pool is defined (the host's transport says what
// each path is), so the user hears about a wrong path at once instead of from a failed start.
import { CoreError } from '../errors.js';
import type { HostSession } from '../hosts/host-session.js';
import type { PoolSpec } from './pool-spec.js';

/** The directories and devices a pool spec names exist on the host and are of the right kind (build creates dirs). */
export async function checkPoolPaths(session: HostSession, spec: PoolSpec, build: boolean): Promise<void> {
  const host = session.config.name;
  const needDir = async (path: string): Promise<void> => {
    const kind = await session.transport.stat(path);
    if (kind === 'missing' && !build) throw new CoreError('pool.dir-missing', { host, path });
    if (kind !== 'missing' && kind !== 'directory' && kind !== 'unknown') throw new CoreError('pool.not-dir', { host, path });
  };
  const needBlock = async (path: string): Promise<void> => {
    const kind = await session.transport.stat(path);
    if (kind === 'missing') throw new CoreError('pool.device-missing', { host, path });
    if (kind === 'file') throw new CoreError('pool.device-is-file', { host, path });
    if (kind !== 'block' && kind !== 'unknown') throw new CoreError('pool.not-block', { host, path });
  };
  // The target directory (dir) or mount point (fs, netfs); the source device (fs); the physical volumes (logical).
  if ((spec.type === 'dir' || spec.type === 'fs' || spec.type === 'netfs') && spec.target) await needDir(spec.target);
  if (spec.type === 'fs' && spec.device) await needBlock(spec.device);
  if (spec.type === 'logical' && build) {
    if (!spec.devices?.length) throw new CoreError('pool.needs-devices', {});
    for (const d of spec.devices) await needBlock(d);
  }
}
