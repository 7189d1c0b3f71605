// The lock and state→action rules live once (shared/model/vm-rules.ts): the UI greys out what they say, and the core
// refuses exactly the actions a lock refuses — before it touches the host.
import { describe, expect, it } from 'vitest';
import type { HostRegistry } from '../../../electron/core/hosts/host-registry.js';
import { VmService } from '../../../electron/core/vms/vm-service.js';
import { actionApplies, hasLiveGuest, lockRefuses, type LifecycleAction } from '../../../shared/model/vm-rules.js';
import { VM_ACTIONS } from '../../../shared/model/vm.js';
import { vm } from '../inventory/fixtures.js';
import { useTempInventories } from '../inventory/helpers.js';

const inventories = useTempInventories();

describe('vm rules', () => {
  it('a lock refuses stopping, interrupting, deleting and renaming; never starting or resuming', () => {
    const refused = ([...VM_ACTIONS, 'delete'] as LifecycleAction[]).filter((a) => lockRefuses(a));
    expect(refused.sort()).toEqual(['delete', 'destroy', 'reboot', 'reset', 'save', 'shutdown', 'suspend']);
    expect(lockRefuses('rename')).toBe(true);
  });

  it('actions by state', () => {
    expect(actionApplies('shutoff', 'start')).toBe(true);
    expect(actionApplies('running', 'start')).toBe(false);
    expect(actionApplies('paused', 'resume')).toBe(true);
    expect(actionApplies('shutoff', 'shutdown')).toBe(false);
    expect(hasLiveGuest('paused')).toBe(true);
    expect(hasLiveGuest('shutoff')).toBe(false);
  });

  it('the core refuses a locked VM exactly what the rules say, before reaching the host', async () => {
    const inventory = inventories.open();
    inventory.addHost({ name: 'h1', transport: 'local', uri: 'qemu:///system' });
    const stored = inventory.upsertVm('h1', vm(1, { state: 'running' }), new Date());
    inventory.setVmLocked('h1', stored.uuid, true);
    const offline = new Error('h1 is not connected (test)');
    const hosts = {
      config: () => ({}),
      get: () => {
        throw offline;
      },
    } as unknown as HostRegistry;
    const vms = new VmService(inventory, hosts, () => undefined);
    const ref = { host: 'h1', vm: stored.name };
    const outcome = (p: Promise<unknown>) => p.then(() => 'ran', (e: { code?: string }) => (e === offline ? 'reached the host' : e.code));
    for (const action of VM_ACTIONS) {
      expect([action, await outcome(vms.action(ref, action))]).toEqual([action, lockRefuses(action) ? 'vm.locked' : 'reached the host']);
    }
    expect(await outcome(vms.delete(ref, false))).toBe('vm.locked');
    expect(await outcome(vms.rename(ref, 'other'))).toBe('vm.locked');
  });
});
