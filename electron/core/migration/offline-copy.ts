// Offline migration's disks: every volume a shut-off VM uses, with its backing chain, copied host → host through
// VirtDeck's two connections (no trust between the hosts), bases first, each checked by SHA-256 on the target. A
// base the target has already is kept when its SHA-256 is the same; anything else in the way is refused.
import { basename, dirname } from 'node:path';
import { report } from '../../../shared/model/errors.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import type { StoragePoolRef, StorageVolRef } from '../../libvirt/protocol/index.js';
import type { DomainXml } from '../../libvirt/xml/domain.js';
import { PoolXml } from '../../libvirt/xml/pool.js';
import { VolumeXml } from '../../libvirt/xml/volume.js';
import { CoreError } from '../errors.js';
import type { HostSession } from '../hosts/host-session.js';
import { foundOrNull } from '../libvirt-errors.js';
import { diskPath } from '../storage/disk-path.js';
import { hostSha256 } from '../storage/host-sha256.js';
import { copyVolume } from '../storage/transfer-streams.js';
import type { TaskContext } from '../tasks/task-service.js';
import type { TransferVia } from '../storage/volume-file.js';

export interface Side {
  session: HostSession;
  lv: LibvirtConnection;
}

export interface CopyItem {
  path: string;
  vol: StorageVolRef;
  xml: VolumeXml;
  bytes: number;
}

export interface OfflineCopyPlan {
  items: CopyItem[];
  /** Bytes per target directory (each needs a pool there with that much room). */
  needs: Map<string, number>;
}

/** SHA-256 (hex) of a file on the host. */
export async function sha256(side: Side, path: string): Promise<string> {
  return hostSha256(side.session, path);
}

/** Whether the file at this path has the same SHA-256 on both hosts. */
export async function sameBytes(src: Side, dst: Side, path: string): Promise<boolean> {
  return (await sha256(src, path)) === (await sha256(dst, path));
}

/**
 * What to copy for a shut-off VM's disks (bases first); refuses a path the target has with other content. With
 * shared storage nothing is copied, and every disk must be there already.
 */
export async function planOfflineCopy(src: Side, dst: Side, xml: DomainXml, shared: boolean): Promise<OfflineCopyPlan> {
  const plan: OfflineCopyPlan = { items: [], needs: new Map() };
  const seen = new Set<string>();
  const dest = dst.session.config.name;
  for (const disk of xml.disks) {
    const top = await diskPath(src.lv, disk);
    if (top === null) continue;
    if (shared) {
      if (!(await foundOrNull(dst.lv.storageVolLookupByPath(top), VirErrorCode.NO_STORAGE_VOL))) throw new CoreError('migrate.disk-missing', { host: dest, path: top });
      continue;
    }
    await planChain(src, dst, top, !disk.readonly && !disk.shareable, seen, plan);
  }
  return plan;
}

/**
 * Adds the volumes from `top` down its backing chain that the target lacks (bases first) to the plan. The target
 * may have a base already (same path, same SHA-256); `ownTop`: the top is the VM's own and may not be there at all.
 */
export async function planChain(src: Side, dst: Side, top: string, ownTop: boolean, seen: Set<string>, plan: OfflineCopyPlan): Promise<void> {
  const dest = dst.session.config.name;
  const chain: CopyItem[] = [];
  for (let path: string | null = top; path !== null && !seen.has(path); ) {
    seen.add(path);
    const vol = await foundOrNull(src.lv.storageVolLookupByPath(path), VirErrorCode.NO_STORAGE_VOL);
    if (!vol) throw new CoreError('migrate.disk-missing', { host: src.session.config.name, path });
    const item = await copyItem(src.lv, vol, path);
    chain.push(item);
    path = item.xml.backingStorePath;
  }
  for (const item of chain.reverse()) {
    const there = await foundOrNull(dst.lv.storageVolLookupByPath(item.path), VirErrorCode.NO_STORAGE_VOL);
    if (there) {
      if ((item.path === top && ownTop) || !(await sameBytes(src, dst, item.path))) throw new CoreError('migrate.volume-exists', { host: dest, path: item.path });
      continue;
    }
    plan.items.push(item);
    plan.needs.set(dirname(item.path), (plan.needs.get(dirname(item.path)) ?? 0) + item.bytes);
  }
}

/**
 * Copies the planned volumes into the target's pools; `made` gets each volume created on the target (for undo)
 * before its bytes travel.
 */
export async function copyVolumes(src: Side, dst: Side, items: readonly CopyItem[], made: MadeVolumes, ctx: TaskContext): Promise<void> {
  const dest = dst.session.config.name;
  const pools = await poolsByTarget(dst.lv);
  for (const item of items) {
    const pool = pools.find((p) => p.target === dirname(item.path));
    if (!pool) throw new CoreError('migrate.no-pool', { host: dest, path: dirname(item.path) });
    await copyOne(src, dst, item, { pool: pool.ref, name: basename(item.path) }, made, ctx);
  }
}

/**
 * One volume into a new one of the target pool (same format, size and backing file), its bytes through VirtDeck,
 * then the target's SHA-256 compared with the bytes sent. The new volume is in `made` before its bytes travel.
 */
export async function copyOne(src: Side, dst: Side, item: CopyItem, to: { pool: StoragePoolRef; name: string }, made: MadeVolumes, ctx: TaskContext): Promise<CopyResult> {
  const { capacity } = await src.lv.storageVolGetInfo(item.vol);
  const xml = VolumeXml.create({
    name: to.name,
    capacityBytes: capacity,
    ...(item.xml.targetFormat ? { format: item.xml.targetFormat } : {}),
    ...(item.xml.backingStorePath ? { backingStorePath: item.xml.backingStorePath, backingStoreFormat: item.xml.backingStoreFormat ?? 'raw' } : {}),
  });
  const vol = await dst.lv.storageVolCreateXml(to.pool, xml.toXml(), 0);
  made.push(vol);
  const moved = await copyVolume({ ...src, vol: item.vol }, { ...dst, vol }, item.bytes, ctx, (doneBytes, totalBytes) =>
    report('note.copied-of', { path: item.path, doneBytes, totalBytes }));
  const path = await dst.lv.storageVolGetPath(vol);
  // Written behind libvirt's back: it learns the file's new size and format details again.
  if (moved.via === 'ssh') await dst.lv.storagePoolRefresh(to.pool, 0);
  return { vol, path, bytes: moved.bytes, sha256: moved.sha256, via: moved.via };
}

/** Where a copy notes each volume it created (a list, or a clone's undo journal). */
export interface MadeVolumes {
  push(vol: StorageVolRef): unknown;
}

export interface CopyResult {
  vol: StorageVolRef;
  path: string;
  bytes: number;
  sha256: string;
  via: TransferVia;
}

/** What copying one volume needs to know of it (a download streams every byte of raw, the file of any other format). */
export async function copyItem(lv: LibvirtConnection, vol: StorageVolRef, path: string): Promise<CopyItem> {
  const xml = VolumeXml.parse(await lv.storageVolGetXmlDesc(vol, 0));
  const info = await lv.storageVolGetInfo(vol);
  return { path, vol, xml, bytes: xml.targetFormat === 'raw' ? info.capacity : info.allocation };
}

/** The host's pools with the directory each keeps its volumes in. */
export async function poolsByTarget(lv: LibvirtApi): Promise<Array<{ ref: StoragePoolRef; target: string | null }>> {
  return Promise.all(
    (await lv.listAllStoragePools()).map(async (ref) => ({ ref, target: PoolXml.parse(await lv.storagePoolGetXmlDesc(ref, 0)).targetPath })),
  );
}
