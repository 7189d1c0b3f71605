// The one IPv4/CIDR module of the core: addresses as unsigned 32-bit numbers, CIDR blocks and their arithmetic.
// Strict parsing: dotted quad, no leading zeros (octal to some tools), no IPv6 (told apart with its own code).
// Our own ~100 lines rather than ipaddr.js: its IPv4.parse also accepts octal, hex and 1-3 part forms we must refuse,
// it has no /0../32 host-range or overlap arithmetic on numbers, and each failure here carries its own error code.
// `parse*` return a Parsed for checks that collect problems; `*OrThrow` raise the same report as a CoreError.
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { CoreError } from '../errors.js';

export interface Cidr {
  /** The address as written (may be a host address inside the block, e.g. a gateway). */
  address: number;
  prefix: number;
  network: number;
  broadcast: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ErrorReport };

export function parseIpv4(text: string): Parsed<number> {
  if (text.includes(':')) return { ok: false, error: report('value.ipv6', { value: text }) };
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) {
    return { ok: false, error: report('value.not-ipv4', { value: text }) };
  }
  return { ok: true, value: parts.reduce((n, p) => n * 256 + Number(p), 0) };
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The block of `prefix` bits that holds `address`. */
export function cidrOf(address: number, prefix: number): Cidr {
  const size = 2 ** (32 - prefix);
  const network = Math.floor(address / size) * size;
  return { address, prefix, network, broadcast: network + size - 1 };
}

/** `a.b.c.d/p`, p in 0..32. The address may have host bits set (e.g. an interface address). */
export function parseCidr(text: string): Parsed<Cidr> {
  if (text.includes(':')) return { ok: false, error: report('value.ipv6', { value: text }) };
  const m = /^([^/]+)\/(0|[1-9][0-9]?)$/.exec(text);
  if (!m) return { ok: false, error: report('value.not-cidr', { value: text }) };
  const ip = parseIpv4(m[1]!);
  if (!ip.ok) return ip;
  const prefix = Number(m[2]);
  if (prefix > 32) return { ok: false, error: report('ip.prefix-too-large', { value: text, prefix }) };
  return { ok: true, value: cidrOf(ip.value, prefix) };
}

/** Prefix length of a dotted netmask ("255.255.255.0" → 24). */
export function parseNetmask(text: string): Parsed<number> {
  const ip = parseIpv4(text);
  if (!ip.ok) return ip;
  const bits = ip.value.toString(2).padStart(32, '0');
  if (!/^1*0*$/.test(bits)) return { ok: false, error: report('value.not-netmask', { value: text }) };
  const zero = bits.indexOf('0');
  return { ok: true, value: zero === -1 ? 32 : zero };
}

function orThrow<T>(p: Parsed<T>): T {
  if (!p.ok) throw CoreError.from(p.error);
  return p.value;
}

export const ipv4OrThrow = (text: string): number => orThrow(parseIpv4(text));
export const cidrOrThrow = (text: string): Cidr => orThrow(parseCidr(text));
export const netmaskOrThrow = (text: string): number => orThrow(parseNetmask(text));

export function formatCidr(c: Cidr): string {
  return `${formatIpv4(c.network)}/${c.prefix}`;
}

export function inCidr(c: Cidr, ip: number): boolean {
  return ip >= c.network && ip <= c.broadcast;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.network <= b.broadcast && b.network <= a.broadcast;
}

/** First and last address a host may use: all but network and broadcast, except /31 (RFC 3021) and /32. */
export function hostRange(c: Cidr): { first: number; last: number } {
  if (c.prefix >= 31) return { first: c.network, last: c.broadcast };
  return { first: c.network + 1, last: c.broadcast - 1 };
}

/** Why `ip` cannot be a host address in `c` (outside, network or broadcast address), if it cannot. */
export function hostAddressProblem(c: Cidr, ip: number): ErrorReport | undefined {
  const at = { ip: formatIpv4(ip), cidr: formatCidr(c) };
  if (!inCidr(c, ip)) return report('ip.outside', at);
  const { first, last } = hostRange(c);
  if (ip < first) return report('ip.network-address', at);
  if (ip > last) return report('ip.broadcast-address', at);
  return undefined;
}
