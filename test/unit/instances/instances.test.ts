// Pure parts of cloud-init instances: placement, the domain a plan becomes, size rules, and the inventory tables
// (flavor defaults, reservations that cannot be taken twice, release by VM).
import { describe, expect, it } from 'vitest';
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import type { LaunchPlan, PlacementCandidate } from '../../../shared/model/instance.js';
import { sizeProblems } from '../../../electron/core/flavors/flavor-service.js';
import { instanceDomainXml } from '../../../electron/core/instances/domain-spec.js';
import { choosePlacement } from '../../../electron/core/instances/placement.js';
import { knownImageFor, KNOWN_IMAGES } from '../../../electron/core/images/known-images.js';
import { Inventory } from '../../../electron/inventory/index.js';
import { uuidOf, vm } from '../inventory/fixtures.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';

const GiB = 1024 ** 3;

describe('placement', () => {
  const c = (host: string, freeGiB: number, problem: ErrorReport | null = null): PlacementCandidate =>
    ({ host, problem, freeMemory: freeGiB * GiB, cpus: 4, poolFree: 50 * GiB, pool: 'default', imageFrom: null });
  it('takes the host with the most free memory, the others after it with why they lost', () => {
    const noImage = report('placement.no-image', { host: 'h3', image: 'deb' });
    const p = choosePlacement([c('h1', 2), c('h2', 6), c('h3', 9, noImage)]);
    expect(p).toEqual({ by: 'auto', host: 'h2', candidates: [c('h2', 6), c('h1', 2), c('h3', 9, noImage)] });
  });
  it('no host fits: null (the caller reports each candidate\'s problem)', () => {
    expect(choosePlacement([c('h1', 1, report('placement.memory', { host: 'h1', needBytes: 2 * GiB, freeBytes: GiB }))])).toBeNull();
    expect(choosePlacement([])).toBeNull();
  });
});

describe('instance domain', () => {
  const plan: LaunchPlan = {
    name: 'web1', host: 'h1', placement: { by: 'user', host: 'h1', candidates: [] }, imageFrom: null, vcpus: 2, memoryMiB: 1024, diskBytes: 10 * GiB, network: 'lan', networkKind: 'network',
    address: '10.0.0.5/24', gateway: '10.0.0.1', mac: '52:54:00:00:00:05', virtType: 'qemu', pool: 'default', diskVolume: 'web1.qcow2', seedVolume: 'web1-seed.iso',
    image: { host: 'h1', name: 'deb12', pool: 'default', volume: 'deb12.qcow2', path: null, format: 'qcow2', virtualSize: 2 * GiB, sizeOnDisk: GiB, sha256: null, source: '', os: null, defaultUser: 'debian', addedAt: '' },
  };
  it('q35, disk on virtio, seed CD-ROM on virtio-scsi, NIC by MAC, serial + VNC + agent channel, metadata', () => {
    const d = DomainXml.parse(instanceDomainXml(plan, 'tester'));
    expect([d.type, d.machine, d.memoryKiB, d.vcpus]).toEqual(['qemu', 'q35', 1024 * 1024, 2]);
    expect(d.disks.map((x) => [x.device, x.sourceVolume, x.targetBus, x.readonly])).toEqual([['disk', 'web1.qcow2', 'virtio', false], ['cdrom', 'web1-seed.iso', 'scsi', true]]);
    expect(d.controllers.map((x) => [x.type, x.model])).toEqual([['scsi', 'virtio-scsi']]);
    expect(d.interfaces.map((i) => [i.type, i.sourceNetwork, i.mac, i.model])).toEqual([['network', 'lan', '52:54:00:00:00:05', 'virtio']]);
    expect(d.channels.map((x) => x.targetName)).toEqual(['org.qemu.guest_agent.0']);
    expect(d.graphics.map((g) => [g.type, g.listen])).toEqual([['vnc', '127.0.0.1']]);
    // Logged on the host, so guest SSH can compare the host keys cloud-init prints there.
    expect(d.serials.map((x) => [x.type, x.logFile, x.logAppend])).toEqual([['pty', '/var/log/libvirt/qemu/web1.serial.log', 'off']]);
    expect([d.virtdeck.get('image'), d.virtdeck.get('user')]).toEqual(['deb12', 'tester']);
    expect(d.cpuMode).toBeNull();
  });
  it('kvm gets host-passthrough; a host bridge becomes a bridge interface', () => {
    const d = DomainXml.parse(instanceDomainXml({ ...plan, virtType: 'kvm', networkKind: 'bridge', network: 'br0' }, null));
    expect([d.type, d.cpuMode]).toEqual(['kvm', 'host-passthrough']);
    expect(d.interfaces.map((i) => [i.type, i.sourceBridge])).toEqual([['bridge', 'br0']]);
    expect(d.virtdeck.get('user')).toBeNull();
  });
});

describe('sizes and known images', () => {
  it('refuses zero CPUs, tiny memory and disks under 1 GiB', () => {
    expect(sizeProblems({ vcpus: 0, memoryMiB: 32, diskBytes: 1000 })).toEqual([
      report('size.vcpus', { value: 0, max: 4096 }, 'vcpus'),
      report('size.memory', { valueMiB: 32, minMiB: 64 }, 'memoryMiB'),
      report('size.disk', { minBytes: GiB }, 'diskBytes'),
    ]);
    expect(sizeProblems({ vcpus: 1, memoryMiB: 512, diskBytes: 5 * GiB })).toEqual([]);
  });
  it('every known image has an https URL and a default user; files are recognised by name', () => {
    expect(new Set(KNOWN_IMAGES.map((k) => k.distro))).toEqual(new Set(['Debian', 'Ubuntu', 'Fedora', 'CentOS Stream', 'Rocky Linux', 'AlmaLinux', 'CirrOS']));
    for (const k of KNOWN_IMAGES) expect(k.url.startsWith('https://') && k.defaultUser.length > 0).toBe(true);
    expect(knownImageFor('/tmp/noble-server-cloudimg-amd64.img')?.defaultUser).toBe('ubuntu');
    expect(knownImageFor('my.qcow2')).toBeUndefined();
  });
});

