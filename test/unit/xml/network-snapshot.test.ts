import { describe, expect, it } from 'vitest';
import { canonicalXml } from '../../../electron/libvirt/xml/canonical.js';
import { DhcpHostXml, DhcpRangeXml, DnsHostXml, NetworkIpXml, NetworkXml } from '../../../electron/libvirt/xml/network.js';
import { XmlListItem, XmlNodeModel } from '../../../electron/libvirt/xml/node-model.js';
import { SnapshotDiskXml, SnapshotXml } from '../../../electron/libvirt/xml/snapshot.js';
import { accessorsOf, fixture, propSuite, type Opened, type PropCase } from './prop-harness.js';

const NAT = 'network/tb-xmlfix-nat-dhcp.xml';
const open =
  <M extends { toXml(): string }>(parse: (xml: string) => M, pick: (m: M) => object = (m) => m) =>
  (xml: string): Opened => {
    const m = parse(xml);
    return { obj: pick(m), toXml: () => m.toXml() };
  };
const covered = new Map<string, Set<string>>();
function suite(cls: string, file: string, o: (xml: string) => Opened, cases: PropCase[]): void {
  const set = covered.get(cls) ?? new Set<string>();
  for (const c of cases) set.add(c.prop);
  covered.set(cls, set);
  propSuite(`${cls} (${file})`, file, o, cases);
}

suite('NetworkXml', NAT, open(NetworkXml.parse), [
  { prop: 'name', read: 'xmlfix-nat-dhcp', write: 'lab', snippet: '<name>lab</name>' },
  { prop: 'uuid', read: 'c987d4dc-47bd-465e-9832-f24d4c0f2ab8', write: '11111111-2222-4333-8444-555555555555' },
  { prop: 'forwardMode', read: 'nat', write: 'route', snippet: '<forward mode="route"/>' },
  { prop: 'forwardDev', read: null, write: 'eth0', snippet: 'dev="eth0"' },
  { prop: 'bridgeName', read: 'xmlfixbr0', write: 'virbr9', snippet: 'name="virbr9"' },
  { prop: 'bridgeStp', read: true, write: false, snippet: 'stp="off"' },
  { prop: 'bridgeDelay', read: 0, write: 2, snippet: 'delay="2"' },
  { prop: 'mac', read: '52:54:00:7a:00:01', write: '52:54:00:7a:00:02', snippet: '<mac address="52:54:00:7a:00:02"/>' },
  { prop: 'domainName', read: 'xmlfix.lan', write: 'example.lan', snippet: '<domain name="example.lan" localOnly="yes"/>' },
  { prop: 'dnsEnable', read: null, write: false, snippet: '<dns enable="no">' },
  { prop: 'ips', read: expect.any(Array) },
  { prop: 'dnsHosts', read: expect.any(Array) },
]);
suite('NetworkXml', 'network/tb-xmlfix-isolated.xml', open(NetworkXml.parse), [
  { prop: 'forwardMode', read: null, write: 'nat', snippet: '</uuid>\n  <forward mode="nat"/>\n  <bridge' },
  { prop: 'dnsEnable', read: false, write: true, snippet: '<dns enable="yes"/>' },
]);
suite('NetworkIpXml', NAT, open(NetworkXml.parse, (n) => n.ips[0]!), [
  { prop: 'family', read: null, write: 'ipv4', snippet: 'family="ipv4"' },
  { prop: 'address', read: '10.77.0.1', write: '10.88.0.1', snippet: 'address="10.88.0.1"' },
  { prop: 'netmask', read: '255.255.255.0', write: '255.255.0.0', snippet: 'netmask="255.255.0.0"' },
  { prop: 'prefix', read: null, write: 16, snippet: 'prefix="16"' },
  { prop: 'dhcpRanges', read: expect.any(Array) },
  { prop: 'dhcpHosts', read: expect.any(Array) },
]);
suite('NetworkIpXml', NAT, open(NetworkXml.parse, (n) => n.ips[1]!), [
  { prop: 'family', read: 'ipv6', write: 'ipv4' },
  { prop: 'prefix', read: 64, write: 48, snippet: 'prefix="48"' },
]);
suite('DhcpRangeXml', NAT, open(NetworkXml.parse, (n) => n.ips[0]!.dhcpRanges[0]!), [
  { prop: 'start', read: '10.77.0.100', write: '10.77.0.50', snippet: '<range start="10.77.0.50" end="10.77.0.199"/>' },
  { prop: 'end', read: '10.77.0.199', write: '10.77.0.60', snippet: 'end="10.77.0.60"' },
]);
suite('DhcpHostXml', NAT, open(NetworkXml.parse, (n) => n.ips[0]!.dhcpHosts[1]!), [
  { prop: 'mac', read: '52:54:00:7a:00:11', write: '52:54:00:7a:00:99', snippet: 'mac="52:54:00:7a:00:99"' },
  { prop: 'name', read: 'web', write: 'www', snippet: 'name="www"' },
  { prop: 'ip', read: '10.77.0.11', write: '10.77.0.12', snippet: 'ip="10.77.0.12"' },
]);
suite('DnsHostXml', NAT, open(NetworkXml.parse, (n) => n.dnsHosts[0]!), [
  { prop: 'ip', read: '10.77.0.10', write: '10.77.0.20', snippet: '<host ip="10.77.0.20">' },
  { prop: 'hostnames', read: ['db', 'db.xmlfix.lan'], write: ['pg'], snippet: '<hostname>pg</hostname>' },
]);

