// BulkService.run as one task with a step per VM, over stand-ins for the VM services (the test bed run is in
// test/integration/core/bulk.test.ts): a failing VM is kept with its code and the rest go on; a lock found on the
// host at its turn skips the VM; a VM gone since the preview fails with vm.not-found.
import { describe, expect, it } from 'vitest';
import { BulkService } from '../../../electron/core/bulk/bulk-service.js';
import { CoreError } from '../../../electron/core/errors.js';
import type { SnapshotService } from '../../../electron/core/snapshots/snapshot-service.js';
import { TaskService } from '../../../electron/core/tasks/task-service.js';
import type { VmFactsService } from '../../../electron/core/vms/vm-facts.js';
import type { VmService } from '../../../electron/core/vms/vm-service.js';
import type { TaskInfo } from '../../../shared/model/task.js';
import type { VmInfo, VmRef } from '../../../shared/model/vm.js';

const vm = (host: string, name: string): VmInfo => ({
  host, name, uuid: `${name}-uuid`, state: 'running', vcpus: 1, memoryMiB: 32, autostart: false, persistent: true, locked: false,
  disks: [], nics: [], ips: [], tags: [], owner: null, notes: '', fields: {}, firstSeen: '', lastSeen: '', stale: false,
});

describe('BulkService.run', () => {
  it('runs a step per VM; a failure and a lock found at its turn do not stop the others', async () => {
    const vms = [vm('h1', 'ok1'), vm('h1', 'broken'), vm('h2', 'locked'), vm('h2', 'ok2')];
    const byUuid = new Map(vms.map((v) => [v.uuid, v]));
    const destroyed: string[] = [];
    const fakeVms = {
      list: () => vms,
      get: (ref: VmRef) => byUuid.get(ref.vm) as VmInfo,
      action: async (ref: VmRef) => {
        if (ref.vm === 'broken-uuid') throw new CoreError('libvirt.error', { message: 'qemu said no', virCode: 1 });
        if (ref.vm === 'locked-uuid') throw new CoreError('vm.locked', { host: ref.host, vm: 'locked' });
        destroyed.push(ref.vm);
      },
    } as unknown as VmService;
    const bulk = new BulkService(fakeVms, {} as VmFactsService, {} as SnapshotService);
    const events: TaskInfo[] = [];
    const tasks = new TaskService((t) => events.push(t));
    const targets = [...vms.map((v) => ({ host: v.host, uuid: v.uuid })), { host: 'h2', uuid: 'gone-uuid' }];
    const { done } = tasks.start({ op: 'bulk.destroy', args: { count: targets.length } }, (ctx) => bulk.run(targets, { action: 'destroy' }, ctx));
    const result = await done;

    expect(result.outcomes.map((o) => [o.name, o.outcome, o.error?.code ?? null])).toEqual([
      ['ok1', 'done', null],
      ['broken', 'failed', 'libvirt.error'],
      ['locked', 'skipped', 'vm.locked'],
      ['ok2', 'done', null],
      ['gone-uuid', 'failed', 'vm.not-found'],
    ]);
    expect(result).toMatchObject({ done: 2, skipped: 1, failed: 2 });
    expect(destroyed.sort()).toEqual(['ok1-uuid', 'ok2-uuid']);
    const last = events.at(-1) as TaskInfo;
    expect(last.state).toBe('succeeded');
    expect(last.progress).toBe(1);
    expect(Object.fromEntries(last.steps.map((s) => [s.name, s.state]))).toEqual({
      'h1/ok1': 'succeeded',
      'h1/broken': 'failed',
      'h2/locked': 'failed',
      'h2/ok2': 'succeeded',
    });
  });
});
