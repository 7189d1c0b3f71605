import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
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

test('sync adds, updates, renames and removes; keeps firstSeen; facts are cached as the host says', () => {
  const inv = withHosts('h1');
  const first = inv.syncHostVms('h1', [vm(1), vm(2), vm(3)], T0);
  expect(first.added.map((v) => v.name)).toEqual(['vm-1', 'vm-2', 'vm-3']);
  expect(first.added[0]).toEqual({ ...vm(1), host: 'h1', firstSeen: T0.toISOString(), lastSeen: T0.toISOString() });
  expect([first.changed, first.removed, first.unchanged]).toEqual([[], [], 0]);

  // vm-1 renamed, started, locked and tagged on the host; vm-2 unchanged; vm-3 gone; vm-4 new.
  const facts = { locked: true, tags: ['prod', 'db'], owner: 'alice', notes: 'line 1\nline 2', fields: { due: '2026-12-31' } };
  const renamed = vm(1, { name: 'database', state: 'running', vcpus: 4, ips: ['10.0.0.5'], ...facts });
  const second = inv.syncHostVms('h1', [renamed, vm(2), vm(4)], T1);
  expect(second.added.map((v) => v.uuid)).toEqual([uuidOf(4)]);
  // Tags are kept sorted and unique.
  expect(second.changed).toEqual([
    { ...renamed, tags: ['db', 'prod'], host: 'h1', firstSeen: T0.toISOString(), lastSeen: T1.toISOString() },
  ]);
  expect(second.removed).toEqual([{ ...vm(3), host: 'h1', firstSeen: T0.toISOString(), lastSeen: T0.toISOString() }]);
  expect(second.unchanged).toBe(1);

  expect(inv.listVms().map((v) => [v.name, v.locked, v.tags, v.owner, v.firstSeen, v.lastSeen])).toEqual([
    ['database', true, ['db', 'prod'], 'alice', T0.toISOString(), T1.toISOString()],
    ['vm-2', false, [], null, T0.toISOString(), T1.toISOString()],
    ['vm-4', false, [], null, T1.toISOString(), T1.toISOString()],
  ]);
  // A fact removed on the host is removed from the cache.
  expect(inv.syncHostVms('h1', [vm(1, { name: 'database' }), vm(2), vm(4)], T2).changed.map((v) => [v.locked, v.tags, v.owner, v.notes, v.fields]))
    .toEqual([[false, [], null, '', {}]]);

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
  inv.syncHostVms('h2', [vm(1, { state: 'running', locked: true })], T1);
  expect(inv.listVms().map((v) => [v.host, v.state, v.locked])).toEqual([
    ['h1', 'shutoff', false],
    ['h2', 'running', true],
  ]);
  inv.syncHostVms('h1', [], T2);
  expect(inv.listVms().map((v) => v.host)).toEqual(['h2']);
});

test('upsertVm and removeVm change one VM', () => {
  const inv = withHosts('h1');
  inv.syncHostVms('h1', [vm(1), vm(2)], T0);
  const up = inv.upsertVm('h1', vm(1, { state: 'paused', tags: ['b', 'a', 'b'] }), T1);
  expect(up).toEqual({ ...vm(1, { state: 'paused' }), host: 'h1', tags: ['a', 'b'], firstSeen: T0.toISOString(), lastSeen: T1.toISOString() });
  expect(inv.getVm('h1', 'vm-2')!.lastSeen).toBe(T0.toISOString());
  inv.upsertVm('h1', vm(3), T2);
  expect(inv.getVm('h1', 'vm-3')!.firstSeen).toBe(T2.toISOString());
  expect(inv.removeVm('h1', uuidOf(2))).toBe(true);
  expect(inv.removeVm('h1', uuidOf(2))).toBe(false);
  expect(inv.listVms().map((v) => v.name)).toEqual(['vm-1', 'vm-3']);
  expect(() => inv.upsertVm('nohost', vm(1), T1)).toThrow(expect.objectContaining({ code: 'host-not-found' }));
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
    inv.syncHostVms(host, [vm(i, { name: s, disks: [{ ...vm(i).disks[0]!, source: s }], ips: [s], tags: [s, 'plain'], notes: s, fields: { [s]: s } })], T0);
    inv.appendEvent({ host, vmUuid: uuidOf(i), kind: s, message: s, at: T0, data: { s } });
  });
  inv.close();
  const again = t.open();
  odd.forEach((s, i) => {
    const host = `${s} host`;
    expect(again.getHost(host)).toEqual({ name: host, transport: 'ssh', ssh: { host: s, user: s }, uri: s });
    const got = again.getVm(host, s)!;
    expect([got.name, got.disks[0]!.source, got.ips, got.tags.includes(s), got.notes, got.fields]).toEqual([s, s, [s], true, s, { [s]: s }]);
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

test('opening a schema-4 file forgets the XML digests, so every VM is read once more for its facts', () => {
  const file = join(t.dir(), 'inventory.sqlite');
  const inv = t.open(file);
  inv.addHost({ name: 'h1', transport: 'local', uri: 'qemu:///system' });
  inv.syncHostVms('h1', [{ ...vm(1), xmlDigest: 'abc' }], T0);
  expect(inv.xmlDigests('h1')).toEqual(new Map([[uuidOf(1), 'abc']]));
  inv.close();
  const db = new DatabaseSync(file);
  db.exec(`ALTER TABLE ip_reservations DROP COLUMN note; ALTER TABLE ip_reservations DROP COLUMN by_who; ALTER TABLE ip_reservations DROP COLUMN home; ALTER TABLE ipam_networks DROP COLUMN on_host;
    DROP TABLE fact_columns; ALTER TABLE vms DROP COLUMN owner; ALTER TABLE vms DROP COLUMN notes; ALTER TABLE vms DROP COLUMN fields;
    PRAGMA user_version = 4`);
  db.close();
  const again = t.open(file);
  expect(again.xmlDigests('h1')).toEqual(new Map());
  expect(again.getVm('h1', 'vm-1')).toMatchObject({ owner: null, notes: '', fields: {} });
});
