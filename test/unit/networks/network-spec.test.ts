import { describe, expect, it } from 'vitest';
import { cidrOrThrow, formatIpv4 } from '../../../electron/core/net/ipv4.js';
import {
  networkXml,
  readNetworkXml,
  validateNetworkSpec,
  type ExistingNetwork,
  type NetworkSpec,
} from '../../../electron/core/networks/network-spec.js';
import { coreError } from '../../fixtures/core-error.js';

describe('network CIDR', () => {
  it('needs a prefix between /8 and /30 and a host address', () => {
    expect(() => validateNetworkSpec(nat({ cidr: '10.1.2.1/31' }), [])).toThrow(coreError('network.prefix-range', { value: '10.1.2.1/31', prefix: 31 }));
    expect(() => validateNetworkSpec(nat({ cidr: '10.1.2.1/7' }), [])).toThrow(coreError('network.prefix-range', { value: '10.1.2.1/7', prefix: 7 }));
    expect(() => validateNetworkSpec(nat({ cidr: '10.1.2.1' }), [])).toThrow(coreError('value.not-cidr', { value: '10.1.2.1' }));
    expect(() => validateNetworkSpec(nat({ cidr: '10.1.2.300/24' }), [])).toThrow(coreError('value.not-ipv4', { value: '10.1.2.300' }));
    expect(validateNetworkSpec(nat({ cidr: ' 10.1.2.1/24 ' }), []).subnet?.prefix).toBe(24);
  });
});

const existing: ExistingNetwork[] = [{ name: 'default', subnets: [cidrOrThrow('192.168.122.1/24')] }];
const nat = (over: Partial<NetworkSpec> = {}): NetworkSpec => ({ name: 'lab', mode: 'nat', cidr: '10.1.2.1/24', ...over });

describe('validateNetworkSpec', () => {
  it('defaults DHCP to the rest of the subnet after the host address', () => {
    const v = validateNetworkSpec(nat(), existing);
    expect(v.dhcp && [formatIpv4(v.dhcp.start), formatIpv4(v.dhcp.end)]).toEqual(['10.1.2.2', '10.1.2.254']);
  });
  it.each<[string, Partial<NetworkSpec>, unknown]>([
    ['overlap', { cidr: '192.168.0.1/16' }, coreError('network.overlap', { subnet: '192.168.0.0/16', other: 'default', otherSubnet: '192.168.122.0/24' })],
    ['name taken', { name: 'default', cidr: '10.9.9.1/24' }, coreError('network.exists', { network: 'default' })],
    ['bad name', { name: 'a b' }, coreError('name.bad-chars', { name: 'a b' })],
    ['network address as host', { cidr: '10.1.2.0/24' }, coreError('network.host-address-reserved', { value: '10.1.2.0/24', example: '10.1.2.1/24' })],
    ['range outside', { dhcpRange: { start: '10.1.2.10', end: '10.1.3.10' } }, coreError('network.dhcp-outside', { range: '10.1.2.10-10.1.3.10', subnet: '10.1.2.0/24' })],
    ['range reversed', { dhcpRange: { start: '10.1.2.90', end: '10.1.2.10' } }, coreError('network.dhcp-reversed', { range: '10.1.2.90-10.1.2.10' })],
    ['range has gateway', { dhcpRange: { start: '10.1.2.1', end: '10.1.2.10' } }, coreError('network.dhcp-has-host', { range: '10.1.2.1-10.1.2.10', address: '10.1.2.1' })],
    ['no cidr', { cidr: undefined }, coreError('network.needs-address', { mode: 'nat' })],
    ['bridge without name', { mode: 'bridge', cidr: undefined }, coreError('network.bridge-needs-name', {})],
    ['bridge with cidr', { mode: 'bridge', bridge: 'br0' }, coreError('network.bridge-no-addresses', {})],
    ['static host without dhcp', { dhcpRange: null, dhcpHosts: [{ mac: '52:54:00:00:00:01', ip: '10.1.2.5' }] }, coreError('network.static-needs-dhcp', {})],
    ['bad mac', { dhcpHosts: [{ mac: '52:54:00:00:01', ip: '10.1.2.5' }] }, coreError('value.not-mac', { value: '52:54:00:00:01' })],
    ['host ip outside', { dhcpHosts: [{ mac: '52:54:00:00:00:01', ip: '10.1.3.5' }] }, coreError('network.static-outside', { mac: '52:54:00:00:00:01', ip: '10.1.3.5', subnet: '10.1.2.0/24' })],
    ['dup ip', { dhcpHosts: [{ mac: '52:54:00:00:00:01', ip: '10.1.2.5' }, { mac: '52:54:00:00:00:02', ip: '10.1.2.5' }] }, coreError('network.ip-twice', { ip: '10.1.2.5' })],
    ['forward dev on isolated', { mode: 'isolated', forwardDev: 'eth0' }, coreError('network.forward-dev-mode', { mode: 'isolated' })],
    ['bad mode', { mode: 'weird' as NetworkSpec['mode'] }, coreError('network.bad-mode', { mode: 'weird', modes: ['nat', 'route', 'isolated', 'open', 'bridge'] })],
  ])('rejects %s', (_what, over, error) => expect(() => validateNetworkSpec(nat(over), existing)).toThrow(error));
});

describe('networkXml / readNetworkXml', () => {
  it('round-trips a NAT network with a range and static hosts', () => {
    const spec = nat({
      dhcpRange: { start: '10.1.2.100', end: '10.1.2.200' },
      dhcpHosts: [{ mac: '52:54:00:AA:00:01', ip: '10.1.2.5', name: 'web' }],
      forwardDev: 'eth0',
    });
    const xml = networkXml(validateNetworkSpec(spec, existing));
    expect(xml).toContain("<forward mode=\"nat\" dev=\"eth0\"/>");
    const back = readNetworkXml(xml);
    expect(back).toMatchObject({
      mode: 'nat',
      forwardDev: 'eth0',
      dhcpRanges: [{ start: '10.1.2.100', end: '10.1.2.200' }],
      dhcpHosts: [{ mac: '52:54:00:aa:00:01', ip: '10.1.2.5', name: 'web' }],
    });
    expect(back.subnets.map((s) => [formatIpv4(s.address), s.prefix])).toEqual([['10.1.2.1', 24]]);
  });
  it('isolated has no <forward>, no-DHCP has no <dhcp>, bridge mode only names the bridge', () => {
    const iso = networkXml(validateNetworkSpec(nat({ mode: 'isolated', dhcpRange: null }), existing));
    expect(iso).not.toContain('<forward');
    expect(iso).not.toContain('<dhcp');
    expect(readNetworkXml(iso).mode).toBe('isolated');
    const br = networkXml(validateNetworkSpec({ name: 'lan', mode: 'bridge', bridge: 'br0' }, existing));
    expect(readNetworkXml(br)).toMatchObject({ mode: 'bridge', bridge: 'br0', subnets: [] });
  });
  it('reads netmask-style addresses of hand-made networks', () => {
    const s = readNetworkXml("<network><name>x</name><ip address='10.5.0.1' netmask='255.255.0.0'/></network>").subnets[0];
    expect(s?.prefix).toBe(16);
  });
});
