// Storage pools and volumes per host: validated definitions for dir/fs/netfs/logical/iscsi/rbd, lifecycle,
// delete with a plain statement of what is destroyed, volumes (create/clone/resize/delete/backing chains) and
// uploads/downloads as tasks with progress and SHA-256.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import {
  StoragePoolBuildFlags,
  StorageVolCreateFlags,
  StorageVolResizeFlags,
  type StoragePoolRef,
  type StorageVolRef,
} from '../../libvirt/protocol/index.js';
import { XmlDoc } from '../../libvirt/xml/xml-doc.js';
import {
  DISCOVERABLE_POOL_TYPES,
  type PoolDefineOptions,
  type PoolDeletePlan,
  type PoolInfo,
  type VolumeCreateOptions,
  type VolumeInfo,
} from '../../../shared/model/storage.js';
import { CoreError, errorMessage } from '../errors.js';
import { foundOr, foundOrNull, libvirtError } from '../libvirt-errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { TaskService } from '../tasks/task-service.js';
import type { UndoJournal } from '../tasks/undo-journal.js';
import { checkHostName, poolXml, readPoolXml, validatePoolSpec, type PoolSpec, type PoolType } from './pool-spec.js';
import { readPoolSources, type PoolSourceCandidate } from './pool-sources.js';
import { formatSize } from './sizes.js';
import { downloadFile, uploadFile, type TransferResult } from './transfer.js';
import {
  readVolumeXml,
  validateVolumeSpec,
  volumeXml,
  type VolumeFormat,
  type VolumeSpec,
} from './volume-spec.js';

export type { PoolDefineOptions, PoolDeletePlan, PoolInfo, VolumeCreateOptions, VolumeInfo };

const MAX_CHAIN = 16;
const DISCOVERABLE = DISCOVERABLE_POOL_TYPES;

export class StorageService {
  constructor(
    private readonly hosts: HostRegistry,
    private readonly tasks: TaskService,
    private readonly undo: UndoJournal,
  ) {}

  // --- pools ---

  async listPools(host?: string): Promise<PoolInfo[]> {
    const all = await Promise.all(
      this.hosts.namesOrOnline(host).map(async (h) => {
        const lv = this.hosts.libvirt(h);
        return Promise.all((await lv.listAllStoragePools()).map((p) => this.readPool(h, lv, p)));
      }),
    );
    return all.flat().sort((a, b) => a.host.localeCompare(b.host) || a.name.localeCompare(b.name));
  }

  async getPool(host: string, name: string): Promise<PoolInfo> {
    const lv = this.hosts.libvirt(host);
    return this.readPool(host, lv, await this.pool(lv, host, name));
  }

  /** What the host can find for a pool type: NFS exports of `sourceHost`, LVM volume groups, iSCSI targets. */
  async discoverSources(host: string, type: (typeof DISCOVERABLE)[number], sourceHost?: string): Promise<PoolSourceCandidate[]> {
    if (!DISCOVERABLE.includes(type)) throw new CoreError('invalid', `source discovery works for ${DISCOVERABLE.join(', ')}, not ${type}`);
    if (type !== 'logical' && !sourceHost) throw new CoreError('invalid', `discovering ${type} sources needs the server (--source-host)`);
    let spec: string | null = null;
    if (sourceHost) {
      checkHostName(sourceHost);
      const doc = XmlDoc.create({ root: 'source', namespaces: {}, order: {} });
      doc.setValue('host/@name', doc.root, sourceHost);
      spec = doc.toString();
    }
    try {
      return readPoolSources(await this.hosts.libvirt(host).findStoragePoolSources(type, spec));
    } catch (err) {
      throw libvirtError(err, `finding ${type} sources on ${host}`);
    }
  }

