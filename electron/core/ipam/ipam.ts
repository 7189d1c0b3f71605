// IP address management over one network definition: pure functions. The caller gathers the
// addresses in use (inventory VMs, guest-agent reports, libvirt DHCP leases, pending reservations)
// and passes them in; nothing here reads hosts or the inventory.
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { formatCidr, formatIpv4, hostAddressProblem, hostRange, inCidr, parseCidr, parseIpv4, type Cidr } from '../net/ipv4.js';
import type { AddressHolder, AddressRow, AddressState, IpamNetwork, IpamResult } from './types.js';

/** Largest pool `describe` lists (a /16): beyond that a full table is of no use to anyone. */
export const DESCRIBE_LIMIT = 65_536;

interface Resolved {
  cidr: Cidr;
  gateway: number;
  dns: number[];
  reserved: Set<number>;
  first: number;
  last: number;
}

/** Every problem with the definition itself, each naming its field; empty when it is usable. */
export function validateNetwork(net: IpamNetwork): ErrorReport[] {
  return resolve(net).errors;
}

/** The lowest free address of the allocatable range. */
export function allocate(net: IpamNetwork, used: readonly AddressHolder[]): IpamResult<string> {
  const r = usable(net);
  if (!r.ok) return r;
  const taken = takenSet(r.value, used);
  for (let ip = r.value.first; ip <= r.value.last; ip++) {
    if (!taken.has(ip)) return { ok: true, value: formatIpv4(ip) };
  }
  const size = r.value.last - r.value.first + 1;
  return { ok: false, error: report('ipam.exhausted', { size, first: formatIpv4(r.value.first), last: formatIpv4(r.value.last) }) };
}

/**
 * Check an address chosen by hand (`a.b.c.d`, or `a.b.c.d/p` with the network's prefix). It may lie
 * outside the allocatable range but must be a host address of the CIDR that nobody holds.
 * Returns the plain address.
 */
export function checkManual(net: IpamNetwork, text: string, used: readonly AddressHolder[]): IpamResult<string> {
  const r = usable(net);
  if (!r.ok) return r;
  const n = r.value;
  let ipText = text.trim();
  if (ipText.includes('/')) {
    const c = parseCidr(ipText);
    if (!c.ok) return c;
    if (c.value.prefix !== n.cidr.prefix) {
      return { ok: false, error: report('ipam.prefix-mismatch', { value: ipText, prefix: c.value.prefix, cidr: formatCidr(n.cidr) }) };
    }
    ipText = formatIpv4(c.value.address);
  }
  const ip = parseIpv4(ipText);
  if (!ip.ok) return ip;
  const problem = hostAddressProblem(n.cidr, ip.value);
  if (problem) return { ok: false, error: problem };
  const name = formatIpv4(ip.value);
  const at = { ip: name, cidr: formatCidr(n.cidr) };
  if (ip.value === n.gateway) return { ok: false, error: report('ipam.is-gateway', at) };
  if (n.dns.includes(ip.value)) return { ok: false, error: report('ipam.is-dns', at) };
  if (n.reserved.has(ip.value)) return { ok: false, error: report('ipam.is-reserved', at) };
  const holders = holdersOf(ip.value, used);
  if (holders.length) return { ok: false, error: report('ipam.in-use', { ip: name, holders: [...new Set(holders.map((h) => h.holder))] }) };
  return { ok: true, value: name };
}

/**
 * Every address of the allocatable range with its state and holders, plus any address of the
 * CIDR outside the range that is the gateway, a DNS server, reserved or held. Sorted by address.
 */
export function describe(net: IpamNetwork, used: readonly AddressHolder[]): IpamResult<AddressRow[]> {
  const r = usable(net);
  if (!r.ok) return r;
  const n = r.value;
  const size = n.last - n.first + 1;
  if (size > DESCRIBE_LIMIT) return { ok: false, error: report('ipam.too-large', { size, max: DESCRIBE_LIMIT }) };
  const byIp = new Map<number, AddressHolder[]>();
  for (const h of used) {
    const ip = parseIpv4(h.ip);
    if (ip.ok && inCidr(n.cidr, ip.value)) byIp.set(ip.value, [...(byIp.get(ip.value) ?? []), h]);
  }
  const outside = [n.gateway, ...n.dns, ...n.reserved, ...byIp.keys()].filter(
    (ip) => inCidr(n.cidr, ip) && (ip < n.first || ip > n.last),
  );
  const all = new Set<number>(outside);
  for (let ip = n.first; ip <= n.last; ip++) all.add(ip);
  return {
    ok: true,
    value: [...all].sort((a, b) => a - b).map((ip) => {
      const holders = byIp.get(ip) ?? [];
      return { ip: formatIpv4(ip), state: stateOf(n, ip, holders), inRange: ip >= n.first && ip <= n.last, holders };
    }),
  };
}

