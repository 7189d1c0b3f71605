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

export function applyResourceChange(e: ResourceChanged): void {
  const { host } = e;
  switch (e.kind) {
    case 'pool':
    case 'volume': {
      const pool = e.kind === 'pool' ? e.name : e.pool;
      const storage = useStorage.getState();
      if (storage.pools[host]) reload(`pools:${host}`, () => useStorage.getState().loadPools(host));
      if (storage.volumes[volumesKey(host, pool)]) {
        reload(`volumes:${volumesKey(host, pool)}`, () => useStorage.getState().loadVolumes(host, pool));
      }
      // Images are volumes: their sizes and presence follow the volumes.
      if (useInstances.getState().images[host]) reload(`images:${host}`, () => useInstances.getState().loadImages(host));
      return;
    }
    case 'network':
      if (useNetworks.getState().byHost[host]) reload(`networks:${host}`, () => useNetworks.getState().load(host));
      return;
    case 'snapshot':
      if (useSnapshots.getState().byVm[vmKey(host, e.vm)]) reloadSnapshots({ host, vm: e.vm });
      return;
  }
}

/** Looks at one VM's snapshots every SNAPSHOT_CHECK_MS while it is on screen; returns the stop function. */
export function watchSnapshots(ref: VmRef): () => void {
  const timer = setInterval(() => reloadSnapshots(ref), SNAPSHOT_CHECK_MS);
  return () => clearInterval(timer);
}