  /** Every check definePool makes before it changes anything (spec, name and target clashes, host paths); the spec with defaults. */
  async checkPool(host: string, input: PoolSpec, build: boolean): Promise<PoolSpec> {
    const spec = validatePoolSpec(input);
    const lv = this.hosts.libvirt(host);
    const existing = await Promise.all(
      (await lv.listAllStoragePools()).map(async (p) => ({ name: p.name, ...readPoolXml(await lv.storagePoolGetXmlDesc(p)) })),
    );
    if (existing.some((p) => p.name === spec.name)) throw new CoreError('exists', `a pool named "${spec.name}" already exists on ${host}`);
    const sameTarget = spec.type !== 'logical' && existing.find((p) => spec.target && p.targetPath === spec.target);
    if (sameTarget) throw new CoreError('invalid', `pool "${sameTarget.name}" on ${host} already uses ${spec.target}`);
    await this.checkHostPaths(host, spec, build);
    return spec;
  }

  /**
   * Validates the spec and the host's paths, then defines (and optionally builds/starts) the pool. All or nothing:
   * on a failure the definition goes, durably (over the host's next connection if this one dropped); anything
   * `build` created stays, and is named in the error.
   */
  async definePool(host: string, input: PoolSpec, opts: PoolDefineOptions = {}): Promise<PoolInfo> {
    const spec = await this.checkPool(host, input, opts.build ?? false);
    const lv = this.hosts.libvirt(host);
    const uuid = randomUUID();
    const undo = this.undo.begin(host, `define pool ${spec.name}`);
    try {
      const ref = await undo
        .attempt({ kind: 'remove-pool', uuid, name: spec.name }, () => lv.storagePoolDefineXml(poolXml(spec, uuid)))
        .catch((err: unknown) => {
          throw libvirtError(err, `defining pool "${spec.name}" on ${host}`);
        });
      try {
        if (opts.build) await this.build(lv, ref, spec.type);
        if (opts.start) await lv.storagePoolCreate(ref);
        if (opts.autostart) await lv.storagePoolSetAutostart(ref, true);
      } catch (err) {
        throw libvirtError(err, `pool "${spec.name}" on ${host} was not kept`);
      }
      this.undo.commit(undo);
      return await this.readPool(host, lv, ref);
    } catch (err) {
      const out = await this.undo.rollback(undo);
      if (!out.left.length) throw err;
      throw new CoreError(
        err instanceof CoreError ? err.code : 'libvirt',
        `${errorMessage(err)}; NOT undone yet: ${out.left.join(', ')} (${out.error}); VirtDeck finishes this when ${host} is connected again`,
        { cause: err },
      );
    }
  }

  async buildPool(host: string, name: string): Promise<PoolInfo> {
    return this.changePool(host, name, async (lv, ref) => {
      if (await lv.storagePoolIsActive(ref)) throw new CoreError('invalid', `pool "${name}" on ${host} is running; stop it before building`);
      await this.build(lv, ref, readPoolXml(await lv.storagePoolGetXmlDesc(ref)).type);
    });
  }

  async startPool(host: string, name: string): Promise<PoolInfo> {
    return this.changePool(host, name, async (lv, ref) => {
      if (await lv.storagePoolIsActive(ref)) throw new CoreError('invalid', `pool "${name}" on ${host} is already running`);
      await lv.storagePoolCreate(ref);
    });
  }

  async stopPool(host: string, name: string): Promise<PoolInfo> {
    return this.changePool(host, name, async (lv, ref) => {
      if (!(await lv.storagePoolIsActive(ref))) throw new CoreError('invalid', `pool "${name}" on ${host} is not running`);
      await lv.storagePoolDestroy(ref);
    });
  }

  async refreshPool(host: string, name: string): Promise<PoolInfo> {
    return this.changePool(host, name, (lv, ref) => lv.storagePoolRefresh(ref));
  }

  async setPoolAutostart(host: string, name: string, autostart: boolean): Promise<PoolInfo> {
    return this.changePool(host, name, (lv, ref) => lv.storagePoolSetAutostart(ref, autostart));
  }

