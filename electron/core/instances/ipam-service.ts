// IPAM per network: the config (CIDR, gateway, DNS, search, range, reserved) and the reservations live on the host
// that owns the network, shared by every VirtDeck that reaches it (ipam-host.ts); the inventory caches them.
// Addresses in use are gathered from every source at the time of asking (ipam-holders.ts). An address is
// taken by a compare-and-set on the host (exclusive create of its record), never by a local check alone.
// Allocation and manual checks are the pure functions of core/ipam.
import type { IpamConfig, IpamSettings, IpamView } from '../../../shared/model/instance.js';
import type { VmRef } from '../../../shared/model/vm.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { ErrorReport } from '../../../shared/model/errors.js';
import { CoreError, toCoreError } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { hostExec } from '../hosts/host-exec.js';
import { allocate, checkManual, describe, validateNetwork, type AddressHolder, type IpamNetwork } from '../ipam/index.js';
import { inCidr, parseCidr, parseIpv4 } from '../net/ipv4.js';
import type { NetworkService } from '../networks/network-service.js';
import { IpamHost, type IpamIdentity } from './ipam-host.js';
import { agentAddresses, gatherHolders, rangesOverlap } from './ipam-holders.js';

/** How many addresses one allocation tries before it gives up (each try lost a race to another writer). */
const MAX_CLAIM_TRIES = 1024;
/** Lost races after which the holders are read again (others took more than the one address we tried). */
const REREAD_EVERY = 8;

