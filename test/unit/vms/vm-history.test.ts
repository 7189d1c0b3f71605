// What the core writes into a VM's history is data: each event keeps its kind's params in `data.params` (beside its
// other data), so the front ends can word it; the English message stays as the inventory's log line.
import { beforeEach, describe, expect, it } from 'vitest';
import { VmFactsService } from '../../../electron/core/vms/vm-facts.js';
import { VmService } from '../../../electron/core/vms/vm-service.js';
import type { Inventory } from '../../../electron/inventory/inventory.js';
import { useTempInventories } from '../inventory/helpers.js';
import { FakeVmHost } from './fake-vm-host.js';

const U = '6f1c0d52-9a3e-4c1b-8d7e-2f5a9b0c1d2e';
const inventories = useTempInventories();

let inv: Inventory;
let host: FakeVmHost;
let vms: VmService;
let updated: () => Promise<void>;

beforeEach(() => {
  inv = inventories.open();
  inv.addHost({ name: 'h1', transport: 'local', uri: 'qemu:///system' });
  host = new FakeVmHost();
  let wake: (() => void) | null = null;
  updated = () => new Promise((resolve) => (wake = resolve));
  vms = new VmService(inv, host.registry(inv), (e) => {
    if (e.type === 'vm-updated') wake?.();
  });
});

const history = () => vms.events({ host: 'h1', vm: U }).map((e) => ({ kind: e.kind, message: e.message, data: e.data }));

describe('VM history as data', () => {
  it('stores the params of what VirtDeck records and of libvirt domain events', async () => {
    host.define(U, 'web', 'shutoff');
    await vms.attach('h1', host.lv);
    await new VmFactsService(inv, host.registry(inv), vms).setLocked({ host: 'h1', vm: U }, true);
    const refreshed = updated();
    host.change(U, 'running', 'started');
    await refreshed;

    expect(history()).toEqual([
      { kind: 'imported', message: 'found on h1', data: { params: { host: 'h1' } } },
      { kind: 'locked', message: 'locked', data: { params: {} } },
      { kind: 'lifecycle', message: 'started', data: { params: { event: 'started', detail: '' } } },
    ]);
  });
});