  /** What deletePool would do, without doing it (the wizard shows this before asking to confirm). */
  async deletePlan(host: string, name: string, deleteData: boolean): Promise<PoolDeletePlan> {
    const lv = this.hosts.libvirt(host);
    const ref = await this.pool(lv, host, name);
    const info = await this.readPool(host, lv, ref);
    const active = info.state !== 'inactive';
    // mkfs's lost+found shows as a volume of an fs pool; it belongs to the filesystem, which stays.
    const volumes = (deleteData && active ? await this.listVolumesOf(host, lv, ref) : [])
      .filter((v) => !(info.type === 'fs' && v.type === 'dir' && v.name === 'lost+found'))
      .map((v) => ({ name: v.name, path: v.path, allocation: v.allocation }));
    const where = info.targetPath ?? info.source ?? '';
    const parts = [`Removes the definition of pool "${name}" on ${host}${active ? ' (stopping it first)' : ''}.`];
    if (!deleteData) {
      parts.push(`Its data stays${where ? ` in ${where}` : ''}; define the pool again to use it.`);
    } else {
      if (info.type === 'iscsi' || info.type === 'rbd') {
        throw new CoreError('invalid', `VirtDeck does not delete the data of ${info.type} pools; remove the definition only (without --delete-data)`);
      }
      if (!active) {
        throw new CoreError('invalid', `pool "${name}" on ${host} is not running, so its volumes cannot be listed; start it, or delete without --delete-data`);
      }
      const total = volumes.reduce((s, v) => s + v.allocation, 0);
      const list = volumes.length ? `: ${volumes.map((v) => v.name).join(', ')}` : '';
      parts.push(`DESTROYS ${volumes.length} volume(s) using ${formatSize(total)}${list}.`);
      if (info.type === 'dir') parts.push(`Then removes the directory ${info.targetPath}.`);
      if (info.type === 'fs') parts.push(`Then unmounts ${info.source} and removes the mount point ${info.targetPath}; the filesystem on the device stays.`);
      if (info.type === 'netfs') parts.push(`The files are deleted on the server (${info.source}); then the mount point ${info.targetPath} is removed.`);
      if (info.type === 'logical') parts.push(`Then removes the volume group (${info.source}) and the LVM labels of its physical volumes.`);
    }
    return { host, pool: name, deleteData, stop: active, volumes, statement: parts.join(' ') };
  }

  /** Stops and undefines the pool; with deleteData first deletes every volume and then the pool's storage. */
  async deletePool(host: string, name: string, deleteData: boolean): Promise<PoolDeletePlan> {
    const plan = await this.deletePlan(host, name, deleteData);
    const steps = [...(deleteData ? ['delete volumes'] : []), ...(plan.stop ? ['stop'] : []), ...(deleteData ? ['delete storage'] : []), 'undefine'];
    await this.tasks.run({ op: 'pool.delete', args: { pool: name }, host, steps }, async (ctx) => {
      const lv = this.hosts.libvirt(host);
      const ref = await this.pool(lv, host, name);
      const run = (step: string, fn: () => Promise<void>): Promise<void> =>
        ctx.step(step, () => fn().catch((err: unknown) => Promise.reject(libvirtError(err, `${step} of pool "${name}" on ${host}`))));
      if (deleteData) {
        await run('delete volumes', async () => {
          for (const v of plan.volumes) await lv.storageVolDelete(await lv.storageVolLookupByName(ref, v.name));
        });
      }
      if (plan.stop) await run('stop', () => lv.storagePoolDestroy(ref));
      if (deleteData) await run('delete storage', () => lv.storagePoolDelete(ref));
      await run('undefine', () => lv.storagePoolUndefine(ref));
    });
    return plan;
  }

  // --- volumes ---

  async listVolumes(host: string, pool: string): Promise<VolumeInfo[]> {
    const lv = this.hosts.libvirt(host);
    return this.listVolumesOf(host, lv, await this.activePool(lv, host, pool));
  }

