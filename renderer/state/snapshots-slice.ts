// Snapshots per VM (keyed like the VM list: host/uuid) and the calls the snapshots tab needs; reloaded after every
// change made from here. Create, revert and delete run as core tasks, so they show in the task panel.
import { create } from 'zustand';
import type { SnapshotCreateSpec, SnapshotInfo } from '../../shared/model/snapshot.js';
import type { VmRef } from '../../shared/model/vm.js';
import { backend } from './backend.js';
import { runTask } from './tasks-slice.js';
import { vmKey } from './keys.js';

interface SnapshotsState {
  byVm: Readonly<Record<string, readonly SnapshotInfo[]>>;
  load(ref: VmRef): Promise<void>;
  check(ref: VmRef, spec: SnapshotCreateSpec): Promise<void>;
  create(ref: VmRef, spec: SnapshotCreateSpec): Promise<SnapshotInfo>;
  revert(ref: VmRef, name: string): Promise<SnapshotInfo>;
  remove(ref: VmRef, name: string): Promise<void>;
}

export const useSnapshots = create<SnapshotsState>()((set, get) => {
  const api = () => backend().api;
  return {
    byVm: {},
    async load(ref) {
      const list = await api()['snapshots.list']({ ref });
      set({ byVm: { ...get().byVm, [vmKey(ref.host, ref.vm)]: list } });
    },
    async check(ref, spec) {
      await api()['snapshots.check']({ ref, spec });
    },
    async create(ref, spec) {
      const snap = await runTask('snapshots.create', { ref, spec });
      await get().load(ref);
      return snap;
    },
    async revert(ref, name) {
      const snap = await runTask('snapshots.revert', { ref, name });
      await get().load(ref);
      return snap;
    },
    async remove(ref, name) {
      await runTask('snapshots.delete', { ref, name });
      await get().load(ref);
    },
  };
});