function stateOf(n: Resolved, ip: number, holders: AddressHolder[]): AddressState {
  if (ip === n.gateway) return 'gateway';
  if (n.dns.includes(ip)) return 'dns';
  if (n.reserved.has(ip)) return 'reserved';
  if (holders.length) return 'used';
  const { first, last } = hostRange(n.cidr);
  if (ip < first) return 'network';
  if (ip > last) return 'broadcast';
  return 'free';
}

function holdersOf(ip: number, used: readonly AddressHolder[]): AddressHolder[] {
  const seen = new Set<string>();
  return used.filter((h) => {
    const p = parseIpv4(h.ip);
    const key = `${h.holder}\0${h.source}`;
    if (!p.ok || p.value !== ip || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function takenSet(n: Resolved, used: readonly AddressHolder[]): Set<number> {
  const taken = new Set<number>([n.gateway, ...n.dns, ...n.reserved]);
  for (const h of used) {
    const ip = parseIpv4(h.ip);
    if (ip.ok) taken.add(ip.value);
  }
  return taken;
}

function usable(net: IpamNetwork): IpamResult<Resolved> {
  const r = resolve(net);
  const [first] = r.errors;
  if (first || !r.value) return { ok: false, error: first ?? report('internal', { message: 'no IPAM network' }) };
  return { ok: true, value: r.value };
}

function resolve(net: IpamNetwork): { errors: ErrorReport[]; value?: Resolved } {
  const errors: ErrorReport[] = [];
  const fail = (field: string, r: ErrorReport): void => void errors.push({ ...r, field });
  const c = parseCidr(net.cidr);
  if (!c.ok) return { errors: [{ ...c.error, field: 'cidr' }] };
  const cidr = c.value;
  if (cidr.address !== cidr.network) fail('cidr', report('ipam.host-bits', { value: net.cidr, network: formatCidr(cidr) }));

  const hostIn = (field: string, text: string): number | undefined => {
    const ip = parseIpv4(text);
    if (!ip.ok) {
      fail(field, ip.error);
      return undefined;
    }
    const problem = hostAddressProblem(cidr, ip.value);
    if (problem) fail(field, problem);
    return ip.value;
  };

  const gateway = hostIn('gateway', net.gateway);
  // DNS servers may live anywhere; only those inside the CIDR are taken out of the pool.
  const dns: number[] = [];
  net.dns.forEach((d, i) => {
    const ip = parseIpv4(d);
    if (ip.ok) dns.push(ip.value);
    else fail(`dns[${i}]`, ip.error);
  });
  const reserved = new Set<number>();
  net.reserved.forEach((text, i) => {
    const ip = hostIn(`reserved[${i}]`, text);
    if (ip !== undefined) reserved.add(ip);
  });
  net.search?.forEach((s, i) => {
    if (!isDomainName(s)) fail(`search[${i}]`, report('value.not-domain', { value: s }));
  });

  let { first, last } = hostRange(cidr);
  if (net.range) {
    const start = hostIn('range.start', net.range.start);
    const end = hostIn('range.end', net.range.end);
    if (start !== undefined && end !== undefined) {
      if (start > end) fail('range', report('ipam.range-reversed', { start: net.range.start, end: net.range.end }));
      [first, last] = [start, end];
    }
  }
  if (errors.length || gateway === undefined) return { errors };
  return { errors, value: { cidr, gateway, dns, reserved, first, last } };
}

/** RFC 1123 host name or domain: dot-separated labels of letters, digits and inner hyphens. */
export function isDomainName(s: string): boolean {
  return s.length <= 253 && s.split('.').every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label));
}
