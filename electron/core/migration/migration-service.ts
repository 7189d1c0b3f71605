// Moves a running VM to another host over VirtDeck's own two connections (libvirt's managed v3 sequence: Begin on
// the source, Prepare on the target, Perform on the source, Finish on the target, Confirm on the source), so the
// hosts need no SSH trust between each other; the data flows host to host. Copied disks go by NBD. Cancel aborts
// the job; a failure or cancel ends with Finish/Confirm "cancelled" (the VM resumes on the source) and the volumes
// the migration made on the target deleted. The inventory row follows the VM (same UUID, lock, tags, instance).
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import { report } from '../../../shared/model/errors.js';
import type { migrateResult, migrateSpec } from '../../../shared/ipc/migration-schemas.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { StoredVm } from '../../inventory/types.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import { DomainXmlFlags, JobType, MigrateFlags, MigrateParam, type DomainRef, type StorageVolRef } from '../../libvirt/protocol/index.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import { TypedParamType, type TypedParam } from '../../libvirt/xdr/index.js';
import { CoreError, errorReport } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { foundOrNull } from '../libvirt-errors.js';
import type { TaskContext } from '../tasks/task-service.js';
import type { VmService } from '../vms/vm-service.js';
import type { IpamService } from '../instances/ipam-service.js';
import { applyAddresses, planAddresses, type AddressMove } from './address-move.js';
import { deletableVolumes, UNDEFINE_WITH_METADATA } from '../vms/domain-storage.js';
import { checkMigration, checkTarget, mappedXml, refuseNoRoom, type MigrationPlan } from './migration-precheck.js';
import { copyNvram, planNvramCopy, removeNvram } from './nvram-copy.js';
import { copyVolumes, planOfflineCopy, type OfflineCopyPlan, type Side } from './offline-copy.js';

export type MigrateSpec = z.output<typeof migrateSpec>;
export type MigrateResult = z.output<typeof migrateResult>;

const POLL_MS = 500;
/** virDomainGetJobStats flag: the statistics of the job that just ended. */
const JOB_STATS_COMPLETED = 1;

const str = (field: string, value: string): TypedParam => ({ field, type: TypedParamType.STRING, value });
const withParam = (params: readonly TypedParam[], p: TypedParam): TypedParam[] => [...params.filter((x) => x.field !== p.field), p];

