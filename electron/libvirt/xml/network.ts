// <network> XML (virtual networks).
import { type Settable, XmlListItem, XmlRootModel } from './node-model.js';
import { XmlDoc, type XmlSchema } from './xml-doc.js';

export const NETWORK_SCHEMA: XmlSchema = {
  root: 'network',
  namespaces: {},
  order: {
    network: [
      'name', 'uuid', 'metadata', 'forward', 'bridge', 'mtu', 'mac', 'domain', 'dns', 'ip', 'route', 'portgroup',
      'virtualport', 'bandwidth', 'vlan', 'port',
    ],
    forward: ['nat', 'interface', 'pf', 'address', 'driver'],
    dns: ['forwarder', 'txt', 'host', 'srv'],
    ip: ['tftp', 'dhcp'],
    dhcp: ['range', 'host', 'bootp'],
  },
};

export class DhcpRangeXml extends XmlListItem {
  get start(): string | null { return this.getString('./@start'); }
  set start(v: string | null) { this.setString('./@start', v); }
  get end(): string | null { return this.getString('./@end'); }
  set end(v: string | null) { this.setString('./@end', v); }
}

/** A static DHCP lease: <host mac=… name=… ip=…/>. */
export class DhcpHostXml extends XmlListItem {
  get mac(): string | null { return this.getString('./@mac'); }
  set mac(v: string | null) { this.setString('./@mac', v); }
  get name(): string | null { return this.getString('./@name'); }
  set name(v: string | null) { this.setString('./@name', v); }
  get ip(): string | null { return this.getString('./@ip'); }
  set ip(v: string | null) { this.setString('./@ip', v); }
}

export class NetworkIpXml extends XmlListItem {
  /** ipv4 (when absent) | ipv6 */
  get family(): string | null { return this.getString('./@family'); }
  set family(v: string | null) { this.setString('./@family', v); }
  get address(): string | null { return this.getString('./@address'); }
  set address(v: string | null) { this.setString('./@address', v); }
  get netmask(): string | null { return this.getString('./@netmask'); }
  set netmask(v: string | null) { this.setString('./@netmask', v); }
  get prefix(): number | null { return this.getInt('./@prefix'); }
  set prefix(v: number | null) { this.setInt('./@prefix', v); }

  get dhcpRanges(): DhcpRangeXml[] { return this.list('./dhcp/range', (doc, el) => new DhcpRangeXml(doc, el)); }
  get dhcpHosts(): DhcpHostXml[] { return this.list('./dhcp/host', (doc, el) => new DhcpHostXml(doc, el)); }
  addDhcpRange(init: Settable<DhcpRangeXml> = {}): DhcpRangeXml {
    return this.addChild('./dhcp', 'range', (doc, el) => new DhcpRangeXml(doc, el)).assign(init);
  }
  addDhcpHost(init: Settable<DhcpHostXml> = {}): DhcpHostXml {
    return this.addChild('./dhcp', 'host', (doc, el) => new DhcpHostXml(doc, el)).assign(init);
  }
}

/** <dns><host ip=…><hostname>…</hostname>…</host></dns> */
export class DnsHostXml extends XmlListItem {
  get ip(): string | null { return this.getString('./@ip'); }
  set ip(v: string | null) { this.setString('./@ip', v); }
  get hostnames(): string[] {
    return this.doc.findElements('./hostname', this.node).map((h) => h.textContent ?? '');
  }
  set hostnames(v: string[]) {
    for (const h of this.doc.findElements('./hostname', this.node)) this.doc.removeNode(h);
    for (const name of v) this.doc.setText(this.doc.appendElement(this.node, 'hostname'), name);
  }
}

export class NetworkXml extends XmlRootModel {
  static parse(xml: string): NetworkXml {
    return new NetworkXml(XmlDoc.parse(xml, NETWORK_SCHEMA));
  }

  /** A new network; without forwardMode it is isolated. */
  static create(init: Settable<NetworkXml> & { name: string }): NetworkXml {
    return new NetworkXml(XmlDoc.create(NETWORK_SCHEMA)).assign(init);
  }

  get name(): string | null { return this.getString('./name'); }
  set name(v: string | null) { this.setString('./name', v); }
  get uuid(): string | null { return this.getString('./uuid'); }
  set uuid(v: string | null) { this.setString('./uuid', v); }
  /** nat | route | open | bridge | private | vepa | passthrough | hostdev; null = isolated. */
  get forwardMode(): string | null { return this.getString('./forward/@mode'); }
  set forwardMode(v: string | null) { this.setString('./forward/@mode', v); }
  get forwardDev(): string | null { return this.getString('./forward/@dev'); }
  set forwardDev(v: string | null) { this.setString('./forward/@dev', v); }
  get bridgeName(): string | null { return this.getString('./bridge/@name'); }
  set bridgeName(v: string | null) { this.setString('./bridge/@name', v); }
  get bridgeStp(): boolean | null { return this.getBool('./bridge/@stp', 'onoff'); }
  set bridgeStp(v: boolean | null) { this.setBool('./bridge/@stp', 'onoff', v); }
  get bridgeDelay(): number | null { return this.getInt('./bridge/@delay'); }
  set bridgeDelay(v: number | null) { this.setInt('./bridge/@delay', v); }
  get mac(): string | null { return this.getString('./mac/@address'); }
  set mac(v: string | null) { this.setString('./mac/@address', v); }
  /** DNS domain of the network (<domain name=…/>). */
  get domainName(): string | null { return this.getString('./domain/@name'); }
  set domainName(v: string | null) { this.setString('./domain/@name', v); }
  /** <dns enable='no'/> turns dnsmasq's DNS off; null = default (on). */
  get dnsEnable(): boolean | null { return this.getBool('./dns/@enable', 'yesno'); }
  set dnsEnable(v: boolean | null) { this.setBool('./dns/@enable', 'yesno', v); }

  get ips(): NetworkIpXml[] { return this.list('./ip', (doc, el) => new NetworkIpXml(doc, el)); }
  addIp(init: Settable<NetworkIpXml> = {}): NetworkIpXml {
    return this.addChild('.', 'ip', (doc, el) => new NetworkIpXml(doc, el)).assign(init);
  }
  get dnsHosts(): DnsHostXml[] { return this.list('./dns/host', (doc, el) => new DnsHostXml(doc, el)); }
  addDnsHost(init: Settable<DnsHostXml> = {}): DnsHostXml {
    return this.addChild('./dns', 'host', (doc, el) => new DnsHostXml(doc, el)).assign(init);
  }
}
