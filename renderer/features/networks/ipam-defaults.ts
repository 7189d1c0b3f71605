// IPAM settings proposed from a network's own address, for a network that has none yet: its subnet, the host's
// address as gateway and DNS, and (when DHCP hands out the top of the subnet) the static range below the DHCP range.
import type { IpamSettings } from '../../../shared/model/instance.js';
import type { NetworkInfo } from '../../../shared/model/network.js';
import { blockOf, formatIp, ipNumber } from './ipv4-text.js';

export function ipamDefaultsOf(net: NetworkInfo): IpamSettings | null {
  const address = net.addresses.find((a) => blockOf(a) !== null);
  if (!address) return null;
  const [gatewayText = '', prefix = ''] = address.split('/');
  const [first] = blockOf(address) as [number, number];
  const gateway = ipNumber(gatewayText) as number;
  const dhcpStart = net.dhcpRanges.map((r) => ipNumber(r.start)).find((n): n is number => n !== null);
  const range = dhcpStart !== undefined && dhcpStart - 1 > gateway + 1 ? { start: formatIp(gateway + 1), end: formatIp(dhcpStart - 1) } : null;
  return { cidr: `${formatIp(first)}/${prefix}`, gateway: gatewayText, dns: [gatewayText], search: [], range, reserved: [] };
}
