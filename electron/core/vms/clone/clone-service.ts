// Cloning a shut-off VM, to its own host or another inventory host: everything is checked first (names free, pools
// with room, networks there), then each clone's disks are made — linked (a qcow2 on the source's volume, same host
// only: the source's disk becomes the clone's base), full on the same host (libvirt copies and flattens it), or full
// to another host (the bytes through VirtDeck's two connections, SHA-256 checked, the bases the target lacks first)
// — then a VirtDeck instance's new seed, then the domain with its new identity. Every volume and domain made is in
// the target's undo journal before it exists: a failure or cancel takes all of them back, the source is never
// changed. A running VM is copied from its disks frozen under temporary overlays (clone-freeze.ts); a linked clone
// of a running VM is refused (clone.linked-running).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { cloneResult, cloneSpec } from '../../../../shared/ipc/clone-schemas.js';
import { cloneNames } from '../../../../shared/model/clone.js';
import { report } from '../../../../shared/model/errors.js';
import type { Inventory } from '../../../inventory/inventory.js';
import type { LibvirtApi } from '../../../libvirt/api.js';
import { VirErrorCode } from '../../../libvirt/errors.js';
import { DomainXmlFlags, type DomainRef, type StoragePoolRef, type StorageVolRef } from '../../../libvirt/protocol/index.js';
import { DomainXml } from '../../../libvirt/xml/domain.js';
import { VolumeXml } from '../../../libvirt/xml/volume.js';
import { CoreError, errorReport } from '../../errors.js';
import type { HostRegistry } from '../../hosts/host-registry.js';
import { instanceSeedVolume } from '../../instances/domain-spec.js';
import { readSeedVolume, withSeedIso } from '../../instances/seed-volume.js';
import type { IpamService } from '../../instances/ipam-service.js';
import { foundOrNull } from '../../libvirt-errors.js';
import { copyItem, copyOne, copyVolumes, planChain, poolsByTarget, type CopyItem, type OfflineCopyPlan, type Side } from '../../migration/offline-copy.js';
import { refuseMissingNetworks, refuseNoRoom } from '../../migration/migration-precheck.js';
import { parseCidr } from '../../net/ipv4.js';
import { diskPath } from '../../storage/disk-path.js';
import { findActivePool } from '../../storage/storage-lookup.js';
import { uploadFile } from '../../storage/transfer-streams.js';
import type { TaskContext } from '../../tasks/task-service.js';
import type { UndoEntry, UndoJournal } from '../../tasks/undo-journal.js';
import { newMac } from '../hardware/devices.js';
import { recordVmEvent } from '../vm-history.js';
import type { VmService } from '../vm-service.js';
import { withFrozenDisks } from './clone-freeze.js';
import { rewriteIdentity, type CloneDisk } from './clone-identity.js';
import { cloneSeedFiles } from './clone-seed.js';
import { cloneVolumeName } from './clone-volume-name.js';

export type CloneSpec = z.output<typeof cloneSpec>;
export type CloneResult = z.output<typeof cloneResult>;

/** One source disk the clones get their own copy of. */
interface SourceDisk {
  target: string;
  item: CopyItem;
  /** The clone's volume goes into the pool of this name on the target host. */
  pool: string;
  capacity: number;
}

interface Plan {
  from: string;
  dest: string;
  src: Side;
  dst: Side;
  xml: string;
  sourceName: string;
  /** A running source: its disks are frozen under temporary overlays while they are copied. */
  running: DomainRef | null;
  names: string[];
  linked: boolean;
  disks: SourceDisk[];
  /** Bases the target lacks (another host), copied once for every clone. */
  bases: OfflineCopyPlan;
  seed: { pool: string; target: string; vol: StorageVolRef; image: string } | null;
  /** The instance's NIC (the first) and, when it has a static address, the IPAM config the clones' come from. */
  nic: { mac: string; network: string | null } | null;
  ip: { request: string; network: string } | null;
}

