// What the network wizard asks for, its validation (before anything changes on the host) and its libvirt XML.
import { NetworkXml } from '../../libvirt/xml/network.js';
import { NETWORK_MODES, type DhcpHost, type NetworkMode, type NetworkSpec } from '../../../shared/model/network.js';
import { CoreError } from '../errors.js';
import { checkName } from '../storage/names.js';
import { cidrOf, cidrOrThrow, formatCidr, formatIpv4, inCidr, ipv4OrThrow, netmaskOrThrow, overlaps, type Cidr } from '../net/ipv4.js';

export { NETWORK_MODES, type DhcpHost, type NetworkMode, type NetworkSpec };

/** An existing network's IPv4 subnets, for overlap checks. */
export interface ExistingNetwork {
  name: string;
  subnets: Cidr[];
}

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const IFACE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$/;

export interface ValidatedNetwork {
  spec: NetworkSpec;
  subnet: Cidr | null;
  dhcp: { start: number; end: number } | null;
}

/** Checks everything we can know before talking to libvirt; throws the CoreError of the first problem. */
export function validateNetworkSpec(spec: NetworkSpec, existing: readonly ExistingNetwork[]): ValidatedNetwork {
  checkName(spec.name, 50);
  if (!NETWORK_MODES.includes(spec.mode)) {
    throw new CoreError('network.bad-mode', { mode: spec.mode, modes: NETWORK_MODES });
  }
  if (existing.some((n) => n.name === spec.name)) throw new CoreError('network.exists', { network: spec.name });
  for (const dev of [spec.bridge, spec.forwardDev]) {
    if (dev !== undefined && !IFACE_RE.test(dev)) throw new CoreError('iface.bad-name', { name: dev });
  }
  if (spec.mode === 'bridge') {
    if (!spec.bridge) throw new CoreError('network.bridge-needs-name', {});
    if (spec.cidr || spec.dhcpRange || spec.dhcpHosts?.length) throw new CoreError('network.bridge-no-addresses', {});
    if (spec.forwardDev) throw new CoreError('network.bridge-no-forward-dev', {});
    return { spec, subnet: null, dhcp: null };
  }
  if (spec.forwardDev && spec.mode !== 'nat' && spec.mode !== 'route') {
    throw new CoreError('network.forward-dev-mode', { mode: spec.mode });
  }
  if (!spec.cidr) throw new CoreError('network.needs-address', { mode: spec.mode });
  const subnet = cidrOrThrow(spec.cidr.trim());
  // A virtual network needs room for the host's address, a gateway and guests.
  if (subnet.prefix < 8 || subnet.prefix > 30) throw new CoreError('network.prefix-range', { value: spec.cidr, prefix: subnet.prefix });
  if (subnet.address === subnet.network || subnet.address === subnet.broadcast) {
    throw new CoreError('network.host-address-reserved', { value: spec.cidr, example: `${formatIpv4(subnet.network + 1)}/${subnet.prefix}` });
  }
  for (const other of existing) {
    const clash = other.subnets.find((s) => overlaps(s, subnet));
    if (clash) {
      throw new CoreError('network.overlap', { subnet: formatCidr(subnet), other: other.name, otherSubnet: formatCidr(clash) });
    }
  }
  const inside = (ip: number): boolean => inCidr(subnet, ip) && ip !== subnet.network && ip !== subnet.broadcast;
  let dhcp: ValidatedNetwork['dhcp'] = null;
  if (spec.dhcpRange !== null) {
    const start = spec.dhcpRange ? ipv4OrThrow(spec.dhcpRange.start.trim()) : subnet.address + 1;
    const end = spec.dhcpRange ? ipv4OrThrow(spec.dhcpRange.end.trim()) : subnet.broadcast - 1;
    const range = `${formatIpv4(start)}-${formatIpv4(end)}`;
    if (!inside(start) || !inside(end)) throw new CoreError('network.dhcp-outside', { range, subnet: formatCidr(subnet) });
    if (start > end) throw new CoreError('network.dhcp-reversed', { range });
    if (subnet.address >= start && subnet.address <= end) {
      throw new CoreError('network.dhcp-has-host', { range, address: formatIpv4(subnet.address) });
    }
    dhcp = { start, end };
  }
  const macs = new Set<string>();
  const ips = new Set<number>();
  for (const h of spec.dhcpHosts ?? []) {
    if (!dhcp) throw new CoreError('network.static-needs-dhcp', {});
    if (!MAC_RE.test(h.mac)) throw new CoreError('value.not-mac', { value: h.mac });
    const ip = ipv4OrThrow(h.ip.trim());
    if (!inside(ip) || ip === subnet.address) {
      throw new CoreError('network.static-outside', { mac: h.mac, ip: h.ip, subnet: formatCidr(subnet) });
    }
    if (h.name !== undefined && !/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(h.name)) throw new CoreError('value.not-hostname', { value: h.name });
    const mac = h.mac.toLowerCase();
    if (macs.has(mac)) throw new CoreError('network.mac-twice', { mac: h.mac });
    if (ips.has(ip)) throw new CoreError('network.ip-twice', { ip: h.ip });
    macs.add(mac);
    ips.add(ip);
  }
  return { spec, subnet, dhcp };
}

