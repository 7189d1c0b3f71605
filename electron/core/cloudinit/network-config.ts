// network-config version 2, in the forms cloud-init 22.4 on Debian 12 (ENI renderer) accepts:
// the NIC is matched by MAC and named eth0; the default route is `gateway4` because
// `routes: [{to: default}]` fails there ("Address default is not a valid ip address") and
// `to: 0.0.0.0/0` becomes a `route add` line that needs net-tools (see shared/guest/FINDINGS.md).
import { formatIpv4, hostAddressProblem, isDomainName, parseCidr, parseIpv4, type Cidr } from '../ipam/index.js';
import { macProblem } from './fields.js';
import type { NetworkSpec, SeedIssue } from './types.js';
import { emitYaml, isPlainObject, parseYaml } from './yaml-doc.js';

const NIC_ID = 'nic0';
const NIC_NAME = 'eth0';

/** The network-config text, or undefined for DHCP without a MAC (cloud-init's fallback does DHCP). */
export function renderNetworkConfig(net: NetworkSpec): string | undefined {
  if (net.mode === 'dhcp' && !net.mac) return undefined;
  const nic: Record<string, unknown> = { match: { macaddress: net.mac!.toLowerCase() }, 'set-name': NIC_NAME };
  if (net.mode === 'dhcp') nic.dhcp4 = true;
  else {
    nic.addresses = [net.address];
    nic.gateway4 = net.gateway;
    if (net.dns.length || net.search.length) {
      const ns: Record<string, unknown> = {};
      if (net.dns.length) ns.addresses = [...net.dns];
      if (net.search.length) ns.search = [...net.search];
      nic.nameservers = ns;
    }
  }
  return emitYaml({ version: 2, ethernets: { [NIC_ID]: nic } });
}

const ETHERNET_KEYS = new Set([
  'match', 'set-name', 'dhcp4', 'dhcp6', 'addresses', 'gateway4', 'gateway6', 'nameservers', 'routes', 'mtu',
  'optional', 'wakeonlan', 'accept-ra', 'dhcp4-overrides', 'critical',
]);

/** Check a network-config v2 file for what cloud-init 22.4 with the ENI renderer can apply. */
export function validateNetworkConfig(text: string, where = 'network-config'): SeedIssue[] {
  const parsed = parseYaml(text, where);
  const issues = [...parsed.issues];
  if (issues.some((i) => i.severity === 'error')) return issues;
  const add = (severity: SeedIssue['severity'], path: (string | number)[], message: string) =>
    issues.push({ severity, path: path.length ? `${where}: ${path.join('.')}` : where, message: `${message}${parsed.at(path)}` });
  const doc = parsed.value;
  if (!isPlainObject(doc)) {
    add('error', [], 'must be a YAML map with version: 2');
    return issues;
  }
  if (doc.version !== 2) {
    add('error', ['version'], `must be 2 (got ${JSON.stringify(doc.version)}); only network-config v2 is supported`);
    return issues;
  }
  for (const key of Object.keys(doc)) {
    if (!['version', 'ethernets', 'renderer', 'bonds', 'bridges', 'vlans', 'wifis'].includes(key)) add('error', [key], 'unknown network-config v2 key');
  }
  if (!isPlainObject(doc.ethernets)) {
    add('error', ['ethernets'], 'must be a map of interface ids to their settings');
    return issues;
  }
  for (const [id, nic] of Object.entries(doc.ethernets)) checkEthernet(id, nic, add);
  return issues;
}

type Add = (severity: SeedIssue['severity'], path: (string | number)[], message: string) => void;

