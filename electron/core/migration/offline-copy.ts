// Offline migration's disks: every volume a shut-off VM uses, with its backing chain, copied host → host through
// VirtDeck's two connections (no trust between the hosts), bases first, each checked by SHA-256 on the target. A
// base the target has already is kept when its SHA-256 is the same; anything else in the way is refused.
import { basename, dirname } from 'node:path';
import { report } from '../../../shared/model/errors.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import type { StoragePoolRef, StorageVolRef } from '../../libvirt/protocol/index.js';
import type { DomainXml } from '../../libvirt/xml/domain.js';
import { VolumeXml } from '../../libvirt/xml/volume.js';
import { CoreError } from '../errors.js';
import { hostRun } from '../hosts/host-exec.js';
import type { HostSession } from '../hosts/host-session.js';
import { foundOrNull } from '../libvirt-errors.js';
import { diskPath } from '../storage/disk-path.js';
import { copyVolume } from '../storage/transfer-streams.js';
import type { TaskContext } from '../tasks/task-service.js';
import { poolsByTarget } from './migration-precheck.js';

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

async function sha256(side: Side, path: string): Promise<string> {
  return (await hostRun(side.session, 'migrate.checksum-failed', ['sha256sum', '--', path])).split(/\s/)[0] ?? '';
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
        const own = item.path === top && !disk.readonly && !disk.shareable;
        if (own || (await sha256(src, item.path)) !== (await sha256(dst, item.path))) throw new CoreError('migrate.volume-exists', { host: dest, path: item.path });
        continue;
      }
      plan.items.push(item);
      plan.needs.set(dirname(item.path), (plan.needs.get(dirname(item.path)) ?? 0) + item.bytes);
    }
  }
  return plan;
}

/**
 * Copies the planned volumes into the target's pools; `made` gets each volume created on the target (for undo)
 * before its bytes travel.
 */
export async function copyVolumes(src: Side, dst: Side, plan: OfflineCopyPlan, made: StorageVolRef[], ctx: TaskContext): Promise<void> {
  const dest = dst.session.config.name;
  const pools = await poolsByTarget(dst.lv);
  for (const item of plan.items) {
    const pool = pools.find((p) => p.target === dirname(item.path));
    if (!pool) throw new CoreError('migrate.no-pool', { host: dest, path: dirname(item.path) });
    await copyOne(src, dst, item, { pool: pool.ref, name: basename(item.path) }, made, ctx);
  }
}

/**
 * One volume into a new one of the target pool (same format, size and backing file), its bytes through VirtDeck,
 * then the target's SHA-256 compared with the bytes sent. The new volume is in `made` before its bytes travel.
 */
export async function copyOne(src: Side, dst: Side, item: CopyItem, to: { pool: StoragePoolRef; name: string }, made: StorageVolRef[], ctx: TaskContext): Promise<CopyResult> {
  const { capacity } = await src.lv.storageVolGetInfo(item.vol);
  const xml = VolumeXml.create({
    name: to.name,
    capacityBytes: capacity,
    ...(item.xml.targetFormat ? { format: item.xml.targetFormat } : {}),
    ...(item.xml.backingStorePath ? { backingStorePath: item.xml.backingStorePath, backingStoreFormat: item.xml.backingStoreFormat ?? 'raw' } : {}),
  });
  const vol = await dst.lv.storageVolCreateXml(to.pool, xml.toXml(), 0);
  made.push(vol);
  const moved = await copyVolume({ lv: src.lv, vol: item.vol }, { lv: dst.lv, vol }, item.bytes, ctx, (doneBytes, totalBytes) =>
    report('note.copied-of', { path: item.path, doneBytes, totalBytes }));
  const path = await dst.lv.storageVolGetPath(vol);
  const actual = await sha256(dst, path);
  if (actual !== moved.sha256) throw new CoreError('migrate.checksum-mismatch', { host: dst.session.config.name, path, expected: moved.sha256, actual });
  return { vol, path, bytes: moved.bytes, sha256: moved.sha256 };
}

export interface CopyResult {
  vol: StorageVolRef;
  path: string;
  bytes: number;
  sha256: string;
}

/** What copying one volume needs to know of it (a download streams every byte of raw, the file of any other format). */
export async function copyItem(lv: LibvirtConnection, vol: StorageVolRef, path: string): Promise<CopyItem> {
  const xml = VolumeXml.parse(await lv.storageVolGetXmlDesc(vol, 0));
  const info = await lv.storageVolGetInfo(vol);
  return { path, vol, xml, bytes: xml.targetFormat === 'raw' ? info.capacity : info.allocation };
}