const SNAP_RUN = 'snapshot/tb-running.xml';
const SNAP_EXT = 'snapshot/hand-external.xml';
suite('SnapshotXml', SNAP_RUN, open(SnapshotXml.parse), [
  { prop: 'name', read: 'running1', write: 'r2', snippet: '<name>r2</name>' },
  { prop: 'description', read: 'with memory state', write: 'changed', snippet: '<description>changed</description>' },
  { prop: 'state', read: 'running' },
  { prop: 'creationTime', read: expect.any(Number) },
  { prop: 'parentName', read: 'offline1' },
  { prop: 'memorySnapshot', read: 'internal', write: 'no', snippet: '<memory snapshot="no"/>' },
  { prop: 'memoryFile', read: null, write: '/srv/m.save', snippet: 'file="/srv/m.save"' },
  { prop: 'disks', read: expect.any(Array) },
]);
suite('SnapshotXml', SNAP_EXT, open(SnapshotXml.parse), [
  { prop: 'memoryFile', read: '/var/lib/libvirt/qemu/snapshot/web/before-upgrade.mem', write: '/srv/x.mem' },
  { prop: 'memorySnapshot', read: 'external', write: 'internal' },
]);
suite('SnapshotDiskXml', SNAP_EXT, open(SnapshotXml.parse, (s) => s.disks[0]!), [
  { prop: 'name', read: 'vda', write: 'vdb', snippet: '<disk name="vdb"' },
  { prop: 'snapshot', read: 'external', write: 'manual', snippet: 'snapshot="manual"' },
  { prop: 'sourceFile', read: '/var/lib/libvirt/images/web.before-upgrade', write: '/srv/w.ovl', snippet: '<source file="/srv/w.ovl"/>' },
  { prop: 'driverType', read: 'qcow2', write: 'raw', snippet: '<driver type="raw"/>' },
]);

describe('network / snapshot property coverage', () => {
  it.each([
    ['NetworkXml', NetworkXml, XmlNodeModel],
    ['NetworkIpXml', NetworkIpXml, XmlListItem],
    ['DhcpRangeXml', DhcpRangeXml, XmlListItem],
    ['DhcpHostXml', DhcpHostXml, XmlListItem],
    ['DnsHostXml', DnsHostXml, XmlListItem],
    ['SnapshotXml', SnapshotXml, XmlNodeModel],
    ['SnapshotDiskXml', SnapshotDiskXml, XmlListItem],
  ] as const)('%s: every property has a case', (name, cls, base) => {
    expect(accessorsOf(cls, base).filter((p) => !covered.get(name)?.has(p))).toEqual([]);
  });
});

