// A VM's change in progress: while a lifecycle or migration task of it runs, its state badge says "Starting…",
// "Shutting down…", "Migrating…" and so on; the task ends when libvirt has confirmed the new state (a shutdown: when the guest is off).
import type { TaskInfo, TaskOp } from '../../../shared/model/task.js';
import type { VmInfo } from '../../../shared/model/vm.js';

export type PendingKind = 'starting' | 'shuttingDown' | 'rebooting' | 'saving' | 'migrating';

const PENDING: Partial<Readonly<Record<TaskOp, PendingKind>>> = {
  'vm.start': 'starting',
  'vm.shutdown': 'shuttingDown',
  'vm.reboot': 'rebooting',
  'vm.save': 'saving',
  'vm.migrate': 'migrating',
};

/** The pending change of a VM (a task runs on its host, for its name), or null. */
export function pendingOf(tasks: Readonly<Record<string, TaskInfo>>, vm: Pick<VmInfo, 'host' | 'name'>): PendingKind | null {
  for (const task of Object.values(tasks)) {
    const kind = PENDING[task.op];
    if (kind && task.state === 'running' && task.host === vm.host && task.args['vm'] === vm.name) return kind;
  }
  return null;
}
