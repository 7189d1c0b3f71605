// Virtual networks per host: list, define from a validated spec (overlaps refused before anything changes),
// start, stop, autostart, delete, DHCP leases.
import { report } from '../../../shared/model/errors.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import type { NetworkDhcpLease, NetworkRef } from '../../libvirt/protocol/index.js';
import { CoreError, toCoreError } from '../errors.js';
import { foundOr, libvirtError } from '../libvirt-errors.js';
import type { LibvirtHosts } from '../hosts/host-registry.js';
import { changeOne, listOnHosts } from '../hosts/per-host.js';
import { formatIpv4 } from '../net/ipv4.js';
import { withNetworkField } from './network-fields.js';
import type { NetworkInfo, NetworkSpec } from '../../../shared/model/network.js';
import { networkXml, readNetworkXml, validateNetworkSpec, type ValidatedNetwork } from './network-spec.js';

export type { NetworkInfo };

export class NetworkService {
  constructor(private readonly hosts: LibvirtHosts) {}

  /** Networks of one host, or of every online host. */
  async list(host?: string): Promise<NetworkInfo[]> {
    return listOnHosts(this.hosts, host, async (h, lv) => Promise.all((await lv.listAllNetworks()).map((n) => this.read(h, lv, n))));
  }

  async get(host: string, name: string): Promise<NetworkInfo> {
    const lv = this.hosts.libvirt(host);
    return this.read(host, lv, await this.lookup(lv, host, name));
  }

  /** Validates against the host's other networks, then defines (and optionally starts) the network. */
  async define(host: string, spec: NetworkSpec, opts: { start?: boolean } = {}): Promise<NetworkInfo> {
    const lv = this.hosts.libvirt(host);
    const valid = await this.validated(host, spec);
    const ref = await lv.networkDefineXml(networkXml(valid));
    try {
      if (spec.autostart) await lv.networkSetAutostart(ref, true);
      if (opts.start) await lv.networkCreate(ref);
    } catch (err) {
      // A network that cannot start is not left behind half-made.
      await lv.networkUndefine(ref).catch(() => undefined);
      throw libvirtError(err, 'network.failed', { host, network: spec.name });
    }
    return this.read(host, lv, ref);
  }

  /** Every check define makes (spec, name, overlaps with the host's networks) without changing anything. */
  /** Every check define makes; its error names the spec field it is about (network-fields.ts). */
  async check(host: string, spec: NetworkSpec): Promise<void> {
    try {
      await this.validated(host, spec);
    } catch (err) {
      throw withNetworkField(spec, toCoreError(err));
    }
  }

  private async validated(host: string, spec: NetworkSpec): Promise<ValidatedNetwork> {
    const lv = this.hosts.libvirt(host);
    const existing = await Promise.all(
      (await lv.listAllNetworks()).map(async (n) => ({
        name: n.name,
        subnets: readNetworkXml(await lv.networkGetXmlDesc(n)).subnets,
      })),
    );
    return validateNetworkSpec(spec, existing);
  }

  async start(host: string, name: string): Promise<NetworkInfo> {
    return this.change(host, name, async (lv, ref) => {
      if (await lv.networkIsActive(ref)) throw new CoreError('network.running', { host, network: name });
      await lv.networkCreate(ref);
    });
  }

  async stop(host: string, name: string): Promise<NetworkInfo> {
    return this.change(host, name, async (lv, ref) => {
      if (!(await lv.networkIsActive(ref))) throw new CoreError('network.not-running', { host, network: name });
      await lv.networkDestroy(ref);
    });
  }

  async setAutostart(host: string, name: string, autostart: boolean): Promise<NetworkInfo> {
    return this.change(host, name, (lv, ref) => lv.networkSetAutostart(ref, autostart));
  }

  /** Stops the network if it runs, then removes its definition. Guests attached to it lose their link. */
  async delete(host: string, name: string): Promise<void> {
    const lv = this.hosts.libvirt(host);
    const ref = await this.lookup(lv, host, name);
    try {
      if (await lv.networkIsActive(ref)) await lv.networkDestroy(ref);
      if (await lv.networkIsPersistent(ref).catch(() => false)) await lv.networkUndefine(ref);
    } catch (err) {
      throw libvirtError(err, 'network.failed', { host, network: name });
    }
  }

  async leases(host: string, name: string): Promise<NetworkDhcpLease[]> {
    const lv = this.hosts.libvirt(host);
    return lv.networkGetDhcpLeases(await this.lookup(lv, host, name));
  }

  private async change(
    host: string,
    name: string,
    fn: (lv: LibvirtApi, ref: NetworkRef) => Promise<void>,
  ): Promise<NetworkInfo> {
    const lv = this.hosts.libvirt(host);
    const failed = (err: unknown): unknown => libvirtError(err, 'network.failed', { host, network: name });
    return changeOne(this.lookup(lv, host, name), (ref) => fn(lv, ref), failed, (ref) => this.read(host, lv, ref));
  }

  private lookup(lv: LibvirtApi, host: string, name: string): Promise<NetworkRef> {
    return foundOr(lv.networkLookupByName(name), VirErrorCode.NO_NETWORK, report('network.not-found', { host, network: name }));
  }

  private async read(host: string, lv: LibvirtApi, ref: NetworkRef): Promise<NetworkInfo> {
    const [xml, active, persistent, autostart] = await Promise.all([
      lv.networkGetXmlDesc(ref),
      lv.networkIsActive(ref),
      lv.networkIsPersistent(ref),
      lv.networkGetAutostart(ref),
    ]);
    const s = readNetworkXml(xml);
    return {
      host,
      name: ref.name,
      uuid: ref.uuid,
      active,
      persistent,
      autostart,
      mode: s.mode,
      bridge: s.bridge,
      forwardDev: s.forwardDev,
      addresses: s.subnets.map((n) => `${formatIpv4(n.address)}/${n.prefix}`),
      dhcpRanges: s.dhcpRanges,
      dhcpHosts: s.dhcpHosts,
    };
  }
}
