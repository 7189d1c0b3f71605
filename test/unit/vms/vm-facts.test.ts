// VM facts through the core against a fake host that keeps metadata as libvirt does (one element per namespace URI):
// what is written, with which flags, what the cache then says, and what is refused before anything is written.
import { beforeEach, describe, expect, it } from 'vitest';
import type { HostRegistry } from '../../../electron/core/hosts/host-registry.js';
import { VmFactsService } from '../../../electron/core/vms/vm-facts.js';
import { VmService } from '../../../electron/core/vms/vm-service.js';
import type { Inventory } from '../../../electron/inventory/inventory.js';
import { DomainImpact } from '../../../electron/libvirt/protocol/index.js';
import { factUri } from '../../../electron/libvirt/xml/domain-facts.js';
import { useTempInventories } from '../inventory/helpers.js';
import { FakeVmHost } from './fake-vm-host.js';

const U = '0b6a1c9e-2f3d-4e5a-8b7c-9d0e1f2a3b4c';
const inventories = useTempInventories();
const ref = { host: 'h1', vm: 'web' };

let inv: Inventory;
let host: FakeVmHost;
let vms: VmService;
let facts: VmFactsService;

beforeEach(async () => {
  inv = inventories.open();
  inv.addHost({ name: 'h1', transport: 'local', uri: 'qemu:///system' });
  host = new FakeVmHost();
  host.define(U, 'web', 'shutoff');
  vms = new VmService(inv, host.registry(inv), () => undefined);
  facts = new VmFactsService(inv, host.registry(inv), vms);
  await vms.attach('h1', host.lv);
});

const onHost = () => [...(host.metadata.get(U)?.keys() ?? [])].sort();

describe('VM facts', () => {
  it('writes each fact as its own element on the host and caches what the host then says', async () => {
    await facts.setTags(ref, ['web', 'prod'], []);
    await facts.setOwner(ref, '  alice ');
    const after = await facts.setNotes(ref, 'first line\nsecond & <third>');
    expect(after).toMatchObject({ tags: ['prod', 'web'], owner: 'alice', notes: 'first line\nsecond & <third>', locked: false });
    expect(onHost()).toEqual([factUri({ kind: 'notes' }), factUri({ kind: 'owner' }), factUri({ kind: 'tag', tag: 'prod' }), factUri({ kind: 'tag', tag: 'web' })].sort());
    // Removing one tag touches that tag only; clearing removes the element.
    expect((await facts.setTags(ref, ['db'], ['web'])).tags).toEqual(['db', 'prod']);
    expect((await facts.setOwner(ref, '')).owner).toBeNull();
    expect((await facts.setNotes(ref, '')).notes).toBe('');
    expect(onHost()).toEqual([factUri({ kind: 'tag', tag: 'db' }), factUri({ kind: 'tag', tag: 'prod' })].sort());
    expect(inv.getVm('h1', 'web')!.tags).toEqual(['db', 'prod']);
  });

  it('a shut-off VM is written in its config; a running one live and config', async () => {
    await facts.setLocked(ref, true);
    host.domains.get(U)!.state = 'running';
    await facts.setLocked(ref, false);
    expect(host.calls.filter((c) => c.startsWith('domainSetMetadata'))).toEqual([
      `domainSetMetadata ${DomainImpact.CONFIG}`,
      `domainSetMetadata ${DomainImpact.LIVE | DomainImpact.CONFIG}`,
    ]);
  });

  it('custom columns: defined locally, values checked against their kind', async () => {
    facts.defineColumn({ name: 'due', kind: 'date', choices: [] });
    facts.defineColumn({ name: 'tier', kind: 'choice', choices: ['gold', 'silver'] });
    expect((await facts.setField(ref, 'due', '2026-12-31')).fields).toEqual({ due: '2026-12-31' });
    expect((await facts.setField(ref, 'tier', 'gold')).fields).toEqual({ due: '2026-12-31', tier: 'gold' });
    const code = (p: Promise<unknown> | (() => unknown)) =>
      Promise.resolve().then(typeof p === 'function' ? p : () => p).then(() => 'ok', (e: { code?: string }) => e.code);
    expect(await code(facts.setField(ref, 'due', '2026-02-30x'))).toBe('vm.bad-fact-value');
    expect(await code(facts.setField(ref, 'tier', 'bronze'))).toBe('vm.bad-fact-value');
    expect(await code(facts.setField(ref, 'nope', 'x'))).toBe('vm.column-not-found');
    expect(await code(() => facts.defineColumn({ name: 'due', kind: 'text', choices: [] }))).toBe('vm.column-exists');
    expect(await code(() => facts.defineColumn({ name: 'owner', kind: 'text', choices: [] }))).toBe('vm.bad-column');
    expect(await code(() => facts.defineColumn({ name: 'Bad Name', kind: 'text', choices: [] }))).toBe('vm.bad-column');
    expect(await code(() => facts.defineColumn({ name: 'size', kind: 'choice', choices: ['a', 'a'] }))).toBe('vm.bad-choices');
    expect(await code(facts.setTags(ref, ['-x'], []))).toBe('vm.bad-tag');
    expect(await code(facts.setTags(ref, ['two words'], []))).toBe('vm.bad-tag');
    expect(await code(facts.setOwner(ref, 'x'.repeat(129)))).toBe('vm.fact-too-long');
    expect(facts.removeColumn('due').map((c) => c.name)).toEqual(['tier']);
    // The refused writes wrote nothing.
    expect(inv.getVm('h1', 'web')!.fields).toEqual({ due: '2026-12-31', tier: 'gold' });
    expect(inv.getVm('h1', 'web')!.tags).toEqual([]);
  });

  it('an offline host: facts read from the cache, writes refused before reaching it', async () => {
    await facts.setTags(ref, ['kept'], []);
    const offline = { ...host.registry(inv), isOnline: () => false, config: () => ({}) } as unknown as HostRegistry;
    const cut = new VmFactsService(inv, offline, new VmService(inv, offline, () => undefined));
    const before = host.calls.length;
    await expect(cut.setTags(ref, ['more'], [])).rejects.toMatchObject({ code: 'vm.facts-offline', params: { host: 'h1', vm: 'web' } });
    await expect(cut.setLocked(ref, true)).rejects.toMatchObject({ code: 'vm.facts-offline' });
    expect(host.calls.length).toBe(before);
    expect(vms.get(ref).tags).toEqual(['kept']);
  });
});
