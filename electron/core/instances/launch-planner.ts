// Planning a launch: a spec is resolved into a plan (host placement, image, size, network and address, virt type)
// with every problem found, by field, before anything exists. Reads hosts; changes nothing.
import { instanceSeedVolume } from './domain-spec.js';
import { randomMac } from '../vms/hardware/devices.js';
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import type { Flavor, ImageInfo, IpamConfig, LaunchIssue, LaunchPlan, LaunchSpec, Placement, PlacementCandidate } from '../../../shared/model/instance.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { validateInstanceSpec, type InstanceSpec } from '../cloudinit/index.js';
import { CoreError, errorReport } from '../errors.js';
import { sizeProblems } from '../flavors/flavor-service.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { ImageService } from '../images/image-service.js';
import { parseCidr } from '../net/ipv4.js';
import type { NetworkService } from '../networks/network-service.js';
import { checkName } from '../storage/names.js';
import type { StorageService } from '../storage/storage-service.js';
import type { IpamService } from './ipam-service.js';
import { choosePlacement } from './placement.js';

const MiB = 1024 * 1024;
/** How long after its launch a VM counts as using all its memory when placing the next one (a guest touches its RAM as it works). */
const FRESH_LAUNCH_MS = 10 * 60_000;

export interface Resolved {
  plan: LaunchPlan;
  seed: InstanceSpec;
  ipam: IpamConfig | null;
}

export interface Resolution {
  errors: LaunchIssue[];
  warnings: LaunchIssue[];
  resolved: Resolved | null;
}