export class CloneService {
  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly vms: VmService,
    private readonly ipam: IpamService,
    private readonly undo: UndoJournal,
  ) {}

  async clone(spec: CloneSpec, ctx: TaskContext): Promise<CloneResult> {
    const plan = await ctx.step('precheck', () => this.plan(spec));
    const undo = this.undo.begin(plan.dest, `clone ${plan.sourceName}`);
    const made: CloneResult['clones'] = [];
    const instances: Array<() => void> = [];
    try {
      const copy = async (): Promise<void> => {
        const bases = { push: (v: StorageVolRef) => undo.record({ kind: 'delete-volume', pool: v.pool, name: v.name }) };
        await copyVolumes(plan.src, plan.dst, plan.bases.items, bases, ctx);
        for (const name of plan.names) made.push(await this.makeOne(plan, name, undo, instances, ctx));
      };
      const frozen = plan.disks.map((d) => ({ target: d.target, path: d.item.path }));
      await ctx.step('copy', () => (plan.running ? withFrozenDisks(plan.src.session, plan.src.lv, plan.running, frozen, copy) : copy()));
      if (spec.start) {
        await ctx.step('start', async () => {
          for (const c of made) await plan.dst.lv.domainCreate(await plan.dst.lv.lookupDomainByUuid(c.uuid));
        });
      }
    } catch (err) {
      const out = await this.undo.rollback(undo);
      await this.vms.syncHost(plan.dest, plan.dst.lv).catch(() => undefined);
      if (ctx.signal.aborted && !out.left.length) throw ctx.signal.reason;
      const failed = { host: plan.dest, name: plan.names.join(', '), cause: errorReport(err), rolledBack: out.undone };
      if (out.left.length) throw new CoreError('clone.failed-pending', { ...failed, leftOver: out.left, why: out.error ?? report('undo.host-offline', { host: plan.dest }) }, { cause: err });
      throw new CoreError('clone.failed', failed, { cause: err });
    }
    await this.vms.syncHost(plan.dest, plan.dst.lv).catch(() => undefined);
    // The clones are VirtDeck's now: their records, addresses and history.
    this.undo.commit(undo, () => instances.forEach((record) => record()));
    return { clones: made };
  }

  /** Every refusal comes from here, before anything exists. */
  private async plan(spec: CloneSpec): Promise<Plan> {
    const names = cloneNames(spec.name, spec.count);
    if (!names.ok) throw CoreError.from(names.problem);
    const from = spec.ref.host;
    const dest = spec.dest ?? from;
    if (spec.linked && dest !== from) throw new CoreError('clone.linked-other-host', { host: from, dest }, { field: 'linked' });
    const { dom } = await this.vms.live(spec.ref);
    const srcLv = this.hosts.libvirt(from);
    const running = await srcLv.domainIsActive(dom);
    if (running && spec.linked) throw new CoreError('clone.linked-running', { host: from, vm: dom.name }, { field: 'linked' });
    const src: Side = { session: this.hosts.get(from), lv: srcLv };
    const dst: Side = { session: this.hosts.get(dest), lv: this.hosts.libvirt(dest) };
    const xmlText = await srcLv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE);
    const xml = DomainXml.parse(xmlText);
    for (const name of names.names) {
      if (await foundOrNull(dst.lv.lookupDomainByName(name), VirErrorCode.NO_DOMAIN)) throw new CoreError('vm.exists', { host: dest, vm: name }, { field: 'name' });
    }
    if (dest !== from) await refuseMissingNetworks(dst.lv, dest, xml);

    const instance = this.inventory.instances.getInstance(from, dom.uuid);
    const seedDisk = instance ? xml.disks.find((d) => d.device === 'cdrom' && d.sourceVolume === instance.seedVolume) : undefined;
    const disks: SourceDisk[] = [];
    for (const disk of xml.disks) {
      if (disk === seedDisk || disk.device !== 'disk' || disk.readonly || disk.shareable) continue;
      const target = disk.targetDev ?? '';
      const path = await diskPath(srcLv, disk);
      const vol = path === null ? null : await foundOrNull(srcLv.storageVolLookupByPath(path), VirErrorCode.NO_STORAGE_VOL);
      if (!vol || path === null) throw new CoreError('clone.disk-not-volume', { host: from, vm: dom.name, target });
      disks.push({ target, item: await copyItem(srcLv, vol, path), pool: vol.pool, capacity: (await srcLv.storageVolGetInfo(vol)).capacity });
    }
    const seed = instance && seedDisk?.targetDev
      ? { pool: instance.pool, target: seedDisk.targetDev, vol: await srcLv.storageVolLookupByName(await srcLv.storagePoolLookupByName(instance.pool), instance.seedVolume), image: instance.image }
      : null;
    if (instance && !seed) throw new CoreError('clone.no-seed', { host: from, vm: dom.name });
    if (spec.ip !== undefined && !seed) throw new CoreError('clone.ip-not-instance', { vm: dom.name }, { field: 'ip' });
    const first = xml.interfaces[0];
    const nic = seed && first?.mac ? { mac: first.mac, network: first.sourceNetwork ?? first.sourceBridge } : null;
    const held = this.ipam.reservedAddress(from, dom.uuid);
    const request = spec.ip ?? (held !== undefined ? 'auto' : undefined);
    let ip: Plan['ip'] = null;
    if (request !== undefined && nic?.network) {
      if (request !== 'auto' && names.names.length > 1) throw new CoreError('clone.one-address', { ip: request }, { field: 'ip' });
      const config = this.ipam.require(dest, nic.network);
      await this.ipam.pick(config, request).catch((err: unknown) => {
        throw CoreError.from({ ...errorReport(err), field: 'ip' }, err);
      });
      ip = { request, network: nic.network };
    }

    // Room and free names on the target, for every clone.
    const bases: OfflineCopyPlan = { items: [], needs: new Map() };
    const needs = new Map<string, number>();
    const seen = new Set<string>();
    for (const d of disks) {
      const pool = await findActivePool(dst.lv, dest, d.pool);
      const dir = (await poolsByTarget(dst.lv)).find((p) => p.ref.name === pool.name)?.target ?? '';
      const each = spec.linked ? 0 : d.item.xml.targetFormat === 'raw' ? d.capacity : d.item.bytes;
      needs.set(dir, (needs.get(dir) ?? 0) + each * names.names.length);
      for (const name of names.names) await refuseVolumeTaken(dst.lv, dest, pool, cloneVolumeName(d.item.vol.name, dom.name, name, d.target));
      const base = d.item.xml.backingStorePath;
      if (dest !== from && base !== null) await planChain(src, dst, base, false, seen, bases);
    }
    if (seed) {
      const pool = await findActivePool(dst.lv, dest, seed.pool);
      for (const name of names.names) await refuseVolumeTaken(dst.lv, dest, pool, instanceSeedVolume(name));
    }
    for (const [dir, bytes] of bases.needs) needs.set(dir, (needs.get(dir) ?? 0) + bytes);
    await refuseNoRoom(dst.lv, dest, needs);
    return { from, dest, src, dst, xml: xmlText, sourceName: dom.name, running: running ? dom : null, names: names.names, linked: spec.linked, disks, bases, seed, nic, ip };
  }

  private async makeOne(plan: Plan, name: string, undo: UndoEntry, instances: Array<() => void>, ctx: TaskContext): Promise<CloneResult['clones'][number]> {
    const { dest, dst } = plan;
    const uuid = randomUUID();
    const xml = DomainXml.parse(plan.xml);
    const taken = new Set(xml.interfaces.map((n) => (n.mac ?? '').toLowerCase()));
    const macs = new Map<string, string>();
    for (const nic of xml.interfaces) {
      const mac = newMac(taken);
      taken.add(mac);
      macs.set((nic.mac ?? '').toLowerCase(), mac);
    }
    let address: string | null = null;
    if (plan.ip) {
      const config = this.ipam.require(dest, plan.ip.network);
      const ip = await this.ipam.claimAddress(config, plan.ip.request, { vmName: name, vmUuid: null, taskId: undo.id, note: null });
      undo.record({ kind: 'release-ip', network: config.network, ip });
      const prefix = parseCidr(config.cidr);
      address = `${ip}/${prefix.ok ? prefix.value.prefix : 24}`;
    }
    const disks = new Map<string, CloneDisk>();
    for (const d of plan.disks) {
      ctx.signal.throwIfAborted();
      const volume = cloneVolumeName(d.item.vol.name, plan.sourceName, name, d.target);
      const path = await this.copyDisk(plan, d, volume, undo, ctx);
      disks.set(d.target, { pool: d.pool, volume, path });
    }
    if (plan.seed && plan.nic) {
      ctx.signal.throwIfAborted();
      const mac = macs.get(plan.nic.mac.toLowerCase()) ?? plan.nic.mac;
      const ipam = plan.ip && address ? this.ipam.require(dest, plan.ip.network) : null;
      const network = ipam && address ? { mode: 'static' as const, mac, address, gateway: ipam.gateway, dns: ipam.dns, search: ipam.search } : null;
      const volume = instanceSeedVolume(name);
      const path = await this.writeSeed(plan, name, { from: plan.nic.mac, to: mac }, network, volume, undo, ctx);
      disks.set(plan.seed.target, { pool: plan.seed.pool, volume, path });
    }
    rewriteIdentity(xml, { name, uuid, macs, disks });
    ctx.signal.throwIfAborted();
    const dom = await undo.attempt({ kind: 'remove-domain', uuid, name }, () => dst.lv.domainDefineXml(xml.toXml(), 0));
    const seed = plan.seed;
    instances.push(() => {
      recordVmEvent(this.inventory, {
        host: dest, vmUuid: dom.uuid, event: { kind: 'cloned', params: { from: `${plan.from}/${plan.sourceName}` } }, message: `cloned from ${plan.from}/${plan.sourceName}`,
      });
      if (!seed) return;
      this.inventory.instances.addInstance({ host: dest, vmUuid: dom.uuid, vmName: name, image: seed.image, pool: seed.pool, seedVolume: instanceSeedVolume(name), createdAt: new Date().toISOString() });
      if (plan.ip && address) void this.ipam.bind(dest, plan.ip.network, address.split('/')[0] ?? address, dom.uuid).catch(() => undefined);
    });
    return { host: dest, name, uuid: dom.uuid, macs: [...macs.values()], disks: [...disks.values()].map((d) => d.path), ip: address };
  }

  /** The clone's copy of one disk; its undo step is recorded before the volume exists. Returns its path. */
  private async copyDisk(plan: Plan, d: SourceDisk, volume: string, undo: UndoEntry, ctx: TaskContext): Promise<string> {
    const { src, dst, dest } = plan;
    const pool = await findActivePool(dst.lv, dest, d.pool);
    const step = { kind: 'delete-volume' as const, pool: d.pool, name: volume };
    if (plan.from !== dest) {
      const r = await copyOne(src, dst, d.item, { pool, name: volume }, { push: () => undo.record(step) }, ctx);
      return r.path;
    }
    const format = d.item.xml.targetFormat ?? 'raw';
    const vol = await undo.attempt(step, () => this.linkedOrFull(src.lv, pool, d, volume, format, plan.linked));
    return dst.lv.storageVolGetPath(vol);
  }

  private linkedOrFull(lv: LibvirtApi, pool: StoragePoolRef, d: SourceDisk, volume: string, format: string, linked: boolean): Promise<StorageVolRef> {
    if (linked) {
      const xml = VolumeXml.create({ name: volume, capacityBytes: d.capacity, format: 'qcow2', backingStorePath: d.item.path, backingStoreFormat: format });
      return lv.storageVolCreateXml(pool, xml.toXml(), 0);
    }
    // No backing in the new volume's XML: libvirt's copy (qemu-img convert) flattens the chain into it.
    const xml = VolumeXml.create({ name: volume, capacityBytes: d.capacity, format: format === 'raw' ? 'raw' : 'qcow2' });
    return lv.storageVolCreateXmlFrom(pool, xml.toXml(), d.item.vol, 0);
  }

  /** The source's seed read back, given the clone's identity, written as the clone's seed volume. */
  private async writeSeed(
    plan: Plan, name: string, mac: { from: string; to: string }, network: Parameters<typeof cloneSeedFiles>[1]['network'], volume: string, undo: UndoEntry, ctx: TaskContext,
  ): Promise<string> {
    const seed = plan.seed!;
    const files = cloneSeedFiles(await readSeedVolume(plan.src.lv, seed.vol, ctx), { name, mac, network });
    return withSeedIso(files, async (file, bytes) => {
      const pool = await findActivePool(plan.dst.lv, plan.dest, seed.pool);
      const vol = await undo.attempt({ kind: 'delete-volume', pool: seed.pool, name: volume }, () =>
        plan.dst.lv.storageVolCreateXml(pool, VolumeXml.create({ name: volume, capacityBytes: bytes, format: 'raw' }).toXml(), 0));
      await uploadFile({ lv: plan.dst.lv, vol }, file, ctx);
      return plan.dst.lv.storageVolGetPath(vol);
    });
  }
}

async function refuseVolumeTaken(lv: LibvirtApi, host: string, pool: StoragePoolRef, name: string): Promise<void> {
  if (await foundOrNull(lv.storageVolLookupByName(pool, name), VirErrorCode.NO_STORAGE_VOL)) {
    throw new CoreError('volume.exists', { host, pool: pool.name, volume: name }, { field: 'name' });
  }
}
