import { describe, expect, it } from 'vitest';
import { coreError } from '../../fixtures/core-error.js';
import { poolXml, readPoolXml, validatePoolSpec, type PoolSpec } from '../../../electron/core/storage/pool-spec.js';
import { readPoolSources } from '../../../electron/core/storage/pool-sources.js';
import { readVolumeXml, validateVolumeSpec, volumeXml, type VolumeSpec } from '../../../electron/core/storage/volume-spec.js';

const xmlOf = (spec: PoolSpec): string => poolXml(validatePoolSpec(spec));

describe('pool specs', () => {
  it.each<[PoolSpec, Partial<ReturnType<typeof readPoolXml>>, string[]]>([
    [{ name: 'd', type: 'dir', target: '/srv/vm/' }, { type: 'dir', targetPath: '/srv/vm' }, []],
    [{ name: 'f', type: 'fs', device: '/dev/loop3', target: '/mnt/f', format: 'ext4' }, { source: '/dev/loop3 (ext4)' }, ["<device path=\"/dev/loop3\"/>"]],
    [{ name: 'n', type: 'netfs', host: 'nas.lan', sourcePath: '/export/vm', target: '/mnt/n' }, { source: 'nfs nas.lan:/export/vm' }, ['<dir path="/export/vm"/>']],
    [{ name: 'vg0', type: 'logical', devices: ['/dev/sdb', '/dev/sdc'] }, { source: 'vg0 (/dev/sdb, /dev/sdc)', targetPath: '/dev/vg0' }, ['<format type="lvm2"/>']],
    [{ name: 'i', type: 'iscsi', host: '10.0.0.9', port: 3260, sourcePath: 'iqn.2024-01.lan.nas:disk1' }, { source: '10.0.0.9 iqn.2024-01.lan.nas:disk1', targetPath: '/dev/disk/by-path' }, ['port="3260"']],
    [
      { name: 'r', type: 'rbd', host: ['mon1', 'mon2'], sourceName: 'rbd', authUser: 'libvirt', secretUuid: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9' },
      { source: 'rbd @ mon1,mon2', targetPath: null },
      ['<auth type="ceph" username="libvirt"><secret uuid="0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"/></auth>'],
    ],
  ])('%j → XML and back', (spec, summary, fragments) => {
    const xml = xmlOf(spec);
    expect(readPoolXml(xml)).toMatchObject({ type: spec.type, ...summary });
    for (const f of fragments) expect(xml.replace(/>\s+</g, "><")).toContain(f);
  });

  it.each<[PoolSpec, unknown]>([
    [{ name: 'd', type: 'dir' }, coreError('pool.target-required', {})],
    [{ name: 'd', type: 'dir', target: 'relative/path' }, coreError('pool.bad-path', { path: 'relative/path' })],
    [{ name: 'd', type: 'dir', target: '/a/../etc' }, coreError('pool.bad-path', { path: '/a/../etc' })],
    [{ name: 'bad name', type: 'dir', target: '/x' }, coreError('name.bad-chars', { name: 'bad name' })],
    [{ name: 'x', type: 'zfs' as PoolSpec['type'], target: '/x' }, coreError('pool.bad-type', { type: 'zfs', types: ['dir', 'fs', 'netfs', 'logical', 'iscsi', 'rbd'] })],
    [{ name: 'f', type: 'fs', target: '/m' }, coreError('pool.device-required', {})],
    [{ name: 'f', type: 'fs', device: '/dev/x', target: '/m', format: 'ntfs' }, coreError('pool.bad-format')],
    [{ name: 'n', type: 'netfs', sourcePath: '/e', target: '/m' }, coreError('pool.source-host-required', { type: 'netfs' })],
    [{ name: 'n', type: 'netfs', host: 'bad host', sourcePath: '/e', target: '/m' }, coreError('value.not-hostname', { value: 'bad host' })],
    [{ name: 'n', type: 'netfs', host: '10.0.0.256', sourcePath: '/e', target: '/m' }, coreError('value.not-hostname', { value: '10.0.0.256' })],
    [{ name: 'l', type: 'logical', sourceName: '-vg' }, coreError('pool.bad-vg', { name: '-vg' })],
    [{ name: 'i', type: 'iscsi', host: 'nas', sourcePath: 'disk1' }, coreError('pool.bad-iqn', { value: 'disk1' })],
    [{ name: 'r', type: 'rbd', host: 'mon1', sourceName: 'rbd', authUser: 'x' }, coreError('pool.rbd-auth-pair', {})],
    [{ name: 'i', type: 'iscsi', host: 'nas', port: 70000, sourcePath: 'iqn.2024-01.a:b' }, coreError('pool.bad-port', { port: 70000 })],
  ])('rejects %j', (spec, error) => expect(() => validatePoolSpec(spec)).toThrow(error));
});

describe('pool source discovery answers', () => {
  it('reads NFS exports and LVM volume groups', () => {
    const nfs = readPoolSources("<sources><source><host name='nas'/><dir path='/srv/a'/><format type='nfs'/></source></sources>");
    expect(nfs).toEqual([{ host: 'nas', path: '/srv/a', name: null, devices: [], format: 'nfs' }]);
    const lvm = readPoolSources("<sources><source><device path='/dev/loop1'/><name>vg0</name><format type='lvm2'/></source></sources>");
    expect(lvm).toEqual([{ host: null, path: null, name: 'vg0', devices: ['/dev/loop1'], format: 'lvm2' }]);
  });
});

describe('volume specs', () => {
  const base: VolumeSpec = { name: 'disk.qcow2', capacity: 1 << 30, format: 'qcow2', preallocation: 'off' };
  it('thin qcow2 allocates nothing up front; full raw allocates everything; backing is recorded', () => {
    expect(readVolumeXml(volumeXml(base))).toMatchObject({ name: 'disk.qcow2', format: 'qcow2', backing: null });
    expect(volumeXml(base)).toContain('<allocation unit="bytes">0</allocation>');
    expect(volumeXml({ ...base, format: 'raw', preallocation: 'full' })).toContain(`<allocation unit="bytes">${1 << 30}</allocation>`);
    const overlay = volumeXml({ ...base, backing: { path: '/pool/base.qcow2', format: 'qcow2' } });
    expect(readVolumeXml(overlay).backing).toEqual({ path: '/pool/base.qcow2', format: 'qcow2' });
  });
  it.each<[Partial<VolumeSpec>, unknown]>([
    [{ format: 'vmdk' as VolumeSpec['format'] }, coreError('volume.bad-format')],
    [{ format: 'raw', preallocation: 'metadata' }, coreError('volume.metadata-needs-qcow2', {})],
    [{ format: 'raw', backing: { path: '/b', format: 'raw' } }, coreError('volume.backing-needs-qcow2', {})],
    [{ preallocation: 'full', backing: { path: '/b', format: 'raw' } }, coreError('volume.clone-preallocated', {})],
    [{ name: 'a/b' }, coreError('name.bad-chars', { name: 'a/b' })],
  ])('rejects %j', (over, error) => expect(() => validateVolumeSpec({ ...base, ...over })).toThrow(error));
});
