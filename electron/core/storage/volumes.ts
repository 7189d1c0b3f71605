// Volumes of a pool: create (sized, preallocated, or as a linked clone on a backing file), full clone, resize,
// delete; every size is checked against the pool's free space first.
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { StorageVolCreateFlags, StorageVolResizeFlags, type StoragePoolRef } from '../../libvirt/protocol/index.js';
import type { PoolInfo, VolumeCreateOptions, VolumeInfo } from '../../../shared/model/storage.js';
import { CoreError, toCoreError } from '../errors.js';
import { libvirtError } from '../libvirt-errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { TaskService } from '../tasks/task-service.js';
import { readVolumeUsage, refuseUsed } from './host-volume-users.js';
import { findActivePool, findVolume, listVolumesOf, readPool, readVolume } from './storage-lookup.js';
import { withVolumeField } from './volume-fields.js';
import { readVolumeXml, validateVolumeSpec, volumeXml, type VolumeSpec } from './volume-spec.js';

export class VolumeService {
  constructor(
    private readonly hosts: HostRegistry,
    private readonly tasks: TaskService,
  ) {}

  async list(host: string, pool: string): Promise<VolumeInfo[]> {
    const lv = this.hosts.libvirt(host);
    return listVolumesOf(host, lv, await findActivePool(lv, host, pool));
  }

  async get(host: string, pool: string, name: string): Promise<VolumeInfo> {
    const lv = this.hosts.libvirt(host);
    const ref = await findActivePool(lv, host, pool);
    return readVolume(host, lv, await findVolume(lv, host, ref, name));
  }

  /** Every check create makes, without creating anything; its error names the option it is about (volume-fields.ts). */
  async check(host: string, pool: string, opts: VolumeCreateOptions): Promise<void> {
    await this.planned(host, pool, opts);
  }

  async create(host: string, pool: string, opts: VolumeCreateOptions): Promise<VolumeInfo> {
    const { lv, ref, spec } = await this.planned(host, pool, opts);
    const flags = spec.format === 'qcow2' && spec.preallocation !== 'off' ? StorageVolCreateFlags.PREALLOC_METADATA : 0;
    try {
      const vol = await lv.storageVolCreateXml(ref, volumeXml(spec), flags);
      return await readVolume(host, lv, vol);
    } catch (err) {
      throw libvirtError(err, 'volume.create-failed', { host, pool, volume: spec.name });
    }
  }

  /** The spec of a new volume once every check passed (backing found, name free, size fits the pool). */
  private async planned(host: string, pool: string, opts: VolumeCreateOptions): Promise<{ lv: LibvirtConnection; ref: StoragePoolRef; spec: VolumeSpec }> {
    try {
      const lv = this.hosts.libvirt(host);
      const ref = await findActivePool(lv, host, pool);
      let backing: VolumeSpec['backing'];
      let capacity = opts.capacity;
      if (opts.backing) {
        const base = opts.backing.startsWith('/')
          ? await lv.storageVolLookupByPath(opts.backing).catch(() => {
              throw new CoreError('volume.path-not-found', { host, path: opts.backing ?? '' });
            })
          : await findVolume(lv, host, ref, opts.backing);
        const x = readVolumeXml(await lv.storageVolGetXmlDesc(base));
        const baseInfo = await lv.storageVolGetInfo(base);
        backing = { path: x.path ?? (await lv.storageVolGetPath(base)), format: x.format ?? 'raw' };
        capacity ??= baseInfo.capacity;
        if (capacity < baseInfo.capacity) {
          throw new CoreError('volume.clone-smaller', { baseBytes: baseInfo.capacity });
        }
      }
      if (capacity === undefined) throw new CoreError('volume.size-required', {});
      const spec: VolumeSpec = {
        name: opts.name,
        capacity,
        format: opts.format ?? 'qcow2',
        preallocation: opts.preallocation ?? 'off',
        ...(backing ? { backing } : {}),
      };
      validateVolumeSpec(spec);
      const poolInfo = await readPool(host, lv, ref);
      await checkVolumeAbsent(lv, host, ref, spec.name);
      checkFits(poolInfo, spec.capacity, spec.preallocation === 'full' || poolInfo.type === 'logical' ? spec.capacity : 0, opts.overcommit ?? false);
      return { lv, ref, spec };
    } catch (err) {
      throw withVolumeField(toCoreError(err));
    }
  }

