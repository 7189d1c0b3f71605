// Which host filesystem each running directory-backed pool lives on (`stat`'s device number of its directory), so
// a host's storage total counts a filesystem once however many pools sit on it. One command per host list.
import type { PoolInfo } from '../../../shared/model/storage.js';
import type { HostTransport } from '../hosts/host-transport.js';

const ON_A_FILESYSTEM = new Set(['dir', 'fs', 'netfs']);

/** The pools with `filesystem` filled where the host could say; unchanged (null) where it could not. */
export async function withFilesystems(transport: HostTransport, pools: PoolInfo[]): Promise<PoolInfo[]> {
  const paths = [...new Set(pools.filter((p) => p.state === 'running' && ON_A_FILESYSTEM.has(p.type) && p.targetPath).map((p) => p.targetPath as string))];
  if (!paths.length) return pools;
  let out: string;
  try {
    // A missing path makes stat exit non-zero but the others are still printed: read whatever came.
    out = (await transport.exec(['stat', '-L', '-c', '%d %n', '--', ...paths])).stdout.toString();
  } catch {
    return pools;
  }
  const device = parseStatDevices(out);
  return pools.map((p) => (p.targetPath && p.state === 'running' && device.has(p.targetPath) ? { ...p, filesystem: device.get(p.targetPath) ?? null } : p));
}

/** `stat -c '%d %n'` lines → path → device number. */
export function parseStatDevices(out: string): Map<string, string> {
  const device = new Map<string, string>();
  for (const line of out.split('\n')) {
    const m = /^(\d+) (.+)$/.exec(line);
    if (m) device.set(m[2] as string, m[1] as string);
  }
  return device;
}
