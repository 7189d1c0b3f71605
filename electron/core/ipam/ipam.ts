// IP address management over one network definition: pure functions. The caller gathers the
// addresses in use (inventory VMs, guest-agent reports, libvirt DHCP leases, pending reservations)
// and passes them in; nothing here reads hosts or the inventory.
import { formatCidr, formatIpv4, hostAddressProblem, hostRange, inCidr, parseCidr, parseIpv4, type Cidr } from './ipv4.js';
import type { AddressHolder, AddressRow, AddressState, HolderSource, IpamNetwork, IpamResult } from './types.js';

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

const SOURCE_LABEL: Record<HolderSource, string> = {
  inventory: 'inventory',
  'guest-agent': 'guest agent',
  'dhcp-lease': 'DHCP lease',
  reservation: 'reservation',
};

/** Every problem with the definition itself; empty when it is usable. */
export function validateNetwork(net: IpamNetwork): string[] {
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
  return { ok: false, error: `pool exhausted: all ${size} addresses of ${formatIpv4(r.value.first)}-${formatIpv4(r.value.last)} are taken` };
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
      return { ok: false, error: `${ipText}: prefix /${c.value.prefix} does not match network ${formatCidr(n.cidr)}` };
    }
    ipText = formatIpv4(c.value.address);
  }
  const ip = parseIpv4(ipText);
  if (!ip.ok) return ip;
  const problem = hostAddressProblem(n.cidr, ip.value);
  if (problem) return { ok: false, error: problem };
  const name = formatIpv4(ip.value);
  if (ip.value === n.gateway) return { ok: false, error: `${name} is the gateway of ${formatCidr(n.cidr)}` };
  if (n.dns.includes(ip.value)) return { ok: false, error: `${name} is a DNS server of ${formatCidr(n.cidr)}` };
  if (n.reserved.has(ip.value)) return { ok: false, error: `${name} is reserved in ${formatCidr(n.cidr)}` };
  const holders = holdersOf(ip.value, used);
  if (holders.length) return { ok: false, error: `${name} is in use by ${holders.map(describeHolder).join(', ')}` };
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
  if (size > DESCRIBE_LIMIT) return { ok: false, error: `the range has ${size} addresses; describe lists at most ${DESCRIBE_LIMIT}` };
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

function describeHolder(h: AddressHolder): string {
  return `${h.holder} (${SOURCE_LABEL[h.source]})`;
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
  if (r.errors.length || !r.value) return { ok: false, error: `invalid network definition: ${r.errors.join('; ')}` };
  return { ok: true, value: r.value };
}

function resolve(net: IpamNetwork): { errors: string[]; value?: Resolved } {
  const errors: string[] = [];
  const c = parseCidr(net.cidr);
  if (!c.ok) return { errors: [`cidr: ${c.error}`] };
  const cidr = c.value;
  const where = formatCidr(cidr);
  if (cidr.address !== cidr.network) errors.push(`cidr: ${net.cidr} has host bits set (did you mean ${where}?)`);

  const hostIn = (field: string, text: string): number | undefined => {
    const ip = parseIpv4(text);
    if (!ip.ok) {
      errors.push(`${field}: ${ip.error}`);
      return undefined;
    }
    const problem = hostAddressProblem(cidr, ip.value);
    if (problem) errors.push(`${field} ${problem}`);
    return ip.value;
  };

  const gateway = hostIn('gateway', net.gateway);
  // DNS servers may live anywhere; only those inside the CIDR are taken out of the pool.
  const dns: number[] = [];
  net.dns.forEach((d, i) => {
    const ip = parseIpv4(d);
    if (ip.ok) dns.push(ip.value);
    else errors.push(`dns[${i}]: ${ip.error}`);
  });
  const reserved = new Set<number>();
  net.reserved.forEach((text, i) => {
    const ip = hostIn(`reserved[${i}]`, text);
    if (ip !== undefined) reserved.add(ip);
  });
  net.search?.forEach((s, i) => {
    if (!isDomainName(s)) errors.push(`search[${i}]: ${JSON.stringify(s)} is not a domain name`);
  });

  let { first, last } = hostRange(cidr);
  if (net.range) {
    const start = hostIn('range.start', net.range.start);
    const end = hostIn('range.end', net.range.end);
    if (start !== undefined && end !== undefined) {
      if (start > end) errors.push(`range: start ${net.range.start} is after end ${net.range.end}`);
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