export class IpamService {
  private readonly shared: IpamHost;
  /** Allocations of this process on one network take turns (they would only race each other); other processes race on the host. */
  private readonly turns = new Map<string, Promise<unknown>>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly networks: NetworkService,
    me: IpamIdentity,
  ) {
    this.shared = new IpamHost(inventory, hosts, me);
  }

  /** The cached config (refreshed from the host by load, describe and every connect). */
  get(host: string, network: string): IpamConfig | null {
    this.hosts.config(host);
    return this.inventory.instances.getIpam(host, network);
  }

  /** The config as the host has it now (the cached one while the host is offline). */
  async load(host: string, network: string): Promise<IpamConfig | null> {
    this.hosts.config(host);
    return this.shared.config(host, network);
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
    if (!this.shared.online(host)) throw new CoreError('ipam.host-offline', { host, network });
    const config: IpamConfig = { host, network, kind: await this.checkAgainstNetwork(host, network, settings), ...settings };
    await this.shared.writeConfig(config);
    return config;
  }

  /** Every problem set would find, each naming the settings field it is about; none when set would store them. */
  async check(host: string, network: string, settings: IpamSettings): Promise<ErrorReport[]> {
    const problems = validateNetwork(toNet(settings));
    if (problems.length) return problems;
    return this.checkAgainstNetwork(host, network, settings).then(
      () => [],
      (err: unknown) => [toCoreError(err).report()],
    );
  }

  /** The network's kind, once the settings fit it: inside its address, the range clear of its DHCP ranges. */
  private async checkAgainstNetwork(host: string, network: string, settings: IpamSettings): Promise<IpamConfig['kind']> {
    const kind = await this.networkKind(host, network);
    if (kind === 'network') {
      const info = await this.networks.get(host, network);
      const cidr = parseCidr(settings.cidr);
      for (const a of info.addresses) {
        const own = parseCidr(a);
        if (cidr.ok && own.ok && !inCidr(cidr.value, own.value.address)) {
          throw new CoreError('ipam.outside-network', { host, network, address: a, cidr: settings.cidr }, { field: 'cidr' });
        }
      }
      for (const r of info.dhcpRanges) {
        if (settings.range && rangesOverlap(settings.range, r)) {
          const range = `${settings.range.start}-${settings.range.end}`;
          throw new CoreError('ipam.overlaps-dhcp', { host, network, range, dhcpRange: `${r.start}-${r.end}` }, { field: 'range' });
        }
      }
    }
    return kind;
  }

  async remove(host: string, network: string): Promise<void> {
    if (!(await this.shared.removeConfig(host, network))) throw new CoreError('ipam.not-configured', { host, network });
  }

  /** Every address of the range with who holds it (reservations made by any home, with who made them). */
  async describe(host: string, network: string): Promise<IpamView> {
    const config = await this.load(host, network);
    if (!config) throw new CoreError('ipam.not-configured', { host, network });
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
  async reserve(config: IpamConfig, ip: string, vmName: string, taskId: string): Promise<void> {
    if (!(await this.shared.claim(config, { ip, vmName, vmUuid: null, taskId, note: null }))) {
      throw new CoreError('ipam.taken', { host: config.host, network: config.network, ip });
    }
  }

  /** Reserves an address for a VM that exists (a NIC added to it): held until the VM or that NIC goes. */
  async reserveForVm(config: IpamConfig, ip: string, vm: { name: string; uuid: string }): Promise<void> {
    if (!(await this.shared.claim(config, { ip, vmName: vm.name, vmUuid: vm.uuid, taskId: null, note: null }))) {
      throw new CoreError('ipam.taken', { host: config.host, network: config.network, ip });
    }
  }

  /**
   * Reserves an address by hand (a printer, an appliance: `note` says what for) — `request` is an address or "auto"
   * (the lowest free one). Auto allocation is a loop of compare-and-sets on the host: pick the lowest address free
   * by every source, create its record exclusively, and on losing that race take the next one.
   */
  async reserveByHand(host: string, network: string, request: string, note: string): Promise<string> {
    const config = await this.load(host, network);
    if (!config) throw new CoreError('ipam.not-configured', { host, network });
    if (!this.shared.online(host)) throw new CoreError('ipam.host-offline', { host, network });
    return this.claimAddress(config, request, { vmName: '', vmUuid: null, taskId: null, note });
  }

  /**
   * Picks ("auto" or a manual address, checked against every holder) and holds an address in one go: for "auto",
   * an address lost to another writer between the pick and the create is passed over and the next one tried.
   */
  claimAddress(config: IpamConfig, request: string, holder: { vmName: string; vmUuid: string | null; taskId: string | null; note: string | null }): Promise<string> {
    const key = `${config.host}\0${config.network}`;
    const turn = (this.turns.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => this.claimLoop(config, request, holder));
    this.turns.set(key, turn);
    void turn.finally(() => {
      if (this.turns.get(key) === turn) this.turns.delete(key);
    }).catch(() => undefined);
    return turn;
  }

  private async claimLoop(config: IpamConfig, request: string, holder: { vmName: string; vmUuid: string | null; taskId: string | null; note: string | null }): Promise<string> {
    const { host, network } = config;
    const lost: AddressHolder[] = [];
    let used: AddressHolder[] = [];
    for (let i = 0; i < MAX_CLAIM_TRIES; i++) {
      if (i % REREAD_EVERY === 0) used = await this.holders(config);
      const r = request === 'auto' ? allocate(toNet(config), [...used, ...lost]) : checkManual(toNet(config), request, used);
      if (!r.ok) throw CoreError.from(r.error);
      if (await this.shared.claim(config, { ip: r.value, ...holder })) return r.value;
      if (request !== 'auto') break;
      lost.push({ ip: r.value, holder: 'another VirtDeck', source: 'reservation' });
    }
    throw new CoreError('ipam.taken', { host, network, ip: lost.at(-1)?.ip ?? request });
  }

  /** Frees an address reserved by hand; a VM's address goes with its NIC or the VM, not by hand. */
  async releaseByHand(host: string, network: string, ipText: string): Promise<void> {
    const config = await this.load(host, network);
    if (!config) throw new CoreError('ipam.not-configured', { host, network });
    if (!this.shared.online(host)) throw new CoreError('ipam.host-offline', { host, network });
    const ip = parseIpv4(ipText.trim());
    if (!ip.ok) throw CoreError.from(ip.error);
    const name = ipText.trim();
    const row = (await this.shared.reservations(config)).find((r) => r.ip === name);
    if (!row) throw new CoreError('ipam.not-reserved', { host, network, ip: name });
    if (row.vmName) throw new CoreError('ipam.vm-address', { host, network, ip: name, vm: row.vmName });
    if (!(await this.shared.release(host, network, name))) throw new CoreError('ipam.not-reserved', { host, network, ip: name });
  }

  /** Frees one address (its NIC is gone, its task undone). */
  async release(host: string, network: string, ip: string): Promise<void> {
    await this.shared.release(host, network, ip);
  }

  /** Ties a reservation made before the domain existed to the domain's uuid, here at once and on the host. */
  bind(host: string, network: string, ip: string, vmUuid: string): Promise<void> {
    this.inventory.instances.bindReservation(host, network, ip, vmUuid);
    const row = this.inventory.instances.reservations(host, network).find((r) => r.ip === ip);
    return row ? this.shared.rewrite(row) : Promise.resolve();
  }

  /** A VM is gone: its addresses are freed in the cache at once and on their hosts when they are reachable. */
  releaseVm(vmUuid: string): Promise<void> {
    const done = Promise.all(
      this.inventory.instances.releaseVm(vmUuid).map((r) => (this.shared.online(r.host) ? this.shared.release(r.host, r.network, r.ip).catch(() => false) : false)),
    ).then(() => undefined);
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
    return done;
  }

  /** Waits for releases still under way (before the core closes its links). */
  async settle(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** This home's reservations past their task (the cache; the host's are freed when it connects). */
  releaseOrphans(): void {
    this.inventory.instances.releaseOrphans(this.shared.me.home);
  }

  /** A host is (back) online: see IpamHost.hostConnected. */
  hostConnected(host: string): Promise<void> {
    return this.shared.hostConnected(host);
  }

  /** A held address follows its VM to the same segment on another host: held there first, then freed here. */
  async moveReservation(from: string, network: string, ip: string, dest: string, toNetwork: string): Promise<void> {
    const row = this.inventory.instances.reservations(from, network).find((r) => r.ip === ip);
    const config = this.get(dest, toNetwork);
    if (!row || !config) return;
    if (!(await this.shared.claim(config, { ip, vmName: row.vmName, vmUuid: row.vmUuid, taskId: null, note: row.note ?? null }))) {
      throw new CoreError('ipam.taken', { host: dest, network: toNetwork, ip });
    }
    await this.shared.release(from, network, ip);
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
    const online = this.hosts.isOnline(config.host);
    return gatherHolders(config, {
      vms: this.inventory.listVms(),
      reservations: await this.shared.reservations(config),
      agents: online ? await agentAddresses(this.hosts.get(config.host).libvirt()) : [],
      leases: online && config.kind === 'network' ? await this.networks.leases(config.host, config.network) : [],
    });
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