  async getVolume(host: string, pool: string, name: string): Promise<VolumeInfo> {
    const lv = this.hosts.libvirt(host);
    const ref = await this.activePool(lv, host, pool);
    return this.readVolume(host, lv, await this.volume(lv, host, ref, name));
  }

  async createVolume(host: string, pool: string, opts: VolumeCreateOptions): Promise<VolumeInfo> {
    const lv = this.hosts.libvirt(host);
    const ref = await this.activePool(lv, host, pool);
    let backing: VolumeSpec['backing'];
    let capacity = opts.capacity;
    if (opts.backing) {
      const base = opts.backing.startsWith('/')
        ? await lv.storageVolLookupByPath(opts.backing).catch(() => {
            throw new CoreError('not-found', `no volume at ${opts.backing} on ${host}`);
          })
        : await this.volume(lv, host, ref, opts.backing);
      const x = readVolumeXml(await lv.storageVolGetXmlDesc(base));
      const baseInfo = await lv.storageVolGetInfo(base);
      backing = { path: x.path ?? (await lv.storageVolGetPath(base)), format: x.format ?? 'raw' };
      capacity ??= baseInfo.capacity;
      if (capacity < baseInfo.capacity) {
        throw new CoreError('invalid', `a linked clone cannot be smaller than its base (${formatSize(baseInfo.capacity)})`);
      }
    }
    if (capacity === undefined) throw new CoreError('invalid', 'a volume needs a size (e.g. 10G)');
    const spec: VolumeSpec = {
      name: opts.name,
      capacity,
      format: opts.format ?? 'qcow2',
      preallocation: opts.preallocation ?? 'off',
      ...(backing ? { backing } : {}),
    };
    validateVolumeSpec(spec);
    const poolInfo = await this.readPool(host, lv, ref);
    await this.checkVolumeAbsent(lv, host, ref, spec.name);
    this.checkFits(poolInfo, spec.capacity, spec.preallocation === 'full' || poolInfo.type === 'logical' ? spec.capacity : 0, opts.overcommit ?? false);
    const flags = spec.format === 'qcow2' && spec.preallocation !== 'off' ? StorageVolCreateFlags.PREALLOC_METADATA : 0;
    try {
      const vol = await lv.storageVolCreateXml(ref, volumeXml(spec), flags);
      return await this.readVolume(host, lv, vol);
    } catch (err) {
      throw libvirtError(err, `creating volume "${spec.name}" in ${host}/${pool}`);
    }
  }

  /** Full copy of a volume (same format and size) under a new name, in the same pool. */
  async cloneVolume(host: string, pool: string, name: string, newName: string): Promise<VolumeInfo> {
    const lv = this.hosts.libvirt(host);
    const ref = await this.activePool(lv, host, pool);
    const src = await this.volume(lv, host, ref, name);
    const info = await lv.storageVolGetInfo(src);
    const x = readVolumeXml(await lv.storageVolGetXmlDesc(src));
    const spec: VolumeSpec = { name: newName, capacity: info.capacity, format: x.format === 'raw' ? 'raw' : 'qcow2', preallocation: 'off' };
    validateVolumeSpec(spec);
    await this.checkVolumeAbsent(lv, host, ref, newName);
    this.checkFits(await this.readPool(host, lv, ref), info.capacity, info.allocation, true);
    return this.tasks.run({ op: 'volume.clone', args: { pool, volume: name, newName }, host }, async () => {
      try {
        const vol = await lv.storageVolCreateXmlFrom(ref, volumeXml(spec), src);
        return await this.readVolume(host, lv, vol);
      } catch (err) {
        throw libvirtError(err, `cloning ${pool}/${name} on ${host}`);
      }
    });
  }

