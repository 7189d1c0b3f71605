// IPv4 addresses as 32-bit numbers, CIDR parsing and range arithmetic for network definitions.
import { CoreError } from '../errors.js';

export function parseIpv4(text: string): number {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255 || (p.length > 1 && p.startsWith('0')))) {
    throw new CoreError('value.not-ipv4', { value: text });
  }
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export interface Ipv4Subnet {
  /** The address given (the host's own address on the network, e.g. the gateway). */
  address: number;
  prefix: number;
  network: number;
  broadcast: number;
}

export function subnetOf(address: number, prefix: number): Ipv4Subnet {
  const size = 2 ** (32 - prefix);
  const network = Math.floor(address / size) * size;
  return { address, prefix, network, broadcast: network + size - 1 };
}

/** "10.1.2.1/24" → subnet; prefix 8..30 (a virtual network needs room for a gateway and guests). */
export function parseCidr(text: string): Ipv4Subnet {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  if (!m) throw new CoreError('value.not-cidr', { value: text });
  const prefix = Number(m[2]);
  if (prefix < 8 || prefix > 30) throw new CoreError('network.prefix-range', { value: text, prefix });
  return subnetOf(parseIpv4(m[1] as string), prefix);
}

/** Prefix length of a dotted netmask ("255.255.255.0" → 24). */
export function netmaskPrefix(mask: string): number {
  const n = parseIpv4(mask);
  const bits = n.toString(2).padStart(32, '0');
  if (!/^1*0*$/.test(bits)) throw new CoreError('value.not-netmask', { value: mask });
  return bits.indexOf('0') === -1 ? 32 : bits.indexOf('0');
}

export function formatSubnet(s: Ipv4Subnet): string {
  return `${formatIpv4(s.network)}/${s.prefix}`;
}

export function contains(s: Ipv4Subnet, ip: number): boolean {
  return ip >= s.network && ip <= s.broadcast;
}

export function overlaps(a: Ipv4Subnet, b: Ipv4Subnet): boolean {
  return a.network <= b.broadcast && b.network <= a.broadcast;
}
