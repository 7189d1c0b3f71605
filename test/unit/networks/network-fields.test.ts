// A network check's error names the spec field it is about, so the network wizard shows it on that input.
import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../../shared/model/network.js';
import type { CoreError } from '../../../electron/core/errors.js';
import { withNetworkField } from '../../../electron/core/networks/network-fields.js';
import { cidrOrThrow } from '../../../electron/core/net/ipv4.js';
import { validateNetworkSpec } from '../../../electron/core/networks/network-spec.js';

const fieldOf = (spec: NetworkSpec, existing: Parameters<typeof validateNetworkSpec>[1] = []): string | undefined => {
  try {
    validateNetworkSpec(spec, existing);
    return 'no error';
  } catch (err) {
    return withNetworkField(spec, err as CoreError).field;
  }
};

describe('withNetworkField', () => {
  it.each<[string, NetworkSpec, string]>([
    ['empty name', { name: '', mode: 'nat', cidr: '10.1.2.1/24' }, 'name'],
    ['no address', { name: 'n', mode: 'nat' }, 'cidr'],
    ['not a CIDR', { name: 'n', mode: 'nat', cidr: '10.1.2.1' }, 'cidr'],
    ['network address as host', { name: 'n', mode: 'nat', cidr: '10.1.2.0/24' }, 'cidr'],
    ['bad bridge name', { name: 'n', mode: 'nat', cidr: '10.1.2.1/24', bridge: 'a b' }, 'bridge'],
    ['bad forward device', { name: 'n', mode: 'nat', cidr: '10.1.2.1/24', forwardDev: 'e th0' }, 'forwardDev'],
    ['range outside', { name: 'n', mode: 'nat', cidr: '10.1.2.1/24', dhcpRange: { start: '10.9.9.2', end: '10.9.9.9' } }, 'dhcpRange'],
    ['bad range start', { name: 'n', mode: 'nat', cidr: '10.1.2.1/24', dhcpRange: { start: 'x', end: '10.1.2.9' } }, 'dhcpRange'],
    ['static host outside', { name: 'n', mode: 'nat', cidr: '10.1.2.1/24', dhcpHosts: [{ mac: '52:54:00:00:00:01', ip: '10.9.9.9' }] }, 'dhcpHosts'],
  ])('%s → %s', (_what, spec, field) => {
    expect(fieldOf(spec)).toBe(field);
  });

  it('an overlap with another network is about the address', () => {
    expect(fieldOf({ name: 'n', mode: 'nat', cidr: '192.168.122.50/24' }, [{ name: 'default', subnets: [cidrOrThrow('192.168.122.1/24')] }])).toBe('cidr');
  });
});
