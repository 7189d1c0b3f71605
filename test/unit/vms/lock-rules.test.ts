// The lock and state→action rules live once (shared/model/vm-rules.ts): the UI greys out what they say, and the core
// refuses exactly the actions a lock refuses — as the host says at that moment (another install may have set it), before
// it changes anything there.
import { describe, expect, it } from 'vitest';
import type { HostRegistry } from '../../../electron/core/hosts/host-registry.js';
import { VmService } from '../../../electron/core/vms/vm-service.js';
import { factUri } from '../../../electron/libvirt/xml/domain-facts.js';
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

  it('the core refuses a locked VM exactly what the rules say, reading the lock from the host, before changing anything', async () => {
    const inventory = inventories.open();
    inventory.addHost({ name: 'h1', transport: 'local', uri: 'qemu:///system' });
    // The cache says unlocked: the host's word counts.
    const stored = inventory.upsertVm('h1', vm(1, { state: 'running' }), new Date());
    const dom = { name: stored.name, uuid: stored.uuid, id: 1 };
    const reached = new Error('changed something on h1 (test)');
    const metadataAsked: string[] = [];
    const lv = new Proxy({}, {
      get: (_t, name: string) => {
        if (name === 'lookupDomainByUuid') return async () => dom;
        if (name === 'domainGetMetadata') return async (_d: unknown, _type: number, uri: string) => (metadataAsked.push(uri), '<lock>yes</lock>');
        return async () => {
          throw reached;
        };
      },
    });
    const hosts = { config: () => ({}), get: () => ({ libvirt: () => lv }) } as unknown as HostRegistry;
    const vms = new VmService(inventory, hosts, () => undefined);
    const ref = { host: 'h1', vm: stored.name };
    const outcome = (p: Promise<unknown>) => p.then(() => 'ran', (e: { code?: string }) => (e === reached ? 'reached the host' : e.code));
    for (const action of VM_ACTIONS) {
      expect([action, await outcome(vms.action(ref, action))]).toEqual([action, lockRefuses(action) ? 'vm.locked' : 'reached the host']);
    }
    expect(await outcome(vms.delete(ref, false))).toBe('vm.locked');
    expect(await outcome(vms.rename(ref, 'other'))).toBe('vm.locked');
    expect(new Set(metadataAsked)).toEqual(new Set([factUri({ kind: 'lock' })]));
  });
});