  /** Full copy of a volume (same format and size) under a new name, in the same pool. */
  async clone(host: string, pool: string, name: string, newName: string): Promise<VolumeInfo> {
    const lv = this.hosts.libvirt(host);
    const ref = await findActivePool(lv, host, pool);
    const src = await findVolume(lv, host, ref, name);
    const info = await lv.storageVolGetInfo(src);
    const x = readVolumeXml(await lv.storageVolGetXmlDesc(src));
    const spec: VolumeSpec = { name: newName, capacity: info.capacity, format: x.format === 'raw' ? 'raw' : 'qcow2', preallocation: 'off' };
    validateVolumeSpec(spec);
    await checkVolumeAbsent(lv, host, ref, newName);
    checkFits(await readPool(host, lv, ref), info.capacity, info.allocation, true);
    return this.tasks.run({ op: 'volume.clone', args: { pool, volume: name, newName }, host }, async () => {
      try {
        const vol = await lv.storageVolCreateXmlFrom(ref, volumeXml(spec), src);
        return await readVolume(host, lv, vol);
      } catch (err) {
        throw libvirtError(err, 'volume.clone-failed', { host, pool, volume: name });
      }
    });
  }

  async resize(host: string, pool: string, name: string, capacity: number, opts: { shrink?: boolean; overcommit?: boolean } = {}): Promise<VolumeInfo> {
    const lv = this.hosts.libvirt(host);
    const ref = await findActivePool(lv, host, pool);
    const vol = await findVolume(lv, host, ref, name);
    const info = await lv.storageVolGetInfo(vol);
    if (capacity === info.capacity) throw new CoreError('volume.same-size', { pool, volume: name, sizeBytes: capacity });
    if (capacity < info.capacity && !opts.shrink) throw new CoreError('volume.shrink', { newBytes: capacity, currentBytes: info.capacity });
    // Shrinking cuts off data at the end: not under anything that uses the volume.
    if (capacity < info.capacity) await this.refuseIfUsed(host, lv, pool, name, await lv.storageVolGetPath(vol));
    const poolInfo = await readPool(host, lv, ref);
    if (capacity > info.capacity) {
      const growth = capacity - info.capacity;
      checkFits(poolInfo, growth, poolInfo.type === 'logical' ? growth : 0, opts.overcommit ?? false);
    }
    try {
      await lv.storageVolResize(vol, capacity, capacity < info.capacity ? StorageVolResizeFlags.SHRINK : 0);
    } catch (err) {
      throw libvirtError(err, 'volume.resize-failed', { host, pool, volume: name });
    }
    return readVolume(host, lv, vol);
  }

  /** Deletes a volume; refused (nothing changes) while anything uses it: a VM, a snapshot, a clone built on it. */
  async delete(host: string, pool: string, name: string): Promise<void> {
    const lv = this.hosts.libvirt(host);
    const ref = await findActivePool(lv, host, pool);
    const vol = await findVolume(lv, host, ref, name);
    await this.refuseIfUsed(host, lv, pool, name, await lv.storageVolGetPath(vol));
    await lv.storageVolDelete(vol).catch((err: unknown) => {
      throw libvirtError(err, 'volume.delete-failed', { host, pool, volume: name });
    });
  }

  /** Refuses (volume.in-use) when a VM, snapshot or other volume uses the volume at `path`. */
  async refuseIfUsed(host: string, lv: LibvirtConnection, pool: string, name: string, path: string): Promise<void> {
    const usage = await readVolumeUsage(this.hosts.get(host), lv);
    refuseUsed(host, [{ volume: `${pool}/${name}`, users: usage.usersOf(path) }]);
  }
}

async function checkVolumeAbsent(lv: LibvirtConnection, host: string, pool: StoragePoolRef, name: string): Promise<void> {
  const found = await lv.storageVolLookupByName(pool, name).then(
    () => true,
    () => false,
  );
  if (found) throw new CoreError('volume.exists', { host, pool: pool.name, volume: name });
}

/** needNow: bytes taken at once; a thin volume's full size may exceed the free space only with overcommit. */
function checkFits(pool: PoolInfo, size: number, needNow: number, overcommit: boolean): void {
  const where = { host: pool.host, pool: pool.name, freeBytes: pool.available };
  if (needNow > pool.available) throw new CoreError('volume.no-space', { ...where, needBytes: needNow });
  if (size > pool.available && !overcommit) throw new CoreError('volume.overcommit', { ...where, sizeBytes: size });
}
