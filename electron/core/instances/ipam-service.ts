// IPAM per network, stored in the inventory: the config (CIDR, gateway, DNS, search, range, reserved) and the
// reservations VirtDeck made. Addresses in use are gathered from every source at the time of asking: inventory
// VMs' IPs (all hosts: a bridged LAN spans hosts), live guest-agent reports and DHCP leases of the host, and the
// reservations. Allocation and manual checks are the pure functions of core/ipam.
import type { HolderSource, IpamConfig, IpamSettings, IpamView } from '../../../shared/model/instance.js';
import type { VmRef } from '../../../shared/model/vm.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { ListDomainsFlags, InterfaceAddressSource } from '../../libvirt/protocol/index.js';
import { CoreError } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { hostExec } from '../hosts/host-exec.js';
import { allocate, checkManual, describe, validateNetwork, type AddressHolder, type IpamNetwork } from '../ipam/index.js';
import { inCidr, parseCidr, parseIpv4 } from '../net/ipv4.js';
import type { NetworkService } from '../networks/network-service.js';

export class IpamService {
  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly networks: NetworkService,
  ) {}

  get(host: string, network: string): IpamConfig | null {
    this.hosts.config(host);
    return this.inventory.instances.getIpam(host, network);
  }

  /** The config, or a not-found error telling how to make one. */
  require(host: string, network: string): IpamConfig {
    const c = this.get(host, network);
    if (!c) throw new CoreError('ipam.not-configured', { host, network });
    return c;
  }

  list(host?: string): IpamConfig[] {
    return this.inventory.instances.listIpam(host);
  }

  /** Validates and stores the config of a libvirt network or host bridge (the host must be online to check it). */
  async set(host: string, network: string, settings: IpamSettings): Promise<IpamConfig> {
    const [problem] = validateNetwork(toNet(settings));
    if (problem) throw CoreError.from(problem);
    const kind = await this.networkKind(host, network);
    if (kind === 'network') {
      const info = await this.networks.get(host, network);
      const cidr = parseCidr(settings.cidr);
      for (const a of info.addresses) {
        const own = parseCidr(a);
        if (cidr.ok && own.ok && !inCidr(cidr.value, own.value.address)) {
          throw new CoreError('ipam.outside-network', { host, network, address: a, cidr: settings.cidr });
        }
      }
      for (const r of info.dhcpRanges) {
        if (settings.range && rangesOverlap(settings.range, r)) {
          const range = `${settings.range.start}-${settings.range.end}`;
          throw new CoreError('ipam.overlaps-dhcp', { host, network, range, dhcpRange: `${r.start}-${r.end}` });
        }
      }
    }
    const config: IpamConfig = { host, network, kind, ...settings };
    this.inventory.instances.putIpam(config);
    return config;
  }

  remove(host: string, network: string): void {
    if (!this.inventory.instances.removeIpam(host, network)) throw new CoreError('ipam.not-configured', { host, network });
  }

  /** Every address of the range with who holds it. */
  async describe(host: string, network: string): Promise<IpamView> {
    const config = this.require(host, network);
    const r = describe(toNet(config), await this.holders(config));
    if (!r.ok) throw CoreError.from(r.error);
    return {
      config,
      addresses: r.value,
      free: r.value.filter((a) => a.state === 'free').length,
      used: r.value.filter((a) => a.state === 'used').length,
    };
  }

  /** The address a launch would get ("auto" or a manual one), checked against every holder; reserves nothing. */
  async pick(config: IpamConfig, request: string): Promise<string> {
    const used = await this.holders(config);
    const r = request === 'auto' ? allocate(toNet(config), used) : checkManual(toNet(config), request, used);
    if (!r.ok) throw CoreError.from(r.error);
    return r.value;
  }

  /**
   * Reserves an address for a VM about to be created by the task with pending undo `taskId` (the address is held
   * while that undo exists, and released when the task's undo is done); fails when someone reserved it meanwhile.
   */
  reserve(config: IpamConfig, ip: string, vmName: string, taskId: string): void {
    const ok = this.inventory.instances.reserve({
      host: config.host, network: config.network, ip, vmName, vmUuid: null, taskId, createdAt: new Date().toISOString(),
    });
    if (!ok) throw new CoreError('ipam.taken', { host: config.host, network: config.network, ip });
  }

  /** The address reserved at launch for the VM a ref names (by name or uuid), or null. */
  vmAddress(ref: VmRef): string | null {
    const vm = this.inventory.getVm(ref.host, ref.vm);
    return (vm && this.reservedAddress(ref.host, vm.uuid)) ?? null;
  }

  /** The address reserved for a VM at its launch, if any. */
  reservedAddress(host: string, vmUuid: string): string | undefined {
    return this.inventory.instances.reservations().find((r) => r.host === host && r.vmUuid === vmUuid)?.ip;
  }

  async holders(config: IpamConfig): Promise<AddressHolder[]> {
    const out: AddressHolder[] = [];
    const add = (ip: string, holder: string, source: HolderSource) => out.push({ ip: ip.split('/')[0] ?? ip, holder, source });
    for (const vm of this.inventory.listVms()) for (const ip of vm.ips) add(ip, `${vm.host}/${vm.name}`, 'inventory');
    for (const r of this.inventory.instances.reservations(config.host, config.network)) add(r.ip, `${r.host}/${r.vmName}`, 'reservation');
    if (this.hosts.isOnline(config.host)) {
      const lv = this.hosts.get(config.host).libvirt();
      for (const a of await agentAddresses(lv)) add(a.ip, `${config.host}/${a.vm}`, 'guest-agent');
      if (config.kind === 'network') {
        for (const l of await this.networks.leases(config.host, config.network)) {
          add(l.ipaddr, `${config.host}/${l.hostname ?? l.mac ?? 'lease'}`, 'dhcp-lease');
        }
      }
    }
    return out;
  }

  private async networkKind(host: string, network: string): Promise<'network' | 'bridge'> {
    const isNetwork = await this.networks.get(host, network).then(
      () => true,
      (err: unknown) => {
        if (err instanceof CoreError && err.code === 'network.not-found') return false;
        throw err;
      },
    );
    if (isNetwork) return 'network';
    const r = await hostExec(this.hosts.get(host), ['test', '-d', `/sys/class/net/${network}/bridge`]);
    if (r.code === 0) return 'bridge';
    throw new CoreError('ipam.no-network', { host, network });
  }
}

export function toNet(c: IpamSettings): IpamNetwork {
  return { cidr: c.cidr, gateway: c.gateway, dns: c.dns, search: c.search, reserved: c.reserved, ...(c.range ? { range: c.range } : {}) };
}

/** Addresses the guest agents of the host's running domains report (domains without an agent say nothing). */
async function agentAddresses(lv: LibvirtConnection): Promise<Array<{ vm: string; ip: string }>> {
  const doms = await lv.listAllDomains(ListDomainsFlags.ACTIVE);
  const per = await Promise.all(
    doms.map(async (d) => {
      const ifaces = await lv.domainInterfaceAddresses(d, InterfaceAddressSource.AGENT).catch(() => []);
      return ifaces.flatMap((i) => i.addrs.filter((a) => a.type === 'ipv4' && a.addr !== '127.0.0.1').map((a) => ({ vm: d.name, ip: a.addr })));
    }),
  );
  return per.flat();
}

function rangesOverlap(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  const n = (s: string) => {
    const p = parseIpv4(s);
    return p.ok ? p.value : NaN;
  };
  return n(a.start) <= n(b.end) && n(b.start) <= n(a.end);
}
