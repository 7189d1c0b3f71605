// The VM list tells the truth: per-domain refreshes are serialized so the last libvirt event's state is kept even
// when an older read answers last; a full sync does not overwrite what an event refreshed meanwhile; the periodic
// reconcile re-reads only what the inventory has wrong; a shutdown waits for the guest to be off.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoreError } from '../../../electron/core/errors.js';
import { VmService } from '../../../electron/core/vms/vm-service.js';
import type { Inventory } from '../../../electron/inventory/inventory.js';
import type { CoreEvent } from '../../../shared/model/events.js';
import { useTempInventories } from '../inventory/helpers.js';
import { FakeVmHost } from './fake-vm-host.js';

const U = '6f1c0d52-9a3e-4c1b-8d7e-2f5a9b0c1d2e';
const U2 = '7a2d1e63-0b4f-4d2c-9e8f-3a6b0c1d2e3f';
const inventories = useTempInventories();

let inv: Inventory;
let host: FakeVmHost;
let vms: VmService;
let events: CoreEvent[];
/** Resolves once `n` more vm-updated/vm-removed events have been emitted. */
let waiters: Array<{ count: number; resolve: () => void }>;

function moreEvents(n: number): Promise<void> {
  const target = events.length + n;
  return new Promise((resolve) => waiters.push({ count: target, resolve }));
}

const stateOf = (uuid: string) => inv.getVm('h1', uuid)?.state;

beforeEach(async () => {
  inv = inventories.open();
  inv.addHost({ name: 'h1', transport: 'local', uri: 'qemu:///system' });
  host = new FakeVmHost();
  events = [];
  waiters = [];
  vms = new VmService(inv, host.registry(inv), (e) => {
    if (e.type !== 'vm-updated' && e.type !== 'vm-removed') return;
    events.push(e);
    for (const w of waiters.filter((x) => events.length >= x.count)) w.resolve();
  });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('per-domain refreshes', () => {
  it('the last event wins when the read after an older event answers last (start then destroy)', async () => {
    host.define(U, 'web', 'shutoff');
    await vms.attach('h1', host.lv);
    expect(stateOf(U)).toBe('shutoff');

    let open!: () => void;
    host.gate = new Promise((r) => (open = r));
    const both = moreEvents(2);
    host.change(U, 'running', 'started'); // its read sees "running" and is held
    host.gate = null;
    host.change(U, 'shutoff', 'stopped'); // a read now would see "shut off" at once
    await new Promise((r) => setTimeout(r, 0));
    open();
    await both;

    expect(stateOf(U)).toBe('shutoff');
    const last = events.at(-1);
    expect(last?.type === 'vm-updated' && last.vm.state).toBe('shutoff');
  });

  it('a full sync keeps a domain an event refreshed while the sync was reading', async () => {
    host.define(U, 'web', 'shutoff');
    await vms.attach('h1', host.lv);

    let open!: () => void;
    host.gate = new Promise((r) => (open = r));
    const sync = vms.refreshHost('h1'); // reads "shut off", held
    await new Promise((r) => setTimeout(r, 0));
    host.gate = null;
    const refreshed = moreEvents(1);
    host.change(U, 'running', 'started');
    await refreshed;
    expect(stateOf(U)).toBe('running');
    open();
    const listed = await sync;

    expect(stateOf(U)).toBe('running');
    expect(listed.map((v) => v.state)).toEqual(['running']);
  });
});

describe('reconcile', () => {
  it('re-reads only the VMs whose state, presence or name the inventory has wrong', async () => {
    host.define(U, 'web', 'running');
    host.define(U2, 'db', 'running');
    await vms.attach('h1', host.lv);
    const reads = () => host.calls.filter((c) => c === 'domainGetInfo').length;

    // Nothing missed: one bulk call, no per-domain read.
    const before = reads();
    expect(await vms.reconcile('h1')).toBe(0);
    expect(reads()).toBe(before);

    // Events lost: web went off, db was undefined, cache appeared.
    host.domains.get(U)!.state = 'shutoff';
    host.domains.delete(U2);
    host.define('8b3e2f74-1c5a-4e3d-8f9a-4b7c1d2e3f4a', 'cache', 'paused');
    expect(await vms.reconcile('h1')).toBe(3);
    expect(stateOf(U)).toBe('shutoff');
    expect(inv.getVm('h1', U2)).toBeNull();
    expect(inv.getVm('h1', 'cache')?.state).toBe('paused');
    expect(events.some((e) => e.type === 'vm-removed' && e.uuid === U2)).toBe(true);
    expect(await vms.reconcile('h1')).toBe(0);
  });
});

describe('graceful shutdown', () => {
  it('fails with vm.shutdown-ignored when the guest is still running after the wait', async () => {
    vi.useFakeTimers();
    host.define(U, 'web', 'running');
    await vms.attach('h1', host.lv);
    const done = vms.action({ host: 'h1', vm: 'web' }, 'shutdown', 5).then(
      () => null,
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(6000);
    const err = await done;
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe('vm.shutdown-ignored');
    expect((err as CoreError).params).toEqual({ host: 'h1', vm: 'web', seconds: 5 });
    expect(stateOf(U)).toBe('running');
  });

  it('ends when the guest is off, with the VM shut off in the inventory', async () => {
    vi.useFakeTimers();
    host.define(U, 'web', 'running');
    await vms.attach('h1', host.lv);
    let finished = false;
    const done = vms.action({ host: 'h1', vm: 'web' }, 'shutdown', 60).then(() => (finished = true));
    await vi.advanceTimersByTimeAsync(2500);
    expect(finished).toBe(false);
    host.change(U, 'shutoff', 'stopped');
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(stateOf(U)).toBe('shutoff');
  });
});
