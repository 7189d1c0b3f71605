// What a migration needs from the target, checked before anything changes: the VM's networks (after the caller's
// mapping), a pool for each copied disk's directory with room for it and no volume in the way, the files used
// without copying, free memory, and no VM of the same name or UUID. The first thing missing is refused with its code.
import { dirname } from 'node:path';
import type { LibvirtApi } from '../../libvirt/api.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import { DomainXmlFlags, type DomainRef, type StoragePoolRef } from '../../libvirt/protocol/index.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import { PoolXml } from '../../libvirt/xml/pool.js';
import { CoreError } from '../errors.js';
import { foundOrNull } from '../libvirt-errors.js';
import { diskPath } from '../storage/disk-path.js';

export interface MigrationCheckInput {
  dom: DomainRef;
  dest: string;
  storage: 'copy' | 'shared';
  networkMap: Readonly<Record<string, string>>;
}

export interface MigrationPlan {
  /** Disk paths the migration copies (each then exists on the target only because of it). */
  copied: string[];
  /** Bytes of memory the VM needs on the target. */
  memoryBytes: number;
}

/** A live migration's checks: the target (checkTarget), the disks libvirt copies by NBD, free memory. */
export async function checkMigration(src: LibvirtApi, dst: LibvirtApi, input: MigrationCheckInput): Promise<MigrationPlan> {
  const { dom, dest } = input;
  const xml = DomainXml.parse(await src.domainGetXmlDesc(dom, 0));
  await checkTarget(dst, dest, dom, xml, input.networkMap);
  const copied: string[] = [];
  const needs = new Map<string, number>();
  for (const disk of xml.disks) {
    const path = await diskPath(src, disk);
    if (path === null) continue;
    const copy = input.storage === 'copy' && disk.device === 'disk' && !disk.readonly && !disk.shareable;
    const there = await foundOrNull(dst.storageVolLookupByPath(path), VirErrorCode.NO_STORAGE_VOL);
    if (!copy) {
      if (!there) throw new CoreError('migrate.disk-missing', { host: dest, path });
      continue;
    }
    if (there) throw new CoreError('migrate.volume-exists', { host: dest, path });
    const vol = await src.storageVolLookupByPath(path);
    const { allocation } = await src.storageVolGetInfo(vol);
    copied.push(path);
    needs.set(dirname(path), (needs.get(dirname(path)) ?? 0) + allocation);
  }
  await refuseNoRoom(dst, dest, needs);
  const memoryBytes = (await src.domainGetInfo(dom)).memoryKiB * 1024;
  const freeBytes = await dst.nodeGetFreeMemory();
  if (freeBytes < memoryBytes) throw new CoreError('migrate.no-memory', { host: dest, needBytes: memoryBytes, freeBytes });
  return { copied, memoryBytes };
}

/** Any migration's checks of the target: no VM of the same UUID or name, every network the VM uses (mapped). */
export async function checkTarget(dst: LibvirtApi, dest: string, dom: DomainRef, xml: DomainXml, networkMap: Readonly<Record<string, string>>): Promise<void> {
  await refuseTaken(dst, dest, dom);
  for (const nic of xml.interfaces) {
    if (nic.type !== 'network' || nic.sourceNetwork === null) continue;
    const name = networkMap[nic.sourceNetwork] ?? nic.sourceNetwork;
    const net = await foundOrNull(dst.networkLookupByName(name), VirErrorCode.NO_NETWORK);
    if (!net || !(await dst.networkIsActive(net))) throw new CoreError('migrate.network-missing', { host: dest, network: name });
  }
}

async function refuseTaken(dst: LibvirtApi, dest: string, dom: DomainRef): Promise<void> {
  const sameUuid = await foundOrNull(dst.lookupDomainByUuid(dom.uuid), VirErrorCode.NO_DOMAIN);
  if (sameUuid) throw new CoreError('migrate.uuid-exists', { host: dest, uuid: dom.uuid, vm: sameUuid.name });
  const sameName = await foundOrNull(dst.lookupDomainByName(dom.name), VirErrorCode.NO_DOMAIN);
  if (sameName) throw new CoreError('migrate.name-exists', { host: dest, vm: dom.name });
}

/** The host's pools with the directory each keeps its volumes in. */
export async function poolsByTarget(lv: LibvirtApi): Promise<Array<{ ref: StoragePoolRef; target: string | null }>> {
  return Promise.all(
    (await lv.listAllStoragePools()).map(async (ref) => ({ ref, target: PoolXml.parse(await lv.storagePoolGetXmlDesc(ref, 0)).targetPath })),
  );
}

/** Each copied disk goes into the target's pool for its directory: it must exist, run and have room. */
export async function refuseNoRoom(dst: LibvirtApi, dest: string, needs: ReadonlyMap<string, number>): Promise<void> {
  if (!needs.size) return;
  const pools = await poolsByTarget(dst);
  for (const [dir, needBytes] of needs) {
    const pool = pools.find((p) => p.target === dir);
    if (!pool) throw new CoreError('migrate.no-pool', { host: dest, path: dir });
    const info = await dst.storagePoolGetInfo(pool.ref);
    if (info.state !== 'running') throw new CoreError('migrate.no-pool', { host: dest, path: dir });
    if (info.available < needBytes) {
      throw new CoreError('migrate.no-space', { host: dest, pool: pool.ref.name, needBytes, freeBytes: info.available });
    }
  }
}

/** The domain XML with the caller's network mapping applied (live or persistent definition), for the target. */
export async function mappedXml(src: LibvirtApi, dom: DomainRef, networkMap: Readonly<Record<string, string>>, inactive: boolean): Promise<string> {
  const xml = DomainXml.parse(
    await src.domainGetXmlDesc(dom, DomainXmlFlags.SECURE | DomainXmlFlags.MIGRATABLE | (inactive ? DomainXmlFlags.INACTIVE : 0)),
  );
  for (const nic of xml.interfaces) {
    const to = nic.sourceNetwork === null ? undefined : networkMap[nic.sourceNetwork];
    if (to !== undefined) nic.sourceNetwork = to;
  }
  return xml.toXml();
}