export class LaunchPlanner {
  private readonly kvmOffered = new Map<string, boolean>();

  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly storage: StorageService,
    private readonly networks: NetworkService,
    private readonly images: ImageService,
    private readonly ipam: IpamService,
  ) {}

  /** The plan, or the first problem (with its field) as the error. */
  require(r: Resolution): Resolved {
    const [first] = r.errors;
    if (first) throw CoreError.from(first);
    if (!r.resolved) throw new CoreError('internal', { message: 'launch not planned' });
    return r.resolved;
  }

  /** Every problem of the spec (with its field) and, when there is none, the plan. Creates and reserves nothing. */
  async resolve(spec: LaunchSpec): Promise<Resolution> {
    const errors: LaunchIssue[] = [];
    const warnings: LaunchIssue[] = [];
    const err = (field: string, problem: ErrorReport) => errors.push({ ...problem, field });
    const done = (resolved: Resolved | null = null): Resolution => ({ errors, warnings, resolved });
    const caught = (field: string) => (e: unknown) => {
      err(field, errorReport(e));
      return null;
    };

    try {
      checkName(spec.name, 63);
    } catch (e) {
      err('name', errorReport(e));
    }
    const size = this.size(spec, err);
    if (!spec.users.length) err('users', report('launch.no-users', {}));

    // host
    let placement: Placement | null = null;
    if (spec.host === 'auto') {
      const candidates = await this.candidates(spec, size);
      placement = choosePlacement(candidates);
      if (!placement && !candidates.length) err('host', report('launch.no-placement', {}));
      if (!placement) for (const c of candidates) if (c.problem) err('host', c.problem);
    } else if (!this.hosts.names().includes(spec.host)) {
      err('host', report('host.not-found', { host: spec.host }));
    } else if (!this.hosts.isOnline(spec.host)) {
      err('host', report('host.offline', { host: spec.host, since: this.hosts.get(spec.host).status.since.toISOString() }));
    } else {
      placement = { by: 'user', host: spec.host, candidates: [] };
    }
    if (!placement) return done();
    const { host } = placement;
    const lv = this.hosts.get(host).libvirt();

    // A draft (instances.validate) may have them empty yet: say so on their inputs.
    if (!spec.image) err('image', report('field.required', {}));
    if (!spec.network) err('network', report('field.required', {}));
    const imageFrom = placement.candidates.find((c) => c.host === host)?.imageFrom ?? null;
    const image: ImageInfo | null = spec.image ? await this.images.get(imageFrom ?? host, spec.image).catch(caught('image')) : null;
    if (await lv.lookupDomainByName(spec.name).then(() => true, () => false)) err('name', report('vm.exists', { host, vm: spec.name }));

    // network and address
    const netKind = spec.network ? await this.networkKind(host, spec.network) : null;
    if (!netKind && spec.network) err('network', report('launch.no-network', { host, network: spec.network }));
    const want = spec.ip ?? 'auto';
    if (!want) err('ip', report('field.required', {}));
    let ipam: IpamConfig | null = null;
    let address: string | null = null;
    if (want && want !== 'dhcp' && netKind) {
      ipam = this.ipam.get(host, spec.network);
      if (!ipam) err('ip', report('ipam.not-configured', { host, network: spec.network }));
      else {
        const ip = await this.ipam.pick(ipam, want).catch(caught('ip'));
        const cidr = parseCidr(ipam.cidr);
        if (ip && cidr.ok) address = `${ip}/${cidr.value.prefix}`;
      }
    }

    // resources
    if (size) {
      const free = await lv.nodeGetFreeMemory();
      if (size.memoryMiB * MiB > free) {
        err('memory', report('launch.memory', { host, needBytes: size.memoryMiB * MiB, freeBytes: free }));
      }
    }
    if (size && image) {
      const pool = await this.storage.pools.get(host, image.pool);
      if (size.diskBytes > pool.available) {
        err('disk', report('launch.disk', { host, pool: pool.name, needBytes: size.diskBytes, freeBytes: pool.available }));
      }
      if (image.virtualSize !== null && size.diskBytes < image.virtualSize) {
        err('disk', report('launch.disk-smaller', { image: image.name, diskBytes: size.diskBytes, imageBytes: image.virtualSize }));
      }
      for (const vol of [`${spec.name}.qcow2`, `${spec.name}-seed.iso`]) {
        const exists = await this.storage.volumes.get(host, image.pool, vol).then(() => true, () => false);
        if (exists) err('name', report('volume.exists', { host, pool: image.pool, volume: vol }));
      }
      // The image's copy needs its volume name free on the target and room for it besides the disk.
      if (imageFrom !== null) {
        if (await this.storage.volumes.get(host, image.pool, image.volume).then(() => true, () => false)) {
          err('image', report('volume.exists', { host, pool: image.pool, volume: image.volume }));
        }
        const needBytes = size.diskBytes + (image.sizeOnDisk ?? 0);
        if (needBytes > pool.available) err('disk', report('launch.disk', { host, pool: pool.name, needBytes, freeBytes: pool.available }));
      }
    }

    const virtType = await this.virtType(host, lv, spec.virtType, err);
    const mac = randomMac();
    // A user without a name is the image's default user (cloud images name theirs, e.g. "debian").
    const userName = (name: string | undefined, i: number): string => {
      if (name !== undefined) return name;
      if (image && !image.defaultUser) err(`users.${i}.name`, report('launch.no-default-user', { image: image.name }));
      return image?.defaultUser ?? '';
    };
    const users = spec.users.map((u, i) => ({ ...u, name: userName(u.name, i) }));
    const seed: InstanceSpec = {
      hostname: spec.name,
      ...(ipam?.search[0] ? { fqdn: `${spec.name}.${ipam.search[0]}` } : {}),
      users: users.filter((u) => u.name).map((u) => ({ name: u.name, sshAuthorizedKeys: u.sshAuthorizedKeys, sudo: u.sudo ?? true, ...(u.passwordHash ? { passwordHash: u.passwordHash } : {}) })),
      sshPwauth: spec.sshPwauth ?? spec.users.some((u) => u.passwordHash),
      packages: spec.packages ?? [],
      runcmd: spec.runcmd ?? [],
      ...(spec.extraUserData ? { extraUserData: spec.extraUserData } : {}),
      network: ipam && address
        ? { mode: 'static', mac, address, gateway: ipam.gateway, dns: ipam.dns, search: ipam.search }
        : { mode: 'dhcp', mac },
    };
    for (const issue of validateInstanceSpec(seed)) {
      (issue.severity === 'error' ? errors : warnings).push({ ...issue.problem, field: issue.path });
    }
    if (errors.length || !image || !size || !netKind || !virtType) return done();
    return done({
      plan: {
        name: spec.name, host, placement, image, imageFrom, vcpus: size.vcpus, memoryMiB: size.memoryMiB, diskBytes: size.diskBytes,
        network: spec.network, networkKind: netKind, address, gateway: ipam?.gateway ?? null, mac, virtType,
        pool: image.pool, diskVolume: `${spec.name}.qcow2`, seedVolume: instanceSeedVolume(spec.name),
      },
      seed,
      ipam,
    });
  }

  private size(spec: LaunchSpec, err: (field: string, problem: ErrorReport) => void): Omit<Flavor, 'name'> | null {
    let size: Omit<Flavor, 'name'> | null = null;
    if (spec.flavor !== undefined && spec.size) err('flavor', report('launch.flavor-and-size', {}));
    else if (spec.flavor !== undefined) {
      size = this.inventory.instances.getFlavor(spec.flavor);
      if (!size) err('flavor', report('flavor.not-found', { name: spec.flavor, known: this.inventory.instances.listFlavors().map((f) => f.name) }));
    } else if (spec.size) size = spec.size;
    else err('flavor', report('launch.no-size', {}));
    for (const p of size ? sizeProblems(size) : []) err('size', p);
    return size;
  }

  private async networkKind(host: string, network: string): Promise<'network' | 'bridge' | null> {
    const found = await this.networks.get(host, network).then(() => true, () => false);
    if (found) return 'network';
    return this.ipam.get(host, network)?.kind === 'bridge' ? 'bridge' : null;
  }

  private async virtType(host: string, lv: LibvirtConnection, wanted: LaunchSpec['virtType'], err: (f: string, p: ErrorReport) => void): Promise<'kvm' | 'qemu' | null> {
    let offered = this.kvmOffered.get(host);
    if (offered === undefined) {
      offered = await lv.getDomainCapabilities(null, 'x86_64', 'q35', 'kvm').then(() => true, () => false);
      this.kvmOffered.set(host, offered);
    }
    const type = wanted ?? this.hosts.config(host).virtType ?? (offered ? 'kvm' : 'qemu');
    if (type === 'kvm' && !offered) {
      err('virtType', report('launch.no-kvm', { host }));
      return null;
    }
    return type;
  }

  private async candidates(spec: LaunchSpec, size: Omit<Flavor, 'name'> | null): Promise<PlacementCandidate[]> {
    const online = this.hosts.names().filter((h) => this.hosts.isOnline(h));
    return Promise.all(
      online.map(async (host): Promise<PlacementCandidate> => {
        const lv = this.hosts.get(host).libvirt();
        const [measuredFree, node] = await Promise.all([lv.nodeGetFreeMemory(), lv.nodeGetInfo()]);
        // VMs launched moments ago (e.g. the earlier ones of a --count batch) count as using all their memory.
        const fresh = this.inventory.instances.recentLaunchMemoryMiB(host, new Date(Date.now() - FRESH_LAUNCH_MS).toISOString());
        const freeMemory = Math.max(0, measuredFree - fresh * MiB);
        // A host without the image can still take the VM: the image is copied there first from one that has it.
        const own = this.inventory.instances.getImage(host, spec.image);
        const imageFrom = own ? null : (online.find((h) => this.inventory.instances.getImage(h, spec.image)) ?? null);
        const img = own ?? (imageFrom === null ? null : this.inventory.instances.getImage(imageFrom, spec.image));
        const base = { host, freeMemory, cpus: node.cpus, poolFree: 0, pool: img?.pool ?? '-', imageFrom };
        if (!img) return { ...base, problem: report('placement.no-image', { host, image: spec.image }) };
        const pool = await this.storage.pools.get(host, img.pool).catch(() => null);
        const c = { ...base, poolFree: pool?.available ?? 0 };
        if (!(await this.networkKind(host, spec.network))) return { ...c, problem: report('placement.no-network', { host, network: spec.network }) };
        // An address from IPAM (auto or a given one) needs the network's IPAM config on that host.
        if (spec.ip !== 'dhcp' && !this.ipam.get(host, spec.network)) return { ...c, problem: report('placement.no-ipam', { host, network: spec.network }) };
        if (size && size.memoryMiB * MiB > freeMemory) {
          return { ...c, problem: report('placement.memory', { host, needBytes: size.memoryMiB * MiB, freeBytes: freeMemory }) };
        }
        if (size && size.diskBytes > c.poolFree) {
          return { ...c, problem: report('placement.disk', { host, pool: img.pool, needBytes: size.diskBytes, freeBytes: c.poolFree }) };
        }
        return { ...c, problem: null };
      }),
    );
  }
}
