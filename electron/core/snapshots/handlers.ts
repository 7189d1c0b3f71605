// snapshots.* calls.
import type { VmRef } from '../../../shared/model/vm.js';
import type { HandlersOf } from '../calls.js';
import type { SnapshotService } from './snapshot-service.js';

export function snapshotHandlers(snapshots: SnapshotService, vmName: (ref: VmRef) => string): HandlersOf<'snapshots'> {
  return {
    'snapshots.list': async ({ ref }) => snapshots.list(ref),
    'snapshots.check': async ({ ref, spec }) => {
      await snapshots.check(ref, spec);
      return null;
    },
    'snapshots.create': {
      task: ({ ref, spec }) => ({ op: 'snapshot.create', args: { vm: vmName(ref), snapshot: spec.name }, host: ref.host }),
      run: ({ ref, spec }) => snapshots.create(ref, spec),
    },
    'snapshots.revert': {
      task: ({ ref, name }) => ({ op: 'snapshot.revert', args: { vm: vmName(ref), snapshot: name }, host: ref.host }),
      run: ({ ref, name, start }, t) => snapshots.revert(ref, name, { ...(start === undefined ? {} : { start }), progress: t.progress }),
    },
    'snapshots.delete': {
      task: ({ ref, name }) => ({ op: 'snapshot.delete', args: { vm: vmName(ref), snapshot: name }, host: ref.host }),
      run: async ({ ref, name }, t) => {
        await snapshots.delete(ref, name, { progress: t.progress });
        return null;
      },
    },
  };
}
