import { describe, expect, it } from 'vitest';
import { XmlNodeModel } from '../../../electron/libvirt/xml/node-model.js';
import { PoolXml } from '../../../electron/libvirt/xml/pool.js';
import { VolumeXml } from '../../../electron/libvirt/xml/volume.js';
import { accessorsOf, fixture, propSuite, type Opened, type PropCase } from './prop-harness.js';

const pool = (xml: string): Opened => {
  const p = PoolXml.parse(xml);
  return { obj: p, toXml: () => p.toXml() };
};
const volume = (xml: string): Opened => {
  const v = VolumeXml.parse(xml);
  return { obj: v, toXml: () => v.toXml() };
};

const poolCases: Record<string, PropCase[]> = {
  'pool/tb-default-active.xml': [
    { prop: 'type', read: 'dir', write: 'fs', snippet: '<pool type="fs">' },
    { prop: 'name', read: 'default', write: 'images', snippet: '<name>images</name>' },
    { prop: 'uuid', read: '2da923db-e9b0-4471-960d-877f492a359d', write: '11111111-2222-4333-8444-555555555555' },
    { prop: 'capacityBytes', read: 270553174016 },
    { prop: 'allocationBytes', read: 24460349440 },
    { prop: 'availableBytes', read: 246092824576 },
    { prop: 'targetPath', read: '/var/lib/libvirt/images', write: '/srv/images', snippet: '<path>/srv/images</path>' },
    { prop: 'targetMode', read: '0711', write: '0755', snippet: '<mode>0755</mode>' },
    { prop: 'targetOwner', read: 0, write: 107, snippet: '<owner>107</owner>' },
    { prop: 'targetGroup', read: 0, write: 108, snippet: '<group>108</group>' },
    { prop: 'targetLabel', read: null, write: 'system_u:object_r:virt_image_t:s0', snippet: '<label>system_u:object_r:virt_image_t:s0</label>' },
  ],
  'pool/tb-xmlfix-netfs.xml': [
    { prop: 'sourceHost', read: 'nfs.example.org', write: 'nas.lan', snippet: '<host name="nas.lan"/>' },
    { prop: 'sourceHostPort', read: null, write: 2049, snippet: 'port="2049"' },
    { prop: 'sourceDir', read: '/export/vms', write: '/export/other', snippet: '<dir path="/export/other"/>' },
    { prop: 'sourceFormat', read: 'nfs', write: 'cifs', snippet: '<format type="cifs"/>' },
    { prop: 'sourceName', read: null, write: 'share', snippet: '<name>share</name>\n    <format' },
    { prop: 'sourceDevices', read: [], write: ['/dev/sdz'], snippet: '<device path="/dev/sdz"/>' },
  ],
  'pool/tb-xmlfix-logical.xml': [
    { prop: 'sourceDevices', read: ['/dev/sdx1', '/dev/sdy1'], write: ['/dev/sdq'], snippet: '<device path="/dev/sdq"/>\n    <name>' },
    { prop: 'sourceName', read: 'xmlfixvg', write: 'vg2', snippet: '<name>vg2</name>' },
  ],
};
for (const [file, cases] of Object.entries(poolCases)) propSuite(`PoolXml (${file})`, file, pool, cases);

const volumeCases: Record<string, PropCase[]> = {
  'volume/tb-xmlfix-overlay.qcow2.xml': [
    { prop: 'type', read: 'file', write: 'block', snippet: '<volume type="block">' },
    { prop: 'name', read: 'xmlfix-overlay.qcow2', write: 'o2.qcow2', snippet: '<name>o2.qcow2</name>' },
    { prop: 'key', read: '/var/lib/libvirt/images/xmlfix-overlay.qcow2', write: 'k', snippet: '<key>k</key>' },
    { prop: 'capacityBytes', read: 67108864, write: 1073741824, snippet: '<capacity unit="bytes">1073741824</capacity>' },
    { prop: 'allocationBytes', read: 200704, write: 0, snippet: '<allocation unit="bytes">0</allocation>' },
    { prop: 'targetPath', read: '/var/lib/libvirt/images/xmlfix-overlay.qcow2', write: '/srv/o.qcow2', snippet: '<path>/srv/o.qcow2</path>' },
    { prop: 'targetFormat', read: 'qcow2', write: 'raw', snippet: '<format type="raw"/>' },
    { prop: 'backingStorePath', read: '/var/lib/libvirt/images/xmlfix-vol1.qcow2', write: '/srv/base.img', snippet: '<path>/srv/base.img</path>' },
    { prop: 'backingStoreFormat', read: 'qcow2', write: 'raw' },
  ],
  'volume/tb-xmlfix-raw.img.xml': [
    { prop: 'backingStorePath', read: null, write: '/srv/base.qcow2', snippet: '<backingStore>\n    <path>/srv/base.qcow2</path>\n  </backingStore>\n</volume>' },
    { prop: 'backingStoreFormat', read: null, write: 'qcow2' },
    { prop: 'targetFormat', read: 'raw', write: 'qcow2' },
  ],
};
for (const [file, cases] of Object.entries(volumeCases)) propSuite(`VolumeXml (${file})`, file, volume, cases);

describe('storage property coverage', () => {
  it.each([
    ['PoolXml', PoolXml, poolCases],
    ['VolumeXml', VolumeXml, volumeCases],
  ] as const)('%s: every property has a case', (_name, cls, cases) => {
    const props = new Set(Object.values(cases).flatMap((cs) => cs.map((c) => c.prop)));
    expect(accessorsOf(cls, XmlNodeModel).filter((p) => !props.has(p))).toEqual([]);
  });
});

describe('PoolXml / VolumeXml create', () => {
  it('builds a dir pool', () => {
    const p = PoolXml.create({ type: 'dir', name: 'p1', targetPath: '/srv/p1' });
    p.targetMode = '0755';
    expect(p.toXml()).toBe(
      '<pool type="dir">\n  <name>p1</name>\n  <target>\n    <path>/srv/p1</path>\n    <permissions>\n      <mode>0755</mode>\n    </permissions>\n  </target>\n</pool>',
    );
  });

  it('builds an overlay volume', () => {
    const v = VolumeXml.create({ name: 'o.qcow2', capacityBytes: 1 << 30, format: 'qcow2', backingStorePath: '/srv/b.qcow2', backingStoreFormat: 'qcow2' });
    const back = VolumeXml.parse(v.toXml());
    expect([back.name, back.capacityBytes, back.targetFormat, back.backingStorePath, back.backingStoreFormat]).toEqual([
      'o.qcow2', 1073741824, 'qcow2', '/srv/b.qcow2', 'qcow2',
    ]);
    expect(v.toXml()).toMatch(/<name>o.qcow2<\/name>\s*<capacity unit="bytes">1073741824<\/capacity>\s*<target>/);
  });

  it('reads capacities in any unit as bytes', () => {
    const v = VolumeXml.parse("<volume><name>x</name><capacity unit='G'>2</capacity><allocation unit='MB'>3</allocation></volume>");
    expect(v.capacityBytes).toBe(2 * 1024 ** 3);
    expect(v.allocationBytes).toBe(3_000_000);
    expect(() => VolumeXml.parse("<volume><capacity unit='zz'>1</capacity></volume>").capacityBytes).toThrow(/unknown size unit "zz"/);
  });
});
