// Empties a host before its reboot or disk swap: every running VM (and, when asked, every shut-off one) moves to
// the target with the most free memory that passes the VM's prechecks, one task step per VM. A VM no target takes
// stays where it is and is reported with the last target's refusal; one VM's failure does not stop the others.
import type { z } from 'zod';
import type { evacuateResult, evacuateSpec } from '../../../shared/ipc/migration-schemas.js';
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { errorReport } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { quietContext, type TaskContext } from '../tasks/task-service.js';
import type { VmService } from '../vms/vm-service.js';
import type { MigrationService } from './migration-service.js';

export type EvacuateSpec = z.output<typeof evacuateSpec>;
export type EvacuateResult = z.output<typeof evacuateResult>;

/** A refusal before anything changed: the next target may still take the VM. */
const isPrecheck = (r: ErrorReport): boolean => r.code.startsWith('migrate.') && r.code !== 'migrate.failed';

export async function evacuate(spec: EvacuateSpec, deps: { hosts: HostRegistry; vms: VmService; migration: MigrationService }, ctx: TaskContext): Promise<EvacuateResult> {
  const { hosts, vms, migration } = deps;
  const targets = (spec.to ?? hosts.namesOrOnline()).filter((h) => h !== spec.host);
  const wanted = vms.list({ host: spec.host }).filter((v) => v.state !== 'shutoff' || spec.includeStopped);
  const result: EvacuateResult = { moved: [], left: [] };
  for (const [i, vm] of wanted.entries()) {
    // The VM's own steps stay inside its one step; its progress is a share of the whole.
    const inner = quietContext(ctx.signal, (f, message) => ctx.progress((i + (f ?? 0)) / wanted.length, message));
    await ctx
      .step(vm.name, async () => {
        let why: ErrorReport | null = null;
        for (const dest of await byFreeMemory(hosts, targets)) {
          try {
            const r = await migration.migrate(
              { ref: { host: spec.host, vm: vm.uuid }, dest, offline: false, storage: 'copy', networkMap: {}, deleteSource: false },
              inner,
            );
            result.moved.push({ vm: vm.name, uuid: vm.uuid, host: r.host });
            return;
          } catch (err) {
            why = errorReport(err);
            if (ctx.signal.aborted || !isPrecheck(why)) break;
          }
        }
        result.left.push({ vm: vm.name, uuid: vm.uuid, why: why ?? report('migrate.no-target', { host: spec.host }) });
        throw new Error(`${vm.name} stays`); // marks the VM's step failed; the why is in the result
      })
      .catch(() => ctx.signal.throwIfAborted());
  }
  return result;
}

/** The targets with the most free memory first (unreachable ones left out). */
async function byFreeMemory(hosts: HostRegistry, targets: readonly string[]): Promise<string[]> {
  const free = await Promise.all(
    targets.map(async (h) => ({ h, free: hosts.isOnline(h) ? await hosts.libvirt(h).nodeGetFreeMemory().catch(() => -1) : -1 })),
  );
  return free.filter((x) => x.free >= 0).sort((a, b) => b.free - a.free || a.h.localeCompare(b.h)).map((x) => x.h);
}