describe('NetworkXml lists', () => {
  it('reads addresses, DHCP and DNS entries', () => {
    const n = NetworkXml.parse(fixture(NAT));
    expect(n.ips.map((ip) => [ip.family, ip.address, ip.netmask, ip.prefix])).toEqual([
      [null, '10.77.0.1', '255.255.255.0', null],
      ['ipv6', 'fd00:77::1', null, 64],
    ]);
    expect(n.ips[0]!.dhcpRanges.map((r) => [r.start, r.end])).toEqual([['10.77.0.100', '10.77.0.199']]);
    expect(n.ips[0]!.dhcpHosts.map((h) => h.name)).toEqual(['db', 'web']);
    expect(n.dnsHosts.map((h) => [h.ip, h.hostnames])).toEqual([['10.77.0.10', ['db', 'db.xmlfix.lan']]]);
  });

  it('adds and removes DHCP hosts without disturbing the rest', () => {
    const original = fixture(NAT);
    const n = NetworkXml.parse(original);
    const host = n.ips[0]!.addDhcpHost({ mac: '52:54:00:7a:00:12', name: 'cache', ip: '10.77.0.12' });
    expect(n.toXml()).toContain('<host mac="52:54:00:7a:00:11" name="web" ip="10.77.0.11"/>\n      <host mac="52:54:00:7a:00:12" name="cache" ip="10.77.0.12"/>\n    </dhcp>');
    const dns = n.addDnsHost({ ip: '10.77.0.12', hostnames: ['cache', 'cache.lan'] });
    expect(NetworkXml.parse(n.toXml()).dnsHosts[1]!.hostnames).toEqual(['cache', 'cache.lan']);
    host.remove();
    dns.remove();
    expect(canonicalXml(n.toXml())).toBe(canonicalXml(original));
  });

  it('creates a NAT network with DHCP in libvirt order', () => {
    const n = NetworkXml.create({ name: 'net1', bridgeName: 'virbr7', forwardMode: 'nat', bridgeStp: true, dnsEnable: true });
    const ip = n.addIp({ address: '10.9.0.1', prefix: 24 });
    ip.addDhcpRange({ start: '10.9.0.100', end: '10.9.0.200' });
    ip.addDhcpHost({ mac: '52:54:00:00:00:01', ip: '10.9.0.5' });
    expect(n.toXml()).toBe(
      [
        '<network>',
        '  <name>net1</name>',
        '  <forward mode="nat"/>',
        '  <bridge name="virbr7" stp="on"/>',
        '  <dns enable="yes"/>',
        '  <ip address="10.9.0.1" prefix="24">',
        '    <dhcp>',
        '      <range start="10.9.0.100" end="10.9.0.200"/>',
        '      <host mac="52:54:00:00:00:01" ip="10.9.0.5"/>',
        '    </dhcp>',
        '  </ip>',
        '</network>',
      ].join('\n'),
    );
  });
});

describe('SnapshotXml', () => {
  it('keeps the embedded domain untouched and readable as a copy', () => {
    const original = fixture(SNAP_EXT);
    const s = SnapshotXml.parse(original);
    const dom = s.embeddedDomain()!;
    expect([dom.name, dom.disks[0]!.sourceFile]).toEqual(['web', '/var/lib/libvirt/images/web.qcow2']);
    dom.name = 'changed';
    s.description = 'edited';
    const out = s.toXml();
    expect(out).toContain('<name>web</name>');
    expect(out).toContain('<qemu:commandline><qemu:arg value="-no-hpet"/></qemu:commandline>');
    expect(out).toContain('<cookie><cpu mode="custom" match="exact"><model>qemu64</model></cpu></cookie>');
    expect(SnapshotXml.parse(fixture('snapshot/tb-offline.xml')).embeddedDomain()!.memoryKiB).toBe(32768);
    expect(SnapshotXml.parse(fixture(SNAP_EXT)).disks.map((d) => [d.name, d.snapshot])).toEqual([
      ['vda', 'external'],
      ['hdc', 'no'],
    ]);
  });

  it('creates what snapshot-create takes', () => {
    const s = SnapshotXml.create({ name: 'pre', description: 'before', memorySnapshot: 'no' });
    s.addDisk({ name: 'vda', snapshot: 'external', driverType: 'qcow2', sourceFile: '/srv/vda.pre' });
    expect(s.toXml()).toBe(
      [
        '<domainsnapshot>',
        '  <name>pre</name>',
        '  <description>before</description>',
        '  <memory snapshot="no"/>',
        '  <disks>',
        '    <disk name="vda" snapshot="external">',
        '      <driver type="qcow2"/>',
        '      <source file="/srv/vda.pre"/>',
        '    </disk>',
        '  </disks>',
        '</domainsnapshot>',
      ].join('\n'),
    );
  });
});
