// The IPAM state kept on the host that owns a network (layout in host-record.ts): the shared truth every VirtDeck
// install reads and writes. An address is held by whoever's exclusive create of its file wins; the config is
// replaced whole (temp + rename) under a lock file, so two writers never interleave and a reader never sees half.
import type { IpamConfig } from '../../../shared/model/instance.js';
import { ipamSettings } from '../../../shared/ipc/instance-schemas.js';
import type { HostFiles } from '../hosts/host-files.js';
import { tryHostLock } from '../hosts/host-lock.js';
import {
  CONFIG_FILE, LOCK_FILE, STALE_LOCK_SECONDS, addressOfFile, formatReservation, networkDir, parseReservation,
  reservationFile, type HostReservation,
} from './host-record.js';

/** How long a config writer waits for another one's lock before it gives up. */
const LOCK_WAIT_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The IPAM config stored on the host for this network, or null (none, or not one VirtDeck wrote). */
export async function readHostConfig(files: HostFiles, host: string, network: string): Promise<IpamConfig | null> {
  const bytes = await files.read(`${networkDir(network)}/${CONFIG_FILE}`);
  if (!bytes) return null;
  let o: unknown;
  try {
    o = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null) return null;
  const { kind, v: _v, ...rest } = o as Record<string, unknown>;
  const settings = ipamSettings.safeParse(rest);
  if (!settings.success || (kind !== 'network' && kind !== 'bridge')) return null;
  return { host, network, kind, ...settings.data };
}

/** Runs `fn` holding the network's config lock (a crashed writer's lock is broken after STALE_LOCK_SECONDS). */
async function withConfigLock<T>(files: HostFiles, network: string, by: string, fn: () => Promise<T>): Promise<T> {
  const dir = networkDir(network);
  const lock = `${dir}/${LOCK_FILE}`;
  await files.mkdirp(dir);
  const until = Date.now() + LOCK_WAIT_MS;
  while (!(await tryHostLock(files, lock, by, STALE_LOCK_SECONDS))) {
    if (Date.now() > until) throw new Error(`the IPAM config of ${network} stays locked (${lock})`);
    await sleep(20 + Math.random() * 40);
  }
  try {
    return await fn();
  } finally {
    await files.remove(lock);
  }
}

/** Stores the config on the host (whole, atomically, under the lock). */
export async function writeHostConfig(files: HostFiles, config: IpamConfig, by: string): Promise<void> {
  const { host: _host, network, ...rest } = config;
  await withConfigLock(files, network, by, () => files.replace(`${networkDir(network)}/${CONFIG_FILE}`, `${JSON.stringify({ v: 1, ...rest })}\n`));
}

/** Writes the config only when the host has none (a home pushing what it had before the host kept IPAM). */
export async function seedHostConfig(files: HostFiles, config: IpamConfig, by: string): Promise<boolean> {
  const { host: _host, network, ...rest } = config;
  return withConfigLock(files, network, by, async () => {
    if (await files.read(`${networkDir(network)}/${CONFIG_FILE}`)) return false;
    await files.replace(`${networkDir(network)}/${CONFIG_FILE}`, `${JSON.stringify({ v: 1, ...rest })}\n`);
    return true;
  });
}

/** Removes the config and every reservation of the network from the host; false when it had no config. */
export async function removeHostConfig(files: HostFiles, network: string, by: string): Promise<boolean> {
  const dir = networkDir(network);
  const had = await withConfigLock(files, network, by, async () => {
    const had = await files.remove(`${dir}/${CONFIG_FILE}`);
    for (const f of await files.list(dir)) if (addressOfFile(f)) await files.remove(`${dir}/${f}`);
    return had;
  });
  await files.removeDir(dir);
  return had;
}

/** Every reservation the host holds on the network. */
export async function hostReservations(files: HostFiles, network: string): Promise<HostReservation[]> {
  const dir = networkDir(network);
  const ips = (await files.list(dir)).map(addressOfFile).filter((ip): ip is string => ip !== null);
  const read = await Promise.all(
    ips.map(async (ip) => {
      const bytes = await files.read(`${dir}/${reservationFile(ip)}`);
      // A file being created is empty for an instant: it is held all the same (by someone not yet known).
      if (bytes && bytes.length === 0) return { ip, vmName: '', vmUuid: null, taskId: null, note: null, by: '', home: '', at: '' };
      return bytes ? parseReservation(ip, bytes.toString('utf8')) : null;
    }),
  );
  return read.filter((r): r is HostReservation => r !== null);
}

/** The compare-and-set: true when this call created the address's file (it was free), false when it was held. */
export async function claimOnHost(files: HostFiles, network: string, r: HostReservation): Promise<boolean> {
  const dir = networkDir(network);
  await files.mkdirp(dir);
  return files.create(`${dir}/${reservationFile(r.ip)}`, formatReservation(r));
}

/** Rewrites a reservation this home holds (bound to its VM, renamed). */
export async function rewriteOnHost(files: HostFiles, network: string, r: HostReservation): Promise<void> {
  await files.replace(`${networkDir(network)}/${reservationFile(r.ip)}`, formatReservation(r));
}

/** Frees an address; false when it was not held. */
export async function releaseOnHost(files: HostFiles, network: string, ip: string): Promise<boolean> {
  return files.remove(`${networkDir(network)}/${reservationFile(ip)}`);
}
