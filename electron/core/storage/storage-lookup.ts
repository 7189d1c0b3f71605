// Finding pools and volumes by name (with the errors users see) and reading them into the shared model; used by
// the pool, volume and transfer services alike.
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import type { StoragePoolRef, StorageVolRef } from '../../libvirt/protocol/index.js';
import type { PoolInfo, VolumeInfo } from '../../../shared/model/storage.js';
import { report } from '../../../shared/model/errors.js';
import { CoreError } from '../errors.js';
import { foundOr } from '../libvirt-errors.js';
import { readPoolXml } from './pool-spec.js';
import { readVolumeXml } from './volume-spec.js';

const MAX_CHAIN = 16;

export function findPool(lv: LibvirtConnection, host: string, name: string): Promise<StoragePoolRef> {
  return foundOr(lv.storagePoolLookupByName(name), VirErrorCode.NO_STORAGE_POOL, report('pool.not-found', { host, pool: name }));
}

export async function findActivePool(lv: LibvirtConnection, host: string, name: string): Promise<StoragePoolRef> {
  const ref = await findPool(lv, host, name);
  if (!(await lv.storagePoolIsActive(ref))) throw new CoreError('pool.not-running', { host, pool: name });
  return ref;
}

export function findVolume(lv: LibvirtConnection, host: string, pool: StoragePoolRef, name: string): Promise<StorageVolRef> {
  return foundOr(lv.storageVolLookupByName(pool, name), VirErrorCode.NO_STORAGE_VOL, report('volume.not-found', { host, pool: pool.name, volume: name }));
}

export async function readPool(host: string, lv: LibvirtConnection, ref: StoragePoolRef): Promise<PoolInfo> {
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
    filesystem: null,
  };
}

export async function listVolumesOf(host: string, lv: LibvirtConnection, ref: StoragePoolRef): Promise<VolumeInfo[]> {
  const vols = await lv.storagePoolListAllVolumes(ref);
  const infos = await Promise.all(vols.map((v) => readVolume(host, lv, v)));
  return infos.sort((a, b) => a.name.localeCompare(b.name));
}

export async function readVolume(host: string, lv: LibvirtConnection, vol: StorageVolRef): Promise<VolumeInfo> {
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