  async resizeVolume(host: string, pool: string, name: string, capacity: number, opts: { shrink?: boolean; overcommit?: boolean } = {}): Promise<VolumeInfo> {
    const lv = this.hosts.libvirt(host);
    const ref = await this.activePool(lv, host, pool);
    const vol = await this.volume(lv, host, ref, name);
    const info = await lv.storageVolGetInfo(vol);
    if (capacity === info.capacity) throw new CoreError('invalid', `${pool}/${name} is already ${formatSize(capacity)}`);
    if (capacity < info.capacity && !opts.shrink) {
      throw new CoreError(
        'invalid',
        `${formatSize(capacity)} is smaller than the current ${formatSize(info.capacity)}; shrinking loses the data past the new end (pass --shrink to do it)`,
      );
    }
    const poolInfo = await this.readPool(host, lv, ref);
    if (capacity > info.capacity) {
      const growth = capacity - info.capacity;
      this.checkFits(poolInfo, growth, poolInfo.type === 'logical' ? growth : 0, opts.overcommit ?? false);
    }
    try {
      await lv.storageVolResize(vol, capacity, capacity < info.capacity ? StorageVolResizeFlags.SHRINK : 0);
    } catch (err) {
      throw libvirtError(err, `resizing ${pool}/${name} on ${host}`);
    }
    return this.readVolume(host, lv, vol);
  }

  /** Deletes a volume; refuses when another volume of the pool is built on it (a linked clone's base). */
  async deleteVolume(host: string, pool: string, name: string): Promise<void> {
    const lv = this.hosts.libvirt(host);
    const ref = await this.activePool(lv, host, pool);
    const vol = await this.volume(lv, host, ref, name);
    const path = await lv.storageVolGetPath(vol);
    const dependents = (await this.listVolumesOf(host, lv, ref)).filter((v) => v.backingChain.includes(path));
    if (dependents.length) {
      throw new CoreError('invalid', `${pool}/${name} is the base of ${dependents.map((v) => v.name).join(', ')}; delete those first`);
    }
    await lv.storageVolDelete(vol).catch((err: unknown) => {
      throw libvirtError(err, `deleting ${pool}/${name} on ${host}`);
    });
  }

  /**
   * Uploads a local file into a volume (a task with progress). A missing volume is created first with the file's
   * size, as qcow2 when the file is a qcow2 image, else raw.
   */
  async uploadVolume(host: string, pool: string, name: string, file: string): Promise<TransferResult & { created: boolean }> {
    const size = (await stat(file).catch(() => {
      throw new CoreError('not-found', `no local file ${file}`);
    })).size;
    const lv = this.hosts.libvirt(host);
    const ref = await this.activePool(lv, host, pool);
    let vol = await foundOrNull(lv.storageVolLookupByName(ref, name), VirErrorCode.NO_STORAGE_VOL);
    const created = vol === null;
    if (vol) {
      const info = await lv.storageVolGetInfo(vol);
      const format = readVolumeXml(await lv.storageVolGetXmlDesc(vol)).format;
      if (format === 'raw' && size > info.capacity) {
        throw new CoreError('invalid', `${file} (${formatSize(size)}) is larger than ${pool}/${name} (${formatSize(info.capacity)})`);
      }
    } else {
      const image = await imageFormat(file);
      await this.createVolume(host, pool, { name, capacity: image.virtualSize ?? size, format: image.format });
      vol = await lv.storageVolLookupByName(ref, name);
    }
    const target = vol;
    const result = await this.tasks.run(
      { op: 'volume.upload', args: { pool, volume: name, file }, host, cancellable: true, steps: ['upload', 'refresh'] },
      async (ctx) => {
        const r = await ctx.step('upload', () => uploadFile(lv, target, file, ctx)).catch(async (err: unknown) => {
          if (created) await lv.storageVolDelete(target).catch(() => undefined);
          throw libvirtError(err, `uploading to ${pool}/${name} on ${host}`);
        });
        await ctx.step('refresh', () => lv.storagePoolRefresh(ref));
        return r;
      },
    );
    return { ...result, created };
  }

