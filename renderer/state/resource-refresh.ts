// resource-changed → reload only the lists that show that resource and are loaded already (a list nobody opened
// stays unloaded). A burst of changes to one list costs one reload in flight plus at most one after it.
import { CoalescedRuns } from '../../shared/coalesced-runs.js';
import type { CoreEvent } from '../../shared/model/events.js';
import type { VmRef } from '../../shared/model/vm.js';
import { useInstances } from './instances-slice.js';
import { vmKey } from './keys.js';
import { useNetworks } from './networks-slice.js';
import { useSnapshots } from './snapshots-slice.js';
import { useStorage, volumesKey } from './storage-slice.js';

type ResourceChanged = Extract<CoreEvent, { type: 'resource-changed' }>;

/** libvirt has no snapshot events: the snapshots of the VM on screen are looked at this often. */
export const SNAPSHOT_CHECK_MS = 5000;

const runs = new CoalescedRuns();

/** Runs `load` for `key` now, or once more after the run in flight; failures are left to the next change. */
function reload(key: string, load: () => Promise<void>): void {
  runs.run(key, load).catch(() => undefined);
}

function reloadSnapshots(ref: VmRef): void {
  reload(`snapshots:${vmKey(ref.host, ref.vm)}`, () => useSnapshots.getState().load(ref));
}

// Each reloads its list only when it is loaded.
function reloadPools(host: string): void {
  if (useStorage.getState().pools[host]) reload(`pools:${host}`, () => useStorage.getState().loadPools(host));
}
function reloadVolumes(host: string, pool: string): void {
  const key = volumesKey(host, pool);
  if (useStorage.getState().volumes[key]) reload(`volumes:${key}`, () => useStorage.getState().loadVolumes(host, pool));
}
function reloadImages(host: string): void {
  if (useInstances.getState().images[host]) reload(`images:${host}`, () => useInstances.getState().loadImages(host));
}
function reloadNetworks(host: string): void {
  if (useNetworks.getState().byHost[host]) reload(`networks:${host}`, () => useNetworks.getState().load(host));
}

export function applyResourceChange(e: ResourceChanged): void {
  const { host } = e;
  switch (e.kind) {
    case 'pool':
    case 'volume':
      reloadPools(host);
      reloadVolumes(host, e.kind === 'pool' ? e.name : e.pool);
      // Images are volumes: their sizes and presence follow the volumes.
      reloadImages(host);
      return;
    case 'network':
      reloadNetworks(host);
      return;
    case 'snapshot':
      if (useSnapshots.getState().byVm[vmKey(host, e.vm)]) reloadSnapshots({ host, vm: e.vm });
      return;
  }
}

/** "Refresh host": the host's lists that are loaded (pools and their open volumes, images, networks) read again. */
export function reloadHostLists(host: string): void {
  reloadPools(host);
  for (const pool of useStorage.getState().pools[host] ?? []) reloadVolumes(host, pool.name);
  reloadImages(host);
  reloadNetworks(host);
}

/** Looks at one VM's snapshots every SNAPSHOT_CHECK_MS while it is on screen; returns the stop function. */
export function watchSnapshots(ref: VmRef): () => void {
  const timer = setInterval(() => reloadSnapshots(ref), SNAPSHOT_CHECK_MS);
  return () => clearInterval(timer);
}
