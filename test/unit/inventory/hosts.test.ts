import { expect, test } from 'vitest';
import type { HostConfig } from '../../../shared/model/host.js';
import { useTempInventories } from './helpers.js';
import { uuidOf, vm } from './fixtures.js';

const t = useTempInventories();

const h1: HostConfig = {
  name: 'h1',
  transport: 'ssh',
  ssh: { host: '127.0.0.1', port: 2201, user: 'root', identityFile: '/home/ops/.ssh/id_ed25519', jump: 'bastion' },
  uri: 'qemu:///system',
  knownHostsFile: '/home/ops/.ssh/known_hosts_lab',
  virtType: 'qemu',
};
const local: HostConfig = { name: 'a-local', transport: 'local', uri: 'qemu:///system', virtType: null };

test('add, get, list (sorted by name), update, remove', () => {
  const inv = t.open();
  inv.addHost(h1);
  inv.addHost(local);
  expect(inv.getHost('h1')).toEqual(h1);
  expect(inv.getHost('nope')).toBeNull();
  expect(inv.listHosts()).toEqual([local, h1]);

  const moved = { ...h1, ssh: { host: 'kvm1.example', port: 22 }, virtType: 'kvm' as const };
  inv.updateHost(moved);
  expect(inv.getHost('h1')).toEqual(moved);

  inv.removeHost('a-local');
  expect(inv.listHosts()).toEqual([moved]);
});

test('duplicate names and unknown hosts are typed errors', () => {
  const inv = t.open();
  inv.addHost(h1);
  expect(() => inv.addHost({ ...local, name: 'h1' })).toThrow(expect.objectContaining({ code: 'host-exists' }));
  expect(inv.getHost('h1')).toEqual(h1);
  expect(() => inv.updateHost(local)).toThrow(expect.objectContaining({ code: 'host-not-found' }));
  expect(() => inv.removeHost('a-local')).toThrow(expect.objectContaining({ code: 'host-not-found' }));
  expect(() => inv.addHost({ ...local, name: '' })).toThrow(expect.objectContaining({ code: 'invalid' }));
});

test('removing a host removes its VMs but keeps its events and other hosts', () => {
  const inv = t.open();
  inv.addHost(h1);
  inv.addHost(local);
  inv.syncHostVms('h1', [vm(1), vm(2)], new Date());
  inv.syncHostVms('a-local', [vm(1)], new Date());
  inv.appendEvent({ host: 'h1', vmUuid: uuidOf(1), kind: 'started', message: 'vm-1 started', at: new Date() });
  inv.removeHost('h1');
  expect(inv.listVms().map((v) => `${v.host}/${v.name}`)).toEqual(['a-local/vm-1']);
  expect(inv.listEvents({ host: 'h1' }).map((e) => e.message)).toEqual(['vm-1 started']);
  // A host added again under the same name starts empty.
  inv.addHost(h1);
  expect(inv.listVms({ host: 'h1' })).toEqual([]);
});

test('renaming a host moves its VMs, IPAM and reservations with it, in one go; past events keep their name', () => {
  const inv = t.open();
  inv.addHost(h1);
  inv.addHost(local);
  inv.syncHostVms('h1', [vm(1), vm(2)], new Date());
  inv.appendEvent({ host: 'h1', vmUuid: uuidOf(1), kind: 'started', message: 'vm-1 started', at: new Date() });
  inv.instances.putIpam({ host: 'h1', network: 'lab', kind: 'network', cidr: '10.9.0.0/24', gateway: '10.9.0.1', dns: [], search: [], range: null, reserved: [] });
  inv.instances.reserve({ host: 'h1', network: 'lab', ip: '10.9.0.5', vmName: 'vm-1', vmUuid: uuidOf(1), taskId: null, createdAt: new Date().toISOString() });

  const kvm1 = { ...h1, name: 'kvm1', ssh: { host: 'kvm1.example', port: 22 } };
  inv.renameHost('h1', kvm1);
  expect(inv.getHost('h1')).toBeNull();
  expect(inv.getHost('kvm1')).toEqual(kvm1);
  expect(inv.listVms({ host: 'kvm1' }).map((v) => v.name)).toEqual(['vm-1', 'vm-2']);
  expect(inv.listEvents({ host: 'h1' }).map((e) => e.message)).toEqual(['vm-1 started']);
  expect(inv.instances.getIpam('kvm1', 'lab')?.cidr).toBe('10.9.0.0/24');
  expect(inv.instances.reservations('kvm1', 'lab').map((r) => r.ip)).toEqual(['10.9.0.5']);

  // Onto a taken name, or from an unknown one: a typed error and nothing moved.
  expect(() => inv.renameHost('kvm1', { ...kvm1, name: 'a-local' })).toThrow(expect.objectContaining({ code: 'host-exists' }));
  expect(() => inv.renameHost('nope', { ...kvm1, name: 'x' })).toThrow(expect.objectContaining({ code: 'host-not-found' }));
  expect(inv.listVms({ host: 'kvm1' })).toHaveLength(2);
});
