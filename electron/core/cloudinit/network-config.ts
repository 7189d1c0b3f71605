// network-config version 2, in the forms cloud-init 22.4 on Debian 12 (ENI renderer) accepts:
// the NIC is matched by MAC and named eth0; the default route is `gateway4` because
// `routes: [{to: default}]` fails there ("Address default is not a valid ip address") and
// `to: 0.0.0.0/0` becomes a `route add` line that needs net-tools (see shared/guest/FINDINGS.md).
import { isDomainName } from '../ipam/index.js';
import { formatIpv4, hostAddressProblem, parseCidr, parseIpv4, type Cidr } from '../net/ipv4.js';
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { macProblem } from './fields.js';
import type { NetworkSpec, SeedIssue } from './types.js';
import { emitYaml, isPlainObject, parseYaml } from './yaml-doc.js';

const NIC_ID = 'nic0';
/** A YAML value that should have been a string. */
const NOT_STRING = report('seed.type', { expected: 'string' });
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

/**
 * `text` with the NIC of `mac` set to the static `address` (with its prefix; no gateway: the default route stays on
 * the NIC that has it) and named after the NICs already there (eth1, eth2, …); a null address takes its entry out.
 * Entries of other NICs and their comments are kept. Undefined when there is no file to change (cloud-init's DHCP
 * fallback configures only the first NIC, and a file would end that fallback).
 */
export function withNicAddress(text: string | undefined, mac: string, address: string | null): string | undefined {
  if (text === undefined) return undefined;
  const doc = parseYaml(text, 'network-config').value;
  if (!isPlainObject(doc) || !isPlainObject(doc.ethernets)) return undefined;
  const wanted = mac.toLowerCase();
  const macOf = (nic: unknown): string => (isPlainObject(nic) && isPlainObject(nic.match) ? String(nic.match.macaddress).toLowerCase() : '');
  const ethernets = Object.fromEntries(Object.entries(doc.ethernets).filter(([, nic]) => macOf(nic) !== wanted));
  if (address !== null) {
    const names = new Set(Object.values(ethernets).map((nic) => (isPlainObject(nic) ? nic['set-name'] : undefined)));
    let n = 1;
    while (names.has(`eth${n}`)) n++;
    ethernets[`nic-${wanted.replace(/:/g, '')}`] = { match: { macaddress: wanted }, 'set-name': `eth${n}`, addresses: [address] };
  }
  return emitYaml({ ...doc, ethernets });
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
  const add = (severity: SeedIssue['severity'], path: (string | number)[], problem: ErrorReport) =>
    issues.push({ severity, path: parsed.at(path), problem });
  const doc = parsed.value;
  if (!isPlainObject(doc)) {
    add('error', [], report('seed.net-not-map', {}));
    return issues;
  }
  if (doc.version !== 2) {
    add('error', ['version'], report('seed.net-version', { value: JSON.stringify(doc.version) ?? '' }));
    return issues;
  }
  for (const key of Object.keys(doc)) {
    if (!['version', 'ethernets', 'renderer', 'bonds', 'bridges', 'vlans', 'wifis'].includes(key)) add('error', [key], report('seed.net-unknown-key', {}));
  }
  if (!isPlainObject(doc.ethernets)) {
    add('error', ['ethernets'], report('seed.net-ethernets', {}));
    return issues;
  }
  for (const [id, nic] of Object.entries(doc.ethernets)) checkEthernet(id, nic, add);
  return issues;
}

type Add = (severity: SeedIssue['severity'], path: (string | number)[], problem: ErrorReport) => void;

