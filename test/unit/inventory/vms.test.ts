import { expect, test } from 'vitest';
import type { Inventory } from '../../../electron/inventory/index.js';
import { useTempInventories } from './helpers.js';
import { uuidOf, vm } from './fixtures.js';

const t = useTempInventories();
const T0 = new Date('2026-01-01T00:00:00.000Z');
const T1 = new Date('2026-01-02T00:00:00.000Z');
const T2 = new Date('2026-01-03T00:00:00.000Z');

function withHosts(...names: string[]): Inventory {
  const inv = t.open();
  for (const name of names) inv.addHost({ name, transport: 'local', uri: 'qemu:///system' });
  return inv;
}

test('sync adds, updates, renames and removes; keeps firstSeen, lock and tags', () => {
  const inv = withHosts('h1');
  const first = inv.syncHostVms('h1', [vm(1), vm(2), vm(3)], T0);
  expect(first.added.map((v) => v.name)).toEqual(['vm-1', 'vm-2', 'vm-3']);
  expect(first.added[0]).toEqual({ ...vm(1), host: 'h1', locked: false, tags: [], firstSeen: T0.toISOString(), lastSeen: T0.toISOString() });
  expect([first.changed, first.removed, first.unchanged]).toEqual([[], [], 0]);

  inv.setVmLocked('h1', uuidOf(1), true);
  inv.setVmTags('h1', uuidOf(1), ['prod', 'db']);
  inv.setVmTags('h1', uuidOf(2), ['x']);

  // vm-1 renamed and started, vm-2 unchanged, vm-3 gone, vm-4 new.
  const renamed = vm(1, { name: 'database', state: 'running', vcpus: 4, ips: ['10.0.0.5'] });
  const second = inv.syncHostVms('h1', [renamed, vm(2), vm(4)], T1);
  expect(second.added.map((v) => v.uuid)).toEqual([uuidOf(4)]);
  expect(second.changed).toEqual([
    { ...renamed, host: 'h1', locked: true, tags: ['prod', 'db'], firstSeen: T0.toISOString(), lastSeen: T1.toISOString() },
  ]);
  expect(second.removed).toEqual([{ ...vm(3), host: 'h1', locked: false, tags: [], firstSeen: T0.toISOString(), lastSeen: T0.toISOString() }]);
  expect(second.unchanged).toBe(1);

  expect(inv.listVms().map((v) => [v.name, v.locked, v.tags, v.firstSeen, v.lastSeen])).toEqual([
    ['database', true, ['prod', 'db'], T0.toISOString(), T1.toISOString()],
    ['vm-2', false, ['x'], T0.toISOString(), T1.toISOString()],
    ['vm-4', false, [], T1.toISOString(), T1.toISOString()],
  ]);

  // An empty listing empties the host.
  expect(inv.syncHostVms('h1', [], T2).removed).toHaveLength(3);
  expect(inv.listVms()).toEqual([]);
});

test('a VM changed only in nested data counts as changed', () => {
  const inv = withHosts('h1');
  inv.syncHostVms('h1', [vm(1)], T0);
  const nic = { ...vm(1).nics[0]!, ips: ['192.168.1.9'] };
  const r = inv.syncHostVms('h1', [vm(1, { nics: [nic] })], T1);
  expect(r.changed.map((v) => v.nics[0]!.ips)).toEqual([['192.168.1.9']]);
  // Extra properties in the input are not stored (and do not make a VM look changed).
  const extra = { ...vm(1, { nics: [nic] }), disks: [{ ...vm(1).disks[0]!, junk: 1 }] };
  const r2 = inv.syncHostVms('h1', [extra], T2);
  expect([r2.changed, r2.unchanged]).toEqual([[], 1]);
  expect(inv.getVm('h1', 'vm-1')!.disks).toEqual(vm(1).disks);
});

test('a failing sync changes nothing (one transaction)', () => {
  const inv = withHosts('h1');
  inv.syncHostVms('h1', [vm(1), vm(2)], T0);
  const before = inv.listVms();
  // The second VM violates the STRICT INTEGER column after the first was written inside the transaction.
  expect(() => inv.syncHostVms('h1', [vm(3), vm(4, { vcpus: 'many' as unknown as number })], T1)).toThrow();
  expect(inv.listVms()).toEqual(before);
  expect(() => inv.syncHostVms('h1', [vm(5), vm(5)], T1)).toThrow(expect.objectContaining({ code: 'invalid' }));
  expect(() => inv.syncHostVms('nohost', [vm(5)], T1)).toThrow(expect.objectContaining({ code: 'host-not-found' }));
  expect(() => inv.syncHostVms('h1', [vm(5)], new Date('nope'))).toThrow(expect.objectContaining({ code: 'invalid' }));
  expect(inv.listVms()).toEqual(before);
});

test('the same uuid on two hosts is two rows', () => {
  const inv = withHosts('h1', 'h2');
  inv.syncHostVms('h1', [vm(1)], T0);
  inv.syncHostVms('h2', [vm(1, { state: 'running' })], T1);
  inv.setVmLocked('h2', uuidOf(1), true);
  expect(inv.listVms().map((v) => [v.host, v.state, v.locked])).toEqual([
    ['h1', 'shutoff', false],
    ['h2', 'running', true],
  ]);
  inv.syncHostVms('h1', [], T2);
  expect(inv.listVms().map((v) => v.host)).toEqual(['h2']);
});