export class MigrationService {
  /** UUIDs being moved now: their disappearance from the source is a move, not a removal. */
  private readonly moving = new Set<string>();

  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly vms: VmService,
    private readonly ipam: IpamService,
  ) {}

  isMoving(uuid: string): boolean {
    return this.moving.has(uuid);
  }

  async migrate(spec: MigrateSpec, ctx: TaskContext): Promise<MigrateResult> {
    const t0 = performance.now();
    const from = spec.ref.host;
    if (spec.dest === from) throw new CoreError('migrate.same-host', { host: from });
    const row = this.vms.stored(spec.ref);
    const { dom } = await this.vms.live(spec.ref);
    const src: Side = { session: this.hosts.get(from), lv: this.hosts.libvirt(from) };
    const dst: Side = { session: this.hosts.get(spec.dest), lv: this.hosts.libvirt(spec.dest) };
    const running = await src.lv.domainIsActive(dom);
    if (spec.offline && running) throw new CoreError('vm.running', { host: from, vm: dom.name });
    if (!running) return this.offline(spec, row, src, dst, dom, ctx, t0);
    const { plan, addresses } = await ctx.step('precheck', async () => ({
      plan: await checkMigration(src, dst, { dom, dest: spec.dest, storage: spec.storage, networkMap: spec.networkMap }),
      addresses: await this.planAddresses(spec, src, dst, dom),
    }));
    const seedPath = await this.seedPath(from, src.lv, dom);
    this.moving.add(dom.uuid);
    const staged: StorageVolRef[] = [];
    try {
      if (plan.staged.length) await ctx.step('copy', () => copyVolumes(src, dst, plan.staged, staged, ctx));
      const { moved, downtimeMs } = await ctx.step('migrate', () => this.sequence(spec, src.lv, dst.lv, dom, plan, ctx));
      const deleted = await ctx.step('finish', async () => {
        await this.adopt(from, spec.dest, moved, row, addresses);
        if (!spec.deleteSource) return [];
        return deleteVolumes(src.lv, [...plan.copied, ...plan.staged.map((i) => i.path).filter((p) => p === seedPath)]);
      });
      return {
        host: spec.dest, name: moved.name, uuid: moved.uuid, copiedDisks: [...plan.staged.map((i) => i.path), ...plan.copied], deletedSourceVolumes: deleted,
        addresses: addressResult(addresses), downtimeMs,
        seconds: Math.round(performance.now() - t0) / 1000,
      };
    } catch (err) {
      // The staged copies did not exist on the target before (prechecked); the VM still runs on the source.
      if (!(await foundOrNull(dst.lv.lookupDomainByUuid(dom.uuid), VirErrorCode.NO_DOMAIN).catch(() => null))) {
        for (const vol of staged.reverse()) await dst.lv.storageVolDelete(vol, 0).catch(() => undefined);
      }
      throw err;
    } finally {
      this.moving.delete(dom.uuid);
    }
  }

  /**
   * A shut-off VM: its volumes (with their backing chains) are copied through VirtDeck, SHA-256 checked, then it is
   * defined on the target and undefined on the source. Until then the source is untouched; a failure or cancel
   * takes back what the target got.
   */
  private async offline(spec: MigrateSpec, row: StoredVm, src: Side, dst: Side, dom: DomainRef, ctx: TaskContext, t0: number): Promise<MigrateResult> {
    const from = spec.ref.host;
    const xml = DomainXml.parse(await src.lv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE));
    const plan = await ctx.step('precheck', async () => {
      await checkTarget(dst, spec.dest, dom, xml, spec.networkMap);
      const copies = await planOfflineCopy(src, dst, xml, spec.storage === 'shared');
      await refuseNoRoom(dst.lv, spec.dest, copies.needs);
      return { ...copies, nvram: await planNvramCopy(src, dst, xml), addresses: await this.planAddresses(spec, src, dst, dom) };
    });
    // Decided (and refused when another VM uses one) before anything changes.
    const seedPath = await this.seedPath(from, src.lv, dom);
    const seedCopied = plan.items.some((i) => i.path === seedPath);
    const owned = spec.deleteSource ? [...(await deletableVolumes(src.session, src.lv, dom)).delete, ...(seedCopied ? [seedPath!] : [])] : [];
    this.moving.add(dom.uuid);
    try {
      const moved = await this.copyAndDefine(spec, src, dst, dom, plan, ctx);
      await this.adopt(from, spec.dest, moved, row, plan.addresses);
      const deleted = await deleteVolumes(src.lv, owned);
      return {
        host: spec.dest, name: dom.name, uuid: dom.uuid, copiedDisks: plan.items.map((i) => i.path), deletedSourceVolumes: deleted,
        addresses: addressResult(plan.addresses), downtimeMs: null,
        seconds: Math.round(performance.now() - t0) / 1000,
      };
    } finally {
      this.moving.delete(dom.uuid);
    }
  }

  private async copyAndDefine(spec: MigrateSpec, src: Side, dst: Side, dom: DomainRef, plan: OfflineCopyPlan & { nvram: string | null }, ctx: TaskContext): Promise<DomainRef> {
    const made: StorageVolRef[] = [];
    let defined: DomainRef | null = null;
    let nvramCopied = false;
    try {
      await ctx.step('copy', async () => {
        await copyVolumes(src, dst, plan.items, made, ctx);
        if (plan.nvram !== null) {
          nvramCopied = true;
          await copyNvram(src, dst, plan.nvram);
        }
      });
      return await ctx.step('finish', async () => {
        defined = await dst.lv.domainDefineXml(await mappedXml(src.lv, dom, spec.networkMap, true), 0);
        await src.lv.domainUndefine(dom, UNDEFINE_WITH_METADATA);
        return defined;
      });
    } catch (err) {
      if (defined) await dst.lv.domainUndefine(defined, UNDEFINE_WITH_METADATA).catch(() => undefined);
      if (nvramCopied && plan.nvram !== null) await removeNvram(dst, plan.nvram).catch(() => undefined);
      for (const vol of made.reverse()) await dst.lv.storageVolDelete(vol, 0).catch(() => undefined);
      if (ctx.signal.aborted) throw ctx.signal.reason;
      throw new CoreError('migrate.failed', { vm: dom.name, host: spec.ref.host, dest: spec.dest, cause: errorReport(err) }, { cause: err });
    }
  }

  /**
   * The seed volume of a VM VirtDeck launched: with --delete-source it goes with the disks once copied (other
   * read-only images, a shared ISO, stay).
   */
  private async seedPath(host: string, lv: LibvirtApi, dom: DomainRef): Promise<string | null> {
    const inst = this.inventory.instances.getInstance(host, dom.uuid);
    return inst ? volumePath(lv, inst.pool, inst.seedVolume) : null;
  }

  private planAddresses(spec: MigrateSpec, src: Side, dst: Side, dom: DomainRef): Promise<AddressMove[]> {
    return planAddresses(this.inventory, this.ipam, src.lv, dst.lv, { from: spec.ref.host, dest: spec.dest, vmUuid: dom.uuid, networkMap: spec.networkMap, ip: spec.ip });
  }

  /** The inventory follows the VM: its row (lock, tags, history), its instance record and its addresses (address-move.ts). */
  private async adopt(from: string, to: string, dom: DomainRef, row: StoredVm, addresses: readonly AddressMove[]): Promise<void> {
    await applyAddresses(this.inventory, this.ipam, from, to, dom, addresses);
    this.inventory.instances.moveInstance(from, to, dom.uuid);
    return this.vms.moved(from, to, dom, row);
  }

  private async sequence(spec: MigrateSpec, src: LibvirtApi, dst: LibvirtApi, dom: DomainRef, plan: MigrationPlan, ctx: TaskContext): Promise<{ moved: DomainRef; downtimeMs: number | null }> {
    const flags = MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE | (plan.copied.length ? MigrateFlags.NON_SHARED_DISK : 0);
    let params: TypedParam[] = [str(MigrateParam.DEST_NAME, dom.name)];
    if (spec.bandwidthMiBps !== undefined) params.push({ field: MigrateParam.BANDWIDTH, type: TypedParamType.ULLONG, value: BigInt(spec.bandwidthMiBps) });
    if (Object.keys(spec.networkMap).length) {
      params.push(str(MigrateParam.DEST_XML, await mappedXml(src, dom, spec.networkMap, false)));
      params.push(str(MigrateParam.PERSIST_XML, await mappedXml(src, dom, spec.networkMap, true)));
    }
    const begin = await src.migrateBegin3Params(dom, params, flags);
    const prepared = await dst.migratePrepare3Params(withParam(params, str(MigrateParam.DEST_XML, begin.xml)), begin.cookie, flags);
    if (prepared.uri !== null) params = withParam(params, str(MigrateParam.URI, prepared.uri));
    let failure: unknown = null;
    let cookie: Uint8Array = new Uint8Array(0);
    let downtimeMs: number | null = null;
    try {
      ctx.signal.throwIfAborted();
      cookie = await this.watchJob(src, dom, spec.maxDowntimeMs, ctx, () => src.migratePerform3Params(dom, null, params, prepared.cookie, flags));
      downtimeMs = await src.domainGetJobStats(dom, JOB_STATS_COMPLETED).then((s) => numberOr(s.params.downtime, null), () => null);
    } catch (err) {
      failure = err;
    }
    let moved: DomainRef | null = null;
    try {
      const finished = await dst.migrateFinish3Params(params, cookie, flags, failure ? 1 : 0);
      moved = finished.dom;
      cookie = finished.cookie;
    } catch (err) {
      failure ??= err;
      cookie = new Uint8Array(0);
    }
    await src.migrateConfirm3Params(dom, params, cookie, flags, failure ? 1 : 0).catch((err: unknown) => {
      failure ??= err;
    });
    if (failure || !moved) {
      // libvirt leaves the disks it made for the copy on the target; they did not exist before (prechecked).
      await deleteVolumes(dst, plan.copied).catch(() => undefined);
      if (ctx.signal.aborted) throw ctx.signal.reason;
      throw new CoreError('migrate.failed', { vm: dom.name, host: spec.ref.host, dest: spec.dest, cause: errorReport(failure) }, { cause: failure });
    }
    return { moved, downtimeMs };
  }

  /** Runs Perform while polling the job for progress; cancel aborts the job (Perform then fails). */
  private async watchJob<T>(src: LibvirtApi, dom: DomainRef, maxDowntimeMs: number | undefined, ctx: TaskContext, perform: () => Promise<T>): Promise<T> {
    let done = false;
    const abort = (): void => void src.domainAbortJob(dom).catch(() => undefined);
    ctx.signal.addEventListener('abort', abort, { once: true });
    const poll = async (): Promise<void> => {
      let downtimeSet = maxDowntimeMs === undefined;
      while (!done) {
        const stats = await src.domainGetJobStats(dom, 0).catch(() => null);
        if (stats && stats.type !== JobType.NONE && !done) {
          if (!downtimeSet) downtimeSet = await src.domainMigrateSetMaxDowntime(dom, maxDowntimeMs!, 0).then(() => true, () => false);
          const p = stats.params;
          const total = numberOr(p.memory_total, 0) + numberOr(p.disk_total, 0);
          const doneBytes = numberOr(p.memory_processed, 0) + numberOr(p.disk_processed, 0);
          if (total > 0) ctx.progress(Math.min(0.99, doneBytes / total), report('note.migrated-of', { doneBytes, totalBytes: total }));
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    };
    const polling = poll();
    try {
      return await perform();
    } finally {
      done = true;
      ctx.signal.removeEventListener('abort', abort);
      await polling;
    }
  }
}

const addressResult = (moves: readonly AddressMove[]): MigrateResult['addresses'] => moves.map((m) => ({ network: m.to.network, ip: m.to.ip, kept: m.kept }));

const numberOr = <T>(v: unknown, fallback: T): number | T => (typeof v === 'number' ? v : fallback);

/** The path of a pool's volume, or null when either is gone. */
async function volumePath(lv: LibvirtApi, pool: string, volume: string): Promise<string | null> {
  try {
    return await lv.storageVolGetPath(await lv.storageVolLookupByName(await lv.storagePoolLookupByName(pool), volume));
  } catch {
    return null;
  }
}

/** Deletes the volumes at these paths on one host (those that exist); returns the deleted paths. */
async function deleteVolumes(lv: LibvirtApi, paths: readonly string[]): Promise<string[]> {
  const deleted: string[] = [];
  for (const path of paths) {
    const vol = await foundOrNull(lv.storageVolLookupByPath(path), VirErrorCode.NO_STORAGE_VOL);
    if (!vol) continue;
    await lv.storageVolDelete(vol, 0);
    deleted.push(path);
  }
  return deleted;
}
