// Launching cloud-init instances: a spec is resolved into a plan (host placement, image, size, network and
// address, virt type) with every problem found before anything exists; then a task runs clone → seed → define →
// boot → cloud-init, and any failure (or cancel) undoes what was made: domain, seed, disk, address reservation.
import { writeSeedFile } from '../cloudinit/seed-file.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import type {
  Flavor, ImageInfo, IpamConfig, LaunchIssue, LaunchPlan, LaunchPreview, LaunchResult, LaunchSpec, LaunchValidation, Placement,
  PlacementCandidate,
} from '../../../shared/model/instance.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import type { DomainRef } from '../../libvirt/protocol/index.js';
import { buildInstanceSeed, renderSeed, validateInstanceSpec, type InstanceSpec } from '../cloudinit/index.js';
import { CoreError, errorReport } from '../errors.js';
import { sizeProblems } from '../flavors/flavor-service.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { ImageService } from '../images/image-service.js';
import { parseCidr } from '../ipam/ipv4.js';
import type { NetworkService } from '../networks/network-service.js';
import { checkName } from '../storage/names.js';
import type { StorageService } from '../storage/storage-service.js';
import { uploadFile } from '../storage/transfer-streams.js';
import type { TaskContext, TaskService } from '../tasks/task-service.js';
import type { UndoJournal } from '../tasks/undo-journal.js';
import type { VmService } from '../vms/vm-service.js';
import { instanceDomainXml } from './domain-spec.js';
import { guestExec, guestInterfaces, waitForAgent } from './guest-agent.js';
import type { IpamService } from './ipam-service.js';
import { choosePlacement } from './placement.js';

/**
 * Test hook, explicit on purpose: with VIRTDECK_TEST_FAIL_AFTER=<step> (clone, seed, define, boot) a launch throws
 * right after that step succeeded, so tests can prove the rollback leaves nothing behind.
 */
export const FAIL_AFTER_ENV = 'VIRTDECK_TEST_FAIL_AFTER';
const DEFAULT_WAIT_SEC = 900;
const MiB = 1024 * 1024;

interface Resolved {
  plan: LaunchPlan;
  seed: InstanceSpec;
  ipam: IpamConfig | null;
}

interface Resolution {
  errors: LaunchIssue[];
  warnings: LaunchIssue[];
  resolved: Resolved | null;
}

