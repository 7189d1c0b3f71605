// `vol copy`: one volume to another host's pool (same name unless renamed), bytes through VirtDeck's two
// connections, SHA-256 checked on the target; what the target got is deleted again on failure or cancel.
import type { z } from 'zod';
import type { volumeCopyResult, volumeCopySpec } from '../../../shared/ipc/migration-schemas.js';
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
    return { host: spec.dest, pool, volume: name, path: r.path, bytes: r.bytes, sha256: r.sha256 };
  } catch (err) {
    for (const v of made) await dst.lv.storageVolDelete(v, 0).catch(() => undefined);
    throw ctx.signal.aborted ? ctx.signal.reason : err;
  }
}