function checkEthernet(id: string, nic: unknown, add: Add): void {
  const base = ['ethernets', id];
  if (!isPlainObject(nic)) return add('error', base, report('seed.net-settings', {}));
  for (const key of Object.keys(nic)) if (!ETHERNET_KEYS.has(key)) add('warning', [...base, key], report('seed.net-unknown-setting', {}));

  if (nic.match !== undefined) {
    if (!isPlainObject(nic.match)) add('error', [...base, 'match'], report('seed.net-match', {}));
    else if (nic.match.macaddress !== undefined) {
      const p = typeof nic.match.macaddress === 'string' ? macProblem(nic.match.macaddress) : NOT_STRING;
      if (p) add('error', [...base, 'match', 'macaddress'], p);
    }
  } else if (nic['set-name'] !== undefined) add('error', [...base, 'set-name'], report('seed.net-set-name', {}));
  for (const flag of ['dhcp4', 'dhcp6'] as const) {
    if (nic[flag] !== undefined && typeof nic[flag] !== 'boolean') add('error', [...base, flag], report('seed.net-bool', {}));
  }

  const blocks: Cidr[] = [];
  if (nic.addresses !== undefined) {
    if (!Array.isArray(nic.addresses)) add('error', [...base, 'addresses'], report('seed.net-addresses', {}));
    else
      nic.addresses.forEach((a, i) => {
        const path = [...base, 'addresses', i];
        const c = typeof a === 'string' ? parseCidr(a) : { ok: false as const, error: NOT_STRING };
        if (!c.ok) return add('error', path, c.error);
        const p = hostAddressProblem(c.value, c.value.address);
        if (p) return add('error', path, p);
        blocks.push(c.value);
      });
  }
  if (nic.gateway4 !== undefined) checkGateway(nic.gateway4, blocks, [...base, 'gateway4'], add);
  if (nic.gateway6 !== undefined) add('error', [...base, 'gateway6'], report('value.ipv6', { value: String(nic.gateway6) }));
  if (nic.routes !== undefined) checkRoutes(nic.routes, [...base, 'routes'], add);
  if (nic.nameservers !== undefined) checkNameservers(nic.nameservers, [...base, 'nameservers'], add);
  if (!nic.dhcp4 && !blocks.length && nic.addresses === undefined) add('warning', base, report('seed.net-no-address', {}));
}

function checkGateway(gw: unknown, blocks: Cidr[], path: (string | number)[], add: Add): void {
  const ip = typeof gw === 'string' ? parseIpv4(gw) : { ok: false as const, error: NOT_STRING };
  if (!ip.ok) return add('error', path, ip.error);
  if (!blocks.length) return add('error', path, report('seed.net-gateway-needs-address', {}));
  const home = blocks.find((b) => hostAddressProblem(b, ip.value) === undefined);
  if (!home) return add('error', path, hostAddressProblem(blocks[0]!, ip.value)!);
  if (blocks.some((b) => b.address === ip.value)) add('error', path, report('seed.own-address', { value: formatIpv4(ip.value) }));
}

function checkRoutes(routes: unknown, path: (string | number)[], add: Add): void {
  if (!Array.isArray(routes)) return add('error', path, report('seed.net-routes', {}));
  routes.forEach((r, i) => {
    const p = [...path, i];
    if (!isPlainObject(r)) return add('error', p, report('seed.net-route-map', {}));
    if (r.to === 'default') {
      return add('error', [...p, 'to'], report('seed.net-route-default', {}));
    }
    if (r.to === '0.0.0.0/0') {
      return add('error', [...p, 'to'], report('seed.net-route-zero', {}));
    }
    const to = typeof r.to === 'string' ? parseCidr(r.to) : { ok: false as const, error: report('value.not-cidr', { value: String(r.to) }) };
    if (!to.ok) add('error', [...p, 'to'], to.error);
    const via = typeof r.via === 'string' ? parseIpv4(r.via) : { ok: false as const, error: report('value.not-ipv4', { value: String(r.via) }) };
    if (!via.ok) add('error', [...p, 'via'], via.error);
  });
}

function checkNameservers(ns: unknown, path: (string | number)[], add: Add): void {
  if (!isPlainObject(ns)) return add('error', path, report('seed.net-nameservers', {}));
  if (ns.addresses !== undefined) {
    if (!Array.isArray(ns.addresses)) add('error', [...path, 'addresses'], report('seed.net-ns-addresses', {}));
    else
      ns.addresses.forEach((a, i) => {
        const ip = typeof a === 'string' ? parseIpv4(a) : { ok: false as const, error: NOT_STRING };
        if (!ip.ok) add('error', [...path, 'addresses', i], ip.error);
      });
  }
  if (ns.search !== undefined) {
    if (!Array.isArray(ns.search)) add('error', [...path, 'search'], report('seed.net-search', {}));
    else
      ns.search.forEach((s, i) => {
        if (typeof s !== 'string' || !isDomainName(s)) add('error', [...path, 'search', i], report('value.not-domain', { value: String(s) }));
      });
  }
}
