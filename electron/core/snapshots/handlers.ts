// snapshots.* calls.
import type { HandlersOf } from '../calls.js';
import type { TaskService } from '../tasks/task-service.js';
import type { SnapshotService } from './snapshot-service.js';

export function snapshotHandlers(snapshots: SnapshotService, tasks: TaskService): HandlersOf<'snapshots'> {
  return {
    'snapshots.list': async ({ ref }) => snapshots.list(ref),
    'snapshots.create': async ({ ref, spec }) =>
      tasks.run({ title: `snapshot ${ref.vm}: create ${spec.name}`, host: ref.host }, () => snapshots.create(ref, spec)),
    'snapshots.revert': async ({ ref, name, start }) =>
      tasks.run({ title: `snapshot ${ref.vm}: revert to ${name}`, host: ref.host }, (t) =>
        snapshots.revert(ref, name, { ...(start === undefined ? {} : { start }), progress: t.progress })),
    'snapshots.delete': async ({ ref, name }) => {
      await tasks.run({ title: `snapshot ${ref.vm}: delete ${name}`, host: ref.host }, (t) =>
        snapshots.delete(ref, name, { progress: t.progress }));
      return null;
    },
  };
}
