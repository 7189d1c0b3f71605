// `vol copy` / `image copy`: one volume to another host's pool (same name unless renamed), bytes through VirtDeck's two
// connections, SHA-256 checked on the target; what the target got is deleted again on failure or cancel.
import type { z } from 'zod';
import type { imageCopyResult, imageCopySpec, volumeCopyResult, volumeCopySpec } from '../../../shared/ipc/migration-schemas.js';
import type { Inventory } from '../../inventory/inventory.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import type { StorageVolRef } from '../../libvirt/protocol/index.js';
import { CoreError } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { foundOrNull } from '../libvirt-errors.js';
import { findActivePool, findVolume } from '../storage/storage-lookup.js';
import type { TaskContext } from '../tasks/task-service.js';
import { copyItem, copyOne, type Side } from './offline-copy.js';

export type VolumeCopySpec = z.output<typeof volumeCopySpec>;
export type VolumeCopyResult = z.output<typeof volumeCopyResult>;
export type ImageCopySpec = z.output<typeof imageCopySpec>;
export type ImageCopyResult = z.output<typeof imageCopyResult>;

export async function copyVolumeToHost(hosts: HostRegistry, spec: VolumeCopySpec, ctx: TaskContext): Promise<VolumeCopyResult> {
  if (spec.dest === spec.host) throw new CoreError('migrate.same-host', { host: spec.host });
  const src: Side = { session: hosts.get(spec.host), lv: hosts.libvirt(spec.host) };
  const dst: Side = { session: hosts.get(spec.dest), lv: hosts.libvirt(spec.dest) };
  const vol = await findVolume(src.lv, spec.host, await findActivePool(src.lv, spec.host, spec.pool), spec.volume);
  const pool = spec.destPool ?? spec.pool;
  const name = spec.newName ?? spec.volume;
  const target = await findActivePool(dst.lv, spec.dest, pool);
  if (await foundOrNull(dst.lv.storageVolLookupByName(target, name), VirErrorCode.NO_STORAGE_VOL)) {
    throw new CoreError('volume.exists', { host: spec.dest, pool, volume: name });
  }
  const item = await copyItem(src.lv, vol, await src.lv.storageVolGetPath(vol));
  const base = item.xml.backingStorePath;
  if (base && !(await foundOrNull(dst.lv.storageVolLookupByPath(base), VirErrorCode.NO_STORAGE_VOL))) {
    throw new CoreError('migrate.disk-missing', { host: spec.dest, path: base });
  }
  const { available } = await dst.lv.storagePoolGetInfo(target);
  if (available < item.bytes) throw new CoreError('migrate.no-space', { host: spec.dest, pool, needBytes: item.bytes, freeBytes: available });
  const made: StorageVolRef[] = [];
  try {
    const r = await copyOne(src, dst, item, { pool: target, name }, made, ctx);
    return { host: spec.dest, pool, volume: name, path: r.path, bytes: r.bytes, sha256: r.sha256, via: r.via };
  } catch (err) {
    for (const v of made) await dst.lv.storageVolDelete(v, 0).catch(() => undefined);
    throw ctx.signal.aborted ? ctx.signal.reason : err;
  }
}

/**
 * `image copy`: a registered image's volume to the same pool on another host, registered there with the same name,
 * source and user. An image whose recorded SHA-256 the copy does not match is not registered (the copy is deleted).
 */
export async function copyImageToHost(hosts: HostRegistry, inventory: Inventory, spec: ImageCopySpec, ctx: TaskContext): Promise<ImageCopyResult> {
  const store = inventory.instances;
  const img = store.getImage(spec.host, spec.name);
  if (!img) throw new CoreError('image.not-found', { host: spec.host, name: spec.name, registered: store.listImages(spec.host).map((i) => i.name) });
  if (store.getImage(spec.dest, spec.name)) throw new CoreError('image.exists', { host: spec.dest, name: spec.name });
  const r = await copyVolumeToHost(hosts, { host: spec.host, pool: img.pool, volume: img.volume, dest: spec.dest }, ctx);
  if (img.sha256 !== null && img.sha256 !== r.sha256) {
    const lv = hosts.libvirt(spec.dest);
    await lv.storageVolDelete(await lv.storageVolLookupByPath(r.path), 0).catch(() => undefined);
    throw new CoreError('migrate.checksum-mismatch', { host: spec.dest, path: r.path, expected: img.sha256, actual: r.sha256 });
  }
  store.addImage({ ...img, host: spec.dest, sha256: r.sha256, addedAt: new Date().toISOString() });
  return { ...r, name: spec.name };
}