export class InstanceService {
  private readonly kvmOffered = new Map<string, boolean>();

  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly storage: StorageService,
    private readonly networks: NetworkService,
    private readonly images: ImageService,
    private readonly ipam: IpamService,
    private readonly vms: VmService,
    private readonly tasks: TaskService,
    private readonly undo: UndoJournal,
  ) {}

  /** Every problem of the spec, and the plan when there is none. Creates and reserves nothing. */
  async validate(spec: LaunchSpec): Promise<LaunchValidation> {
    const r = await this.resolve(spec);
    return { ok: r.errors.length === 0, errors: r.errors, warnings: r.warnings, plan: r.errors.length ? null : (r.resolved?.plan ?? null) };
  }

  /** The files and the domain XML a launch would create. */
  async preview(spec: LaunchSpec): Promise<LaunchPreview> {
    const { plan, seed } = this.requireResolved(await this.resolve(spec));
    const files = renderSeed(seed).files;
    return { plan, userData: files.userData, metaData: files.metaData, networkConfig: files.networkConfig ?? null, domainXml: instanceDomainXml(plan, seed.users[0]?.name ?? null) };
  }

  /** Launches as a task with steps; on any failure everything made so far is removed again. */
  async launch(spec: LaunchSpec): Promise<LaunchResult> {
    const { plan, seed, ipam } = this.requireResolved(await this.resolve(spec));
    const wait = spec.wait ?? true;
    const steps = ['clone', 'seed', 'define', 'boot', ...(wait ? ['cloud-init'] : [])];
    return this.tasks.run({ title: `launch ${plan.name} on ${plan.host}`, host: plan.host, cancellable: true, steps }, (ctx) =>
      this.run(plan, seed, ipam, wait ? (spec.waitTimeoutSec ?? DEFAULT_WAIT_SEC) : null, ctx),
    );
  }

  /** A VM is gone (deleted here or elsewhere): its addresses are released and its seed volume deleted. */
  vmRemoved(host: string, uuid: string): void {
    this.inventory.instances.releaseVm(host, uuid);
    const inst = this.inventory.instances.takeInstance(host, uuid);
    if (inst) this.undo.schedule(host, `remove the seed of ${inst.vmName}`, [{ kind: 'delete-volume', pool: inst.pool, name: inst.seedVolume }]);
  }

  // --- the task ---

  private async run(plan: LaunchPlan, seed: InstanceSpec, ipam: IpamConfig | null, waitSec: number | null, ctx: TaskContext): Promise<LaunchResult> {
    const { host, pool } = plan;
    const lv = this.hosts.get(host).libvirt();
    const undo = this.undo.begin(host, `launch ${plan.name}`);
    const timings: Record<string, number> = {};
    const ip = plan.address?.split('/')[0] ?? null;
    const uuid = randomUUID();
    const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const value = await ctx.step(name, fn);
      timings[name] = Math.round(performance.now() - t0) / 1000;
      if (process.env[FAIL_AFTER_ENV] === name) throw new CoreError('launch.injected', { step: name });
      return value;
    };
    try {
      if (ipam && ip) {
        this.ipam.reserve(ipam, ip, plan.name, undo.id);
        undo.record({ kind: 'release-ip', network: ipam.network, ip });
      }
      await step('clone', () =>
        undo.attempt({ kind: 'delete-volume', pool, name: plan.diskVolume }, () =>
          this.storage.volumes.create(host, pool, { name: plan.diskVolume, capacity: plan.diskBytes, format: 'qcow2', backing: plan.image.volume })));
      await step('seed', async () => {
        const { iso } = buildInstanceSeed(seed);
        await undo.attempt({ kind: 'delete-volume', pool, name: plan.seedVolume }, () =>
          this.storage.volumes.create(host, pool, { name: plan.seedVolume, capacity: iso.length, format: 'raw' }));
        const dir = mkdtempSync(join(tmpdir(), 'vd-seed-'));
        try {
          writeSeedFile(join(dir, 'seed.iso'), iso);
          const vol = await lv.storageVolLookupByName(await lv.storagePoolLookupByName(pool), plan.seedVolume);
          await uploadFile(lv, vol, join(dir, 'seed.iso'), ctx);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
      const dom = await step('define', () =>
        undo.attempt({ kind: 'remove-domain', uuid, name: plan.name }, () =>
          lv.domainDefineXml(instanceDomainXml(plan, seed.users[0]?.name ?? null, uuid))));
      await step('boot', () => lv.domainCreate(dom));
      let guestIp = plan.address;
      let cloudInit: string | null = null;
      if (waitSec !== null) {
        ({ guestIp, cloudInit } = await step('cloud-init', () => this.waitReady(lv, dom, plan, Date.now() + waitSec * 1000, ctx)));
      }
      await this.vms.syncHost(host, lv).catch(() => undefined);
      // The VM is VirtDeck's now: it owns the address and the seed, released with it (vmRemoved).
      this.undo.commit(undo, () => {
        this.inventory.instances.addInstance({
          host, vmUuid: dom.uuid, vmName: plan.name, image: plan.image.name, pool, seedVolume: plan.seedVolume, createdAt: new Date().toISOString(),
        });
        if (ipam && ip) this.inventory.instances.bindReservation(host, ipam.network, ip, dom.uuid);
        this.inventory.appendEvent({
          host, vmUuid: dom.uuid, kind: 'launched', at: new Date(),
          message: `launched from image ${plan.image.name}${guestIp ? ` at ${guestIp}` : ''}`, data: { timings, placement: plan.placement },
        });
      });
      return { host, name: plan.name, uuid: dom.uuid, ip: guestIp, mac: plan.mac, placement: plan.placement, timings, cloudInit };
    } catch (err) {
      const out = await this.undo.rollback(undo);
      const failed = { host, name: plan.name, cause: errorReport(err), rolledBack: out.undone };
      if (out.left.length) throw new CoreError('launch.failed-pending', { ...failed, leftOver: out.left, why: out.error ?? report('undo.host-offline', { host }) }, { cause: err });
      throw new CoreError('launch.failed', failed, { cause: err });
    }
  }

  private async waitReady(lv: LibvirtConnection, dom: DomainRef, plan: LaunchPlan, deadline: number, ctx: TaskContext): Promise<{ guestIp: string | null; cloudInit: string }> {
    ctx.progress(null, 'waiting for the guest agent');
    await waitForAgent(lv, dom, deadline, ctx.signal);
    ctx.progress(null, 'waiting for cloud-init to finish');
    const status = await guestExec(lv, dom, ['cloud-init', 'status', '--wait', '--long'], deadline, ctx.signal);
    const text = status.stdout.replace(/^\.+\n?/, '').trim(); // `--wait` prints a dot per poll
    // 0 = done; 2 = done with recoverable errors (newer cloud-init); 1 = error.
    if (status.exitcode !== 0 && status.exitcode !== 2) {
      throw new CoreError('launch.cloud-init-failed', { vm: plan.name, exit: status.exitcode, output: text.replace(/\s+/g, ' ').slice(0, 400) });
    }
    const nic = (await guestInterfaces(lv, dom)).find((i) => i.mac === plan.mac);
    return { guestIp: nic?.ipv4[0] ?? plan.address, cloudInit: text };
  }

  // --- resolution ---

  private requireResolved(r: Resolution): Resolved {
    const [first] = r.errors;
    if (first) throw CoreError.from(first);
    if (!r.resolved) throw new CoreError('internal', { message: 'launch not planned' });
    return r.resolved;
  }

  private async resolve(spec: LaunchSpec): Promise<Resolution> {
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

    const image: ImageInfo | null = await this.images.get(host, spec.image).catch(caught('image'));
    if (await lv.lookupDomainByName(spec.name).then(() => true, () => false)) err('name', report('vm.exists', { host, vm: spec.name }));

    // network and address
    const netKind = await this.networkKind(host, spec.network);
    if (!netKind) err('network', report('launch.no-network', { host, network: spec.network }));
    const want = spec.ip ?? 'auto';
    let ipam: IpamConfig | null = null;
    let address: string | null = null;
    if (want !== 'dhcp' && netKind) {
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
    }

    const virtType = await this.virtType(host, lv, spec.virtType, err);
    const mac = randomMac();
    const seed: InstanceSpec = {
      hostname: spec.name,
      ...(ipam?.search[0] ? { fqdn: `${spec.name}.${ipam.search[0]}` } : {}),
      users: spec.users.map((u) => ({ name: u.name, sshAuthorizedKeys: u.sshAuthorizedKeys, sudo: u.sudo ?? true, ...(u.passwordHash ? { passwordHash: u.passwordHash } : {}) })),
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
        name: spec.name, host, placement, image, vcpus: size.vcpus, memoryMiB: size.memoryMiB, diskBytes: size.diskBytes,
        network: spec.network, networkKind: netKind, address, gateway: ipam?.gateway ?? null, mac, virtType,
        pool: image.pool, diskVolume: `${spec.name}.qcow2`, seedVolume: `${spec.name}-seed.iso`,
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
        const [freeMemory, node] = await Promise.all([lv.nodeGetFreeMemory(), lv.nodeGetInfo()]);
        const img = this.inventory.instances.getImage(host, spec.image);
        const base = { host, freeMemory, cpus: node.cpus, poolFree: 0, pool: img?.pool ?? '-' };
        if (!img) return { ...base, problem: report('placement.no-image', { host, image: spec.image }) };
        const pool = await this.storage.pools.get(host, img.pool).catch(() => null);
        const c = { ...base, poolFree: pool?.available ?? 0 };
        if (!(await this.networkKind(host, spec.network))) return { ...c, problem: report('placement.no-network', { host, network: spec.network }) };
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

/** A locally administered unicast MAC in QEMU's 52:54:00 range. */
function randomMac(): string {
  return ['52', '54', '00', ...[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}