/** libvirt XML of a validated spec. */
export function networkXml(v: ValidatedNetwork): string {
  const { spec } = v;
  if (spec.mode === 'bridge') return NetworkXml.create({ name: spec.name, forwardMode: 'bridge', bridgeName: spec.bridge ?? null }).toXml();
  const net = NetworkXml.create({
    name: spec.name,
    forwardMode: spec.mode === 'isolated' ? null : spec.mode,
    forwardDev: spec.forwardDev ?? null,
    bridgeName: spec.bridge ?? null,
    bridgeStp: true,
    bridgeDelay: 0,
  });
  const subnet = v.subnet as Cidr;
  const ip = net.addIp({ address: formatIpv4(subnet.address), prefix: subnet.prefix });
  if (v.dhcp) {
    ip.addDhcpRange({ start: formatIpv4(v.dhcp.start), end: formatIpv4(v.dhcp.end) });
    for (const h of spec.dhcpHosts ?? []) ip.addDhcpHost({ mac: h.mac.toLowerCase(), name: h.name ?? null, ip: h.ip });
  }
  return net.toXml();
}

/** What the list shows of a network, read from its XML. */
export interface NetworkXmlSummary {
  mode: NetworkMode | string;
  bridge: string | null;
  forwardDev: string | null;
  subnets: Cidr[];
  dhcpRanges: Array<{ start: string; end: string }>;
  dhcpHosts: DhcpHost[];
}

export function readNetworkXml(xml: string): NetworkXmlSummary {
  const net = NetworkXml.parse(xml);
  const subnets: Cidr[] = [];
  const dhcpRanges: NetworkXmlSummary['dhcpRanges'] = [];
  const dhcpHosts: DhcpHost[] = [];
  for (const ip of net.ips) {
    if ((ip.family && ip.family !== 'ipv4') || !ip.address) continue;
    subnets.push(cidrOf(ipv4OrThrow(ip.address), ip.prefix ?? (ip.netmask ? netmaskOrThrow(ip.netmask) : 24)));
    for (const r of ip.dhcpRanges) dhcpRanges.push({ start: r.start ?? '', end: r.end ?? '' });
    for (const h of ip.dhcpHosts) dhcpHosts.push({ mac: h.mac ?? '', ip: h.ip ?? '', ...(h.name ? { name: h.name } : {}) });
  }
  return { mode: net.forwardMode ?? 'isolated', bridge: net.bridgeName, forwardDev: net.forwardDev, subnets, dhcpRanges, dhcpHosts };
}