function checkEthernet(id: string, nic: unknown, add: Add): void {
  const base = ['ethernets', id];
  if (!isPlainObject(nic)) return add('error', base, 'must be a map of settings');
  for (const key of Object.keys(nic)) if (!ETHERNET_KEYS.has(key)) add('warning', [...base, key], 'unknown ethernet setting');

  if (nic.match !== undefined) {
    if (!isPlainObject(nic.match)) add('error', [...base, 'match'], 'must be a map (macaddress, name, driver)');
    else if (nic.match.macaddress !== undefined) {
      const p = typeof nic.match.macaddress === 'string' ? macProblem(nic.match.macaddress) : 'must be a quoted string';
      if (p) add('error', [...base, 'match', 'macaddress'], p);
    }
  } else if (nic['set-name'] !== undefined) add('error', [...base, 'set-name'], 'needs a match (set-name renames the matched NIC)');
  for (const flag of ['dhcp4', 'dhcp6'] as const) {
    if (nic[flag] !== undefined && typeof nic[flag] !== 'boolean') add('error', [...base, flag], 'must be true or false');
  }

  const blocks: Cidr[] = [];
  if (nic.addresses !== undefined) {
    if (!Array.isArray(nic.addresses)) add('error', [...base, 'addresses'], 'must be a list of a.b.c.d/prefix');
    else
      nic.addresses.forEach((a, i) => {
        const path = [...base, 'addresses', i];
        const c = typeof a === 'string' ? parseCidr(a) : { ok: false as const, error: `${JSON.stringify(a)} is not a string` };
        if (!c.ok) return add('error', path, c.error);
        const p = hostAddressProblem(c.value, c.value.address);
        if (p) return add('error', path, p);
        blocks.push(c.value);
      });
  }
  if (nic.gateway4 !== undefined) checkGateway(nic.gateway4, blocks, [...base, 'gateway4'], add);
  if (nic.gateway6 !== undefined) add('error', [...base, 'gateway6'], 'IPv6 is not supported (IPv4 only)');
  if (nic.routes !== undefined) checkRoutes(nic.routes, [...base, 'routes'], add);
  if (nic.nameservers !== undefined) checkNameservers(nic.nameservers, [...base, 'nameservers'], add);
  if (!nic.dhcp4 && !blocks.length && nic.addresses === undefined) add('warning', base, 'has neither dhcp4 nor addresses');
}

function checkGateway(gw: unknown, blocks: Cidr[], path: (string | number)[], add: Add): void {
  const ip = typeof gw === 'string' ? parseIpv4(gw) : { ok: false as const, error: `${JSON.stringify(gw)} is not a string` };
  if (!ip.ok) return add('error', path, ip.error);
  if (!blocks.length) return add('error', path, 'needs an address on the same interface');
  const home = blocks.find((b) => hostAddressProblem(b, ip.value) === undefined);
  if (!home) return add('error', path, hostAddressProblem(blocks[0]!, ip.value)!);
  if (blocks.some((b) => b.address === ip.value)) add('error', path, `${formatIpv4(ip.value)} is the interface's own address`);
}

function checkRoutes(routes: unknown, path: (string | number)[], add: Add): void {
  if (!Array.isArray(routes)) return add('error', path, 'must be a list of {to, via}');
  routes.forEach((r, i) => {
    const p = [...path, i];
    if (!isPlainObject(r)) return add('error', p, 'must be a map with to and via');
    if (r.to === 'default') {
      return add('error', [...p, 'to'], '"default" is rejected by cloud-init 22.4 with the ENI renderer (Debian 12): use gateway4');
    }
    if (r.to === '0.0.0.0/0') {
      return add('error', [...p, 'to'], '0.0.0.0/0 becomes a `route add` that needs net-tools under the ENI renderer, so the route is silently missing: use gateway4');
    }
    const to = typeof r.to === 'string' ? parseCidr(r.to) : { ok: false as const, error: 'must be a.b.c.d/prefix' };
    if (!to.ok) add('error', [...p, 'to'], to.error);
    const via = typeof r.via === 'string' ? parseIpv4(r.via) : { ok: false as const, error: 'must be an IPv4 address' };
    if (!via.ok) add('error', [...p, 'via'], via.error);
  });
}

function checkNameservers(ns: unknown, path: (string | number)[], add: Add): void {
  if (!isPlainObject(ns)) return add('error', path, 'must be a map with addresses and search');
  if (ns.addresses !== undefined) {
    if (!Array.isArray(ns.addresses)) add('error', [...path, 'addresses'], 'must be a list of IPv4 addresses');
    else
      ns.addresses.forEach((a, i) => {
        const ip = typeof a === 'string' ? parseIpv4(a) : { ok: false as const, error: `${JSON.stringify(a)} is not a string` };
        if (!ip.ok) add('error', [...path, 'addresses', i], ip.error);
      });
  }
  if (ns.search !== undefined) {
    if (!Array.isArray(ns.search)) add('error', [...path, 'search'], 'must be a list of domain names');
    else
      ns.search.forEach((s, i) => {
        if (typeof s !== 'string' || !isDomainName(s)) add('error', [...path, 'search', i], `${JSON.stringify(s)} is not a domain name`);
      });
  }
}
