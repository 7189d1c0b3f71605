// What a migration needs from the target, checked before anything changes: the VM's networks (after the caller's
// mapping), a pool for each copied disk's directory with room for it and no volume in the way, the files used
// without copying, free memory, and no VM of the same name or UUID. The first thing missing is refused with its code.
import { dirname } from 'node:path';
import type { LibvirtApi } from '../../libvirt/api.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import { DomainXmlFlags, type DomainRef } from '../../libvirt/protocol/index.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import { CoreError } from '../errors.js';
import { foundOrNull } from '../libvirt-errors.js';
import { diskPath } from '../storage/disk-path.js';
import { checkFeatures } from './target-features.js';
import { copyItem, poolsByTarget, sameBytes, type CopyItem, type Side } from './offline-copy.js';

export interface MigrationCheckInput {
  dom: DomainRef;
  dest: string;
  storage: 'copy' | 'shared';
  networkMap: Readonly<Record<string, string>>;
}

export interface MigrationPlan {
  /** Disk paths the migration copies (each then exists on the target only because of it). */
  copied: string[];
  /**
   * Read-only disks the target lacks (the cloud-init seed CD-ROM, an attached ISO): libvirt's NBD copy takes
   * writable disks only, so VirtDeck copies these first, to the same path.
   */
  staged: CopyItem[];
  /** Bytes of memory the VM needs on the target. */
  memoryBytes: number;
}

/**
 * A live migration's checks: the target (checkTarget), the disks libvirt copies by NBD, the read-only disks VirtDeck
 * stages (one the target has already must hold the same bytes), free memory.
 */
export async function checkMigration(src: Side, dst: Side, input: MigrationCheckInput): Promise<MigrationPlan> {
  const { dom, dest } = input;
  // The migratable XML shows a host-model CPU expanded to the model the VM runs, as the target gets it.
  const xml = DomainXml.parse(await src.lv.domainGetXmlDesc(dom, DomainXmlFlags.MIGRATABLE));
  await checkTarget(dst, dest, dom, xml, input.networkMap);
  const plan: MigrationPlan = { copied: [], staged: [], memoryBytes: 0 };
  const needs = new Map<string, number>();
  for (const disk of xml.disks) {
    const path = await diskPath(src.lv, disk);
    if (path === null) continue;
    const copy = input.storage === 'copy' && !disk.shareable;
    const writable = disk.device === 'disk' && !disk.readonly;
    const there = await foundOrNull(dst.lv.storageVolLookupByPath(path), VirErrorCode.NO_STORAGE_VOL);
    if (!copy) {
      if (!there) throw new CoreError('migrate.disk-missing', { host: dest, path });
      continue;
    }
    if (there) {
      if (writable || !(await sameBytes(src, dst, path))) throw new CoreError('migrate.volume-exists', { host: dest, path });
      continue;
    }
    const vol = await foundOrNull(src.lv.storageVolLookupByPath(path), VirErrorCode.NO_STORAGE_VOL);
    if (!vol) throw new CoreError('migrate.disk-missing', { host: src.session.config.name, path });
    const item = await copyItem(src.lv, vol, path);
    if (writable) plan.copied.push(path);
    else plan.staged.push(item);
    needs.set(dirname(path), (needs.get(dirname(path)) ?? 0) + (writable ? (await src.lv.storageVolGetInfo(vol)).allocation : item.bytes));
  }
  await refuseNoRoom(dst.lv, dest, needs);
  plan.memoryBytes = (await src.lv.domainGetInfo(dom)).memoryKiB * 1024;
  const freeBytes = await dst.lv.nodeGetFreeMemory();
  if (freeBytes < plan.memoryBytes) throw new CoreError('migrate.no-memory', { host: dest, needBytes: plan.memoryBytes, freeBytes });
  return plan;
}

/**
 * Any migration's checks of the target: no VM of the same UUID or name, every network the VM uses (mapped), then
 * CPU, firmware, TPM and bridges (checkFeatures).
 */
export async function checkTarget(dst: Side, dest: string, dom: DomainRef, xml: DomainXml, networkMap: Readonly<Record<string, string>>): Promise<void> {
  await refuseTaken(dst.lv, dest, dom);
  await refuseMissingNetworks(dst.lv, dest, xml, networkMap);
  await checkFeatures(dst, dest, xml);
}

/** Every libvirt network the VM's NICs use (after the mapping) must exist and run on the target. */
export async function refuseMissingNetworks(dst: LibvirtApi, dest: string, xml: DomainXml, networkMap: Readonly<Record<string, string>> = {}): Promise<void> {
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
