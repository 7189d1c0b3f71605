// The network wizard's free-subnet suggestion and the IPAM settings proposed from a network's own address.
import { describe, expect, it } from 'vitest';
import type { NetworkInfo } from '../../../shared/model/network.js';
import { suggestFreeSubnet } from '../../../renderer/features/networks/network-form.js';
import { ipamDefaultsOf } from '../../../renderer/features/networks/ipam-defaults.js';

function net(addresses: string[], dhcpRanges: NetworkInfo['dhcpRanges'] = []): NetworkInfo {
  return {
    host: 'h1', name: 'n', uuid: 'u', active: true, persistent: true, autostart: true, mode: 'nat', bridge: 'virbr9',
    forwardDev: null, addresses, dhcpRanges, dhcpHosts: [],
  };
}

describe('suggestFreeSubnet', () => {
  it('skips every /24 an existing network overlaps, whatever its prefix', () => {
    expect(suggestFreeSubnet([])).toBe('192.168.100.1/24');
    expect(suggestFreeSubnet(['192.168.100.1/24', '192.168.101.7/23', 'fd00::1/64'])).toBe('192.168.102.1/24');
    expect(suggestFreeSubnet(['192.168.100.1/22'])).toBe('192.168.104.1/24');
  });

  it('moves on to 10.N.0.1/24 when 192.168.100-254 are taken, and gives up when everything is', () => {
    expect(suggestFreeSubnet(['192.168.0.1/16'])).toBe('10.1.0.1/24');
    expect(suggestFreeSubnet(['192.168.0.1/16', '10.0.0.1/8'])).toBeNull();
  });
});

describe('ipamDefaultsOf', () => {
  it('proposes the subnet, the host address as gateway and DNS, and the static range below DHCP', () => {
    expect(ipamDefaultsOf(net(['10.77.5.1/24'], [{ start: '10.77.5.100', end: '10.77.5.150' }]))).toEqual({
      cidr: '10.77.5.0/24', gateway: '10.77.5.1', dns: ['10.77.5.1'], search: [], range: { start: '10.77.5.2', end: '10.77.5.99' }, reserved: [],
    });
  });

  it('leaves the range open when DHCP starts right after the gateway or there is no DHCP, and gives nothing without an address', () => {
    expect(ipamDefaultsOf(net(['192.168.122.1/24'], [{ start: '192.168.122.2', end: '192.168.122.254' }]))?.range).toBeNull();
    expect(ipamDefaultsOf(net(['10.78.1.1/24']))).toMatchObject({ cidr: '10.78.1.0/24', range: null });
    expect(ipamDefaultsOf(net([]))).toBeNull();
  });
});
