// Bulk actions: the VMs a filter (or a selection) names, previewed with why each would be skipped, then run as one
// task with a step per VM. Each VM is checked again when its turn comes (a lock set meanwhile refuses a destructive
// action, as `vms.action` does); a failure is kept with its code and the rest go on.
import {
  BULK_LIFECYCLE,
  bulkResult,
  bulkStepName,
  type BulkLifecycle,
  type BulkOutcome,
  type BulkPreview,
  type BulkResult,
  type BulkSelection,
  type BulkSpec,
  type BulkTarget,
  type BulkVm,
} from '../../../shared/model/bulk.js';
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { isTag, OWNER_MAX } from '../../../shared/model/vm-facts.js';
import { filterVms } from '../../../shared/model/vm-filter.js';
import { actionApplies, lockRefuses } from '../../../shared/model/vm-rules.js';
import type { VmInfo, VmRef } from '../../../shared/model/vm.js';
import { CoreError, errorReport } from '../errors.js';
import type { SnapshotService } from '../snapshots/snapshot-service.js';
import type { TaskContext } from '../tasks/task-service.js';
import type { VmFactsService } from '../vms/vm-facts.js';
import type { VmService } from '../vms/vm-service.js';

/** VMs worked on at once (each its own libvirt calls; a shutdown waits for its guest). */
const PARALLEL = 4;

const isLifecycle = (action: BulkSpec['action']): action is BulkLifecycle => (BULK_LIFECYCLE as readonly string[]).includes(action);
const refOf = (vm: BulkVm): VmRef => ({ host: vm.host, vm: vm.uuid });
const key = (vm: BulkVm): string => `${vm.host}\u0000${vm.uuid.toLowerCase()}`;

/** Why `vm` would be left alone by `spec` as the inventory knows it now, or null. */
export function skipReason(vm: VmInfo, spec: BulkSpec): ErrorReport | null {
  const names = { host: vm.host, vm: vm.name };
  if (vm.stale) return report('host.offline', { host: vm.host, since: vm.lastSeen });
  if (!isLifecycle(spec.action)) return null;
  if (vm.locked && lockRefuses(spec.action)) return report('vm.locked', names);
  if (actionApplies(vm.state, spec.action)) return null;
  return spec.action === 'start' ? report('vm.not-off', names) : report('vm.not-running', names);
}

export class BulkService {
  constructor(
    private readonly vms: VmService,
    private readonly facts: VmFactsService,
    private readonly snapshots: SnapshotService,
  ) {}

  /** The VMs the selection names, each with why it would be skipped; nothing is changed. */
  async preview(select: BulkSelection, spec: BulkSpec): Promise<BulkPreview> {
    checkSpec(spec);
    const targets: BulkTarget[] = this.selected(select).map((vm) => ({
      host: vm.host,
      uuid: vm.uuid,
      name: vm.name,
      state: vm.state,
      locked: vm.locked,
      skip: skipReason(vm, spec),
    }));
    if (spec.action === 'snapshot') {
      // The name may be taken on some VMs: the same check snapshots.create makes, one VM at a time per host.
      await Promise.all(
        targets.map(async (t) => {
          if (t.skip) return;
          try {
            await this.snapshots.check(refOf(t), { name: spec.name, kind: 'internal' });
          } catch (err) {
            t.skip = errorReport(err);
          }
        }),
      );
    }
    const runnable = targets.filter((t) => !t.skip);
    return { targets, hosts: [...new Set(runnable.map((t) => t.host))].sort(), runnable: runnable.length };
  }

  /** Runs `spec` on each VM as a step of the task; the result says what happened to each. */
  async run(vms: readonly BulkVm[], spec: BulkSpec, ctx: TaskContext): Promise<BulkResult> {
    checkSpec(spec);
    const known = new Map(this.vms.list().map((vm) => [key(vm), vm]));
    const unique = [...new Map(vms.map((vm) => [key(vm), vm])).values()];
    const outcomes: BulkOutcome[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < unique.length) {
        const want = unique[next++] as BulkVm;
        outcomes.push(await this.one(want, known.get(key(want)), spec, ctx));
        ctx.progress(outcomes.length / unique.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, unique.length) }, worker));
    const order = new Map(unique.map((vm, i) => [key(vm), i]));
    return bulkResult(outcomes.sort((a, b) => (order.get(key(a)) ?? 0) - (order.get(key(b)) ?? 0)));
  }

  private async one(want: BulkVm, seen: VmInfo | undefined, spec: BulkSpec, ctx: TaskContext): Promise<BulkOutcome> {
    ctx.signal.throwIfAborted();
    if (!seen) return { ...want, name: want.uuid, outcome: 'failed', error: report('vm.not-found', { host: want.host, vm: want.uuid }) };
    const vm = { host: seen.host, uuid: seen.uuid, name: seen.name };
    try {
      // The inventory may have changed since the preview (another action, another install's lock: the host decides).
      const skip = skipReason(this.vms.get(refOf(vm)), spec);
      if (skip) return { ...vm, outcome: 'skipped', error: skip };
      await ctx.step(bulkStepName(vm), () => this.apply(refOf(vm), spec));
      return { ...vm, outcome: 'done', error: null };
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      const error = errorReport(err);
      return { ...vm, outcome: error.code === 'vm.locked' ? 'skipped' : 'failed', error };
    }
  }

  private async apply(ref: VmRef, spec: BulkSpec): Promise<void> {
    switch (spec.action) {
      case 'start':
      case 'shutdown':
      case 'destroy':
        return this.vms.action(ref, spec.action);
      case 'snapshot': {
        await this.snapshots.create(ref, { name: spec.name, kind: 'internal', ...(spec.description ? { description: spec.description } : {}) });
        return;
      }
      case 'tag':
        await this.facts.setTags(ref, spec.add, spec.remove);
        return;
      case 'lock':
      case 'unlock':
        await this.facts.setLocked(ref, spec.action === 'lock');
        return;
      case 'owner':
        await this.facts.setOwner(ref, spec.owner);
        return;
    }
  }

  private selected(select: BulkSelection): VmInfo[] {
    if ('filter' in select) return filterVms(this.vms.list(select.host ? { host: select.host } : {}), select.filter);
    const all = new Map(this.vms.list().map((vm) => [key(vm), vm]));
    return [...new Map(select.vms.map((want) => [key(want), want])).values()].map((want) => {
      const vm = all.get(key(want));
      if (!vm) throw new CoreError('vm.not-found', { host: want.host, vm: want.uuid });
      return vm;
    });
  }
}

/** A spec's own values, checked before any VM is touched (the same rules the single calls apply). */
function checkSpec(spec: BulkSpec): void {
  if (spec.action === 'tag') {
    for (const tag of [...spec.add, ...spec.remove]) if (!isTag(tag)) throw new CoreError('vm.bad-tag', { tag }, { field: 'spec.add' });
  }
  if (spec.action === 'owner' && (spec.owner?.trim().length ?? 0) > OWNER_MAX) {
    throw new CoreError('vm.fact-too-long', { fact: 'owner', max: OWNER_MAX }, { field: 'spec.owner' });
  }
}