  /** Downloads a volume into a new local file (a task with progress); an existing file is never overwritten. */
  async downloadVolume(host: string, pool: string, name: string, file: string): Promise<TransferResult> {
    if (existsSync(file)) throw new CoreError('exists', `${file} already exists; choose a new file name`);
    const lv = this.hosts.libvirt(host);
    const ref = await this.activePool(lv, host, pool);
    const vol = await this.volume(lv, host, ref, name);
    const info = await lv.storageVolGetInfo(vol);
    const format = readVolumeXml(await lv.storageVolGetXmlDesc(vol)).format;
    const expected = format === 'raw' || info.type === 'block' ? info.capacity : info.allocation;
    return this.tasks.run(
      { op: 'volume.download', args: { pool, volume: name, file }, host, cancellable: true },
      (ctx) =>
        downloadFile(lv, vol, file, expected, ctx).catch((err: unknown) => {
          throw libvirtError(err, `downloading ${pool}/${name} from ${host}`);
        }),
    );
  }

  // --- internals ---

  private pool(lv: LibvirtConnection, host: string, name: string): Promise<StoragePoolRef> {
    return foundOr(lv.storagePoolLookupByName(name), VirErrorCode.NO_STORAGE_POOL, `no pool "${name}" on host ${host}`);
  }

  private async activePool(lv: LibvirtConnection, host: string, name: string): Promise<StoragePoolRef> {
    const ref = await this.pool(lv, host, name);
    if (!(await lv.storagePoolIsActive(ref))) throw new CoreError('invalid', `pool "${name}" on ${host} is not running; start it first`);
    return ref;
  }

  private volume(lv: LibvirtConnection, host: string, pool: StoragePoolRef, name: string): Promise<StorageVolRef> {
    return foundOr(lv.storageVolLookupByName(pool, name), VirErrorCode.NO_STORAGE_VOL, `no volume "${name}" in pool ${pool.name} on host ${host}`);
  }

  private async checkVolumeAbsent(lv: LibvirtConnection, host: string, pool: StoragePoolRef, name: string): Promise<void> {
    const found = await lv.storageVolLookupByName(pool, name).then(
      () => true,
      () => false,
    );
    if (found) throw new CoreError('exists', `volume "${name}" already exists in ${host}/${pool.name}`);
  }

  /** needNow: bytes taken at once; a thin volume's full size may exceed the free space only with overcommit. */
  private checkFits(pool: PoolInfo, size: number, needNow: number, overcommit: boolean): void {
    const where = `pool "${pool.name}" on ${pool.host}`;
    if (needNow > pool.available) {
      throw new CoreError('invalid', `${formatSize(needNow)} does not fit in ${where}: only ${formatSize(pool.available)} free`);
    }
    if (size > pool.available && !overcommit) {
      throw new CoreError(
        'invalid',
        `${formatSize(size)} is more than the ${formatSize(pool.available)} free in ${where}; pass --overcommit for a thin volume that may outgrow it`,
      );
    }
  }

  private async checkHostPaths(host: string, spec: PoolSpec, build: boolean): Promise<void> {
    const session = this.hosts.get(host);
    const needDir = async (what: string, path: string): Promise<void> => {
      const kind = await session.transport.stat(path);
      if (kind === 'missing' && !build) {
        throw new CoreError('invalid', `${what} ${path} does not exist on ${host}; create it, or build the pool (--build) to have it created`);
      }
      if (kind !== 'missing' && kind !== 'directory' && kind !== 'unknown') throw new CoreError('invalid', `${what} ${path} on ${host} is not a directory`);
    };
    const needBlock = async (what: string, path: string): Promise<void> => {
      const kind = await session.transport.stat(path);
      if (kind === 'missing') throw new CoreError('invalid', `${what} ${path} does not exist on ${host}`);
      if (kind === 'file') {
        throw new CoreError('invalid', `${what} ${path} on ${host} is a regular file; attach it as a loop device (losetup) and use /dev/loopN`);
      }
      if (kind !== 'block' && kind !== 'unknown') throw new CoreError('invalid', `${what} ${path} on ${host} is not a block device`);
    };
    if (spec.type === 'dir' && spec.target) await needDir('target directory', spec.target);
    if ((spec.type === 'fs' || spec.type === 'netfs') && spec.target) await needDir('mount point', spec.target);
    if (spec.type === 'fs' && spec.device) await needBlock('source device', spec.device);
    if (spec.type === 'logical' && build) {
      if (!spec.devices?.length) throw new CoreError('invalid', 'building a logical pool needs its physical volumes (--device, repeatable)');
      for (const d of spec.devices) await needBlock('physical volume', d);
    }
  }