test('upsertVm and removeVm change one VM; lock and tags stay', () => {
  const inv = withHosts('h1');
  inv.syncHostVms('h1', [vm(1), vm(2)], T0);
  inv.setVmTags('h1', uuidOf(1), ['a', 'b', 'a']);
  const up = inv.upsertVm('h1', vm(1, { state: 'paused' }), T1);
  expect(up).toEqual({ ...vm(1, { state: 'paused' }), host: 'h1', locked: false, tags: ['a', 'b'], firstSeen: T0.toISOString(), lastSeen: T1.toISOString() });
  expect(inv.getVm('h1', 'vm-2')!.lastSeen).toBe(T0.toISOString());
  inv.upsertVm('h1', vm(3), T2);
  expect(inv.getVm('h1', 'vm-3')!.firstSeen).toBe(T2.toISOString());
  expect(inv.removeVm('h1', uuidOf(2))).toBe(true);
  expect(inv.removeVm('h1', uuidOf(2))).toBe(false);
  expect(inv.listVms().map((v) => v.name)).toEqual(['vm-1', 'vm-3']);
  expect(() => inv.upsertVm('nohost', vm(1), T1)).toThrow(expect.objectContaining({ code: 'host-not-found' }));
});

test('lock and tags of a missing VM are errors', () => {
  const inv = withHosts('h1');
  expect(() => inv.setVmLocked('h1', uuidOf(9), true)).toThrow(expect.objectContaining({ code: 'vm-not-found' }));
  expect(() => inv.setVmTags('h1', uuidOf(9), [])).toThrow(expect.objectContaining({ code: 'vm-not-found' }));
});

test('getVm by name, by uuid in any case, per host', () => {
  const inv = withHosts('h1', 'h2');
  inv.syncHostVms('h1', [vm(1), vm(2, { name: uuidOf(1) })], T0);
  inv.syncHostVms('h2', [vm(3)], T0);
  expect(inv.getVm('h1', 'vm-1')!.uuid).toBe(uuidOf(1));
  expect(inv.getVm('h1', uuidOf(1))!.name).toBe('vm-1'); // uuid wins over a VM named like it
  expect(inv.getVm('h1', uuidOf(1).toUpperCase())!.name).toBe('vm-1');
  expect(inv.getVm('h1', 'VM-1')).toBeNull(); // names are case-sensitive, as in libvirt
  expect(inv.getVm('h1', 'vm-3')).toBeNull();
  expect(inv.getVm('h2', 'vm-3')!.host).toBe('h2');
  expect(inv.getVm('nohost', 'vm-1')).toBeNull();
});

test('listVms is sorted by host then name, and filters by host', () => {
  const inv = withHosts('b', 'a');
  inv.syncHostVms('b', [vm(1, { name: 'zeta' }), vm(2, { name: 'alpha' })], T0);
  inv.syncHostVms('a', [vm(3, { name: 'mid' })], T0);
  expect(inv.listVms().map((v) => `${v.host}/${v.name}`)).toEqual(['a/mid', 'b/alpha', 'b/zeta']);
  expect(inv.listVms({ host: 'b' }).map((v) => v.name)).toEqual(['alpha', 'zeta']);
  expect(inv.listVms({ host: 'none' })).toEqual([]);
});

test('odd strings are stored and returned byte-exact', () => {
  const odd = [
    `it's "quoted"`,
    'two  spaces and trailing ',
    'ünïcødé 虚拟机 🖥️',
    '$(touch /tmp/x)',
    '`rm -rf /`; DROP TABLE vms; --',
    'line\nbreak\ttab',
    'back\\slash %_ wildcard',
    'nul\u0000inside',
  ];
  const inv = t.open();
  odd.forEach((s, i) => {
    const host = `${s} host`;
    inv.addHost({ name: host, transport: 'ssh', ssh: { host: s, user: s }, uri: s });
    inv.syncHostVms(host, [vm(i, { name: s, disks: [{ ...vm(i).disks[0]!, source: s }], ips: [s] })], T0);
    inv.setVmTags(host, uuidOf(i), [s, 'plain']);
    inv.appendEvent({ host, vmUuid: uuidOf(i), kind: s, message: s, at: T0, data: { s } });
  });
  inv.close();
  const again = t.open();
  odd.forEach((s, i) => {
    const host = `${s} host`;
    expect(again.getHost(host)).toEqual({ name: host, transport: 'ssh', ssh: { host: s, user: s }, uri: s });
    const got = again.getVm(host, s)!;
    expect([got.name, got.disks[0]!.source, got.ips, got.tags]).toEqual([s, s, [s], [s, 'plain']]);
    expect(again.listEvents({ host }).map((e) => [e.kind, e.message, e.data])).toEqual([[s, s, { s }]]);
  });
  expect(again.listHosts()).toHaveLength(odd.length);
});

test('a host that dropped marks its VMs seen until then, never earlier than they were, and no other host\'s', () => {
  const inv = withHosts('h1', 'h2');
  inv.syncHostVms('h1', [vm(1)], T0);
  inv.upsertVm('h1', vm(2), T2);
  inv.syncHostVms('h2', [vm(3)], T0);
  inv.markHostVmsSeen('h1', T1);
  expect(inv.listVms().map((v) => [v.host, v.name, v.lastSeen])).toEqual([
    ['h1', 'vm-1', T1.toISOString()],
    ['h1', 'vm-2', T2.toISOString()],
    ['h2', 'vm-3', T0.toISOString()],
  ]);
});