describe('inventory tables', () => {
  it('flavors come with tiny … xlarge and are editable', () => {
    const inv = Inventory.open(':memory:');
    expect(inv.instances.listFlavors().map((f) => f.name)).toEqual(['tiny', 'small', 'medium', 'large', 'xlarge']);
    inv.instances.putFlavor({ name: 'small', vcpus: 2, memoryMiB: 1536, diskBytes: 12 * GiB });
    expect(inv.instances.getFlavor('small')).toEqual({ name: 'small', vcpus: 2, memoryMiB: 1536, diskBytes: 12 * GiB });
    inv.close();
  });
  it('an address is reserved once; released by VM; gone with the IPAM config', () => {
    const inv = Inventory.open(':memory:');
    inv.addHost({ name: 'h1', transport: 'local', uri: 'qemu:///system' });
    inv.instances.putIpam({ host: 'h1', network: 'lan', kind: 'network', cidr: '10.0.0.0/24', gateway: '10.0.0.1', dns: [], search: [], range: null, reserved: [] });
    const r = { host: 'h1', network: 'lan', ip: '10.0.0.5', vmName: 'a', vmUuid: null, taskId: null, createdAt: 'now' };
    expect(inv.instances.reserve(r)).toBe(true);
    expect(inv.instances.reserve({ ...r, vmName: 'b' })).toBe(false);
    inv.instances.bindReservation('h1', 'lan', '10.0.0.5', 'uuid-a');
    expect(inv.instances.releaseVm('uuid-a').map((x) => x.ip)).toEqual(['10.0.0.5']);
    expect(inv.instances.reservations('h1', 'lan')).toEqual([]);
    inv.instances.reserve(r);
    inv.instances.removeIpam('h1', 'lan');
    expect(inv.instances.reservations()).toEqual([]);
    inv.close();
  });
  it('the memory of running VMs launched since a time counts per host (a fresh guest has not touched its RAM)', () => {
    const inv = Inventory.open(':memory:');
    inv.addHost({ name: 'h1', transport: 'local', uri: 'qemu:///system' });
    const seen = new Date('2026-12-02T10:00:00Z');
    inv.upsertVm('h1', vm(1, { state: 'running', memoryMiB: 512 }), seen);
    inv.upsertVm('h1', vm(2, { state: 'running', memoryMiB: 1024 }), seen);
    inv.upsertVm('h1', vm(3, { state: 'shutoff', memoryMiB: 2048 }), seen);
    inv.upsertVm('h1', vm(4, { state: 'running', memoryMiB: 4096 }), seen);
    const launched = (i: number, at: string) =>
      inv.instances.addInstance({ host: 'h1', vmUuid: uuidOf(i), vmName: `vm-${i}`, image: 'img', pool: 'p', seedVolume: 's', createdAt: at });
    launched(1, '2026-12-02T09:55:00.000Z');
    launched(2, '2026-12-02T09:58:00.000Z');
    launched(3, '2026-12-02T09:59:00.000Z'); // shut off: uses nothing
    launched(4, '2026-12-02T09:00:00.000Z'); // launched long ago: the host's free memory shows it already
    expect(inv.instances.recentLaunchMemoryMiB('h1', '2026-12-02T09:50:00.000Z')).toBe(1536);
    expect(inv.instances.recentLaunchMemoryMiB('h1', '2026-12-02T09:57:00.000Z')).toBe(1024);
    expect(inv.instances.recentLaunchMemoryMiB('h2', '2026-12-02T09:50:00.000Z')).toBe(0);
    inv.close();
  });
  it('a renamed VM keeps its reservation and instance record under the new name', () => {
    const inv = Inventory.open(':memory:');
    inv.addHost({ name: 'h1', transport: 'local', uri: 'qemu:///system' });
    inv.instances.putIpam({ host: 'h1', network: 'lan', kind: 'network', cidr: '10.0.0.0/24', gateway: '10.0.0.1', dns: [], search: [], range: null, reserved: [] });
    inv.instances.reserve({ host: 'h1', network: 'lan', ip: '10.0.0.7', vmName: 'old', vmUuid: 'uuid-a', taskId: null, createdAt: 'now' });
    inv.instances.reserve({ host: 'h1', network: 'lan', ip: '10.0.0.8', vmName: 'other', vmUuid: 'uuid-b', taskId: null, createdAt: 'now' });
    inv.instances.addInstance({ host: 'h1', vmUuid: 'uuid-a', vmName: 'old', image: 'img', pool: 'p', seedVolume: 's', createdAt: 'now' });
    inv.instances.renameVm('h1', 'uuid-a', 'new');
    expect(inv.instances.reservations('h1', 'lan').map((x) => [x.ip, x.vmName])).toEqual([['10.0.0.7', 'new'], ['10.0.0.8', 'other']]);
    expect(inv.instances.takeInstance('h1', 'uuid-a')?.vmName).toBe('new');
    inv.close();
  });
});