  /** fs and logical never overwrite an existing filesystem / LVM label; dir and netfs only create the directory. */
  private async build(lv: LibvirtConnection, ref: StoragePoolRef, type: PoolType | string): Promise<void> {
    const flags = type === 'fs' || type === 'logical' ? StoragePoolBuildFlags.NO_OVERWRITE : StoragePoolBuildFlags.NEW;
    await lv.storagePoolBuild(ref, flags);
  }

  private async changePool(
    host: string,
    name: string,
    fn: (lv: LibvirtConnection, ref: StoragePoolRef) => Promise<void>,
  ): Promise<PoolInfo> {
    const lv = this.hosts.libvirt(host);
    const ref = await this.pool(lv, host, name);
    try {
      await fn(lv, ref);
    } catch (err) {
      throw libvirtError(err, `pool "${name}" on ${host}`);
    }
    return this.readPool(host, lv, ref);
  }

  private async readPool(host: string, lv: LibvirtConnection, ref: StoragePoolRef): Promise<PoolInfo> {
    const [info, xml, autostart] = await Promise.all([
      lv.storagePoolGetInfo(ref),
      lv.storagePoolGetXmlDesc(ref),
      lv.storagePoolGetAutostart(ref),
    ]);
    const x = readPoolXml(xml);
    return {
      host,
      name: ref.name,
      uuid: ref.uuid,
      type: x.type,
      state: info.state,
      autostart,
      capacity: info.capacity,
      allocation: info.allocation,
      available: info.available,
      targetPath: x.targetPath,
      source: x.source,
    };
  }

  private async listVolumesOf(host: string, lv: LibvirtConnection, ref: StoragePoolRef): Promise<VolumeInfo[]> {
    const vols = await lv.storagePoolListAllVolumes(ref);
    const infos = await Promise.all(vols.map((v) => this.readVolume(host, lv, v)));
    return infos.sort((a, b) => a.name.localeCompare(b.name));
  }

  private async readVolume(host: string, lv: LibvirtConnection, vol: StorageVolRef): Promise<VolumeInfo> {
    const [info, xml] = await Promise.all([lv.storageVolGetInfo(vol), lv.storageVolGetXmlDesc(vol)]);
    const x = readVolumeXml(xml);
    const chain: string[] = [];
    let next = x.backing;
    // Each volume's XML names only its direct backing file: follow known volumes down to the base.
    while (next && chain.length < MAX_CHAIN && !chain.includes(next.path)) {
      chain.push(next.path);
      const base = await lv.storageVolLookupByPath(next.path).catch(() => null);
      next = base ? readVolumeXml(await lv.storageVolGetXmlDesc(base)).backing : null;
    }
    return {
      host,
      pool: vol.pool,
      name: vol.name,
      key: vol.key,
      path: x.path ?? vol.key,
      type: info.type,
      format: x.format,
      capacity: info.capacity,
      allocation: info.allocation,
      backingChain: chain,
    };
  }
}

/** qcow2 files start with "QFI\xfb" and carry their virtual size at byte 24 (big-endian u64). */
async function imageFormat(file: string): Promise<{ format: VolumeFormat; virtualSize: number | null }> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(32);
    const { bytesRead } = await fh.read(head, 0, 32, 0);
    if (bytesRead === 32 && head.readUInt32BE(0) === 0x514649fb) return { format: 'qcow2', virtualSize: Number(head.readBigUInt64BE(24)) };
    return { format: 'raw', virtualSize: null };
  } finally {
    await fh.close();
  }
}

