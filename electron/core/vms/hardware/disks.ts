// Disks and CD-ROM media: attach an existing or a new volume, detach (and delete the volume under the in-use rules),
// change a CD-ROM's media.
import type { DiskBus, HwChangeResult } from '../../../../shared/model/hardware.js';
import type { LibvirtApi } from '../../../libvirt/api.js';
import type { DomainXml } from '../../../libvirt/xml/domain.js';
import type { DiskXml } from '../../../libvirt/xml/domain-devices.js';
import { CoreError } from '../../errors.js';
import type { HostSession } from '../../hosts/host-session.js';
import { readVolumeUsage, refuseUsed } from '../../storage/host-volume-users.js';
import { diskPath } from '../../storage/disk-path.js';
import { findActivePool, findVolume } from '../../storage/storage-lookup.js';
import { readVolumeXml } from '../../storage/volume-spec.js';
import type { VolumeService } from '../../storage/volumes.js';
import { cdromDeviceXml, diskDeviceXml, nextTarget, setDiskImage, type DiskImage } from './devices.js';
import { bootFromDisk } from './boot.js';
import { applyScoped, bothWhereFound, type Scope } from './scope.js';
import { defineConfig, definitions, rereadLive, type HwTarget } from './target.js';
import { DomainImpact } from '../../../libvirt/protocol/index.js';
import { libvirtError } from '../../libvirt-errors.js';

export interface VolumeName {
  pool: string;
  volume: string;
}

export interface AttachDisk {
  volume?: VolumeName;
  newVolume?: { sizeBytes: number; pool?: string; format?: 'qcow2' | 'raw' };
  bus?: DiskBus;
  target?: string;
}

const targetsOf = (t: HwTarget): Set<string> => new Set(definitions(t).flatMap((x) => x.disks.map((d) => d.targetDev ?? '')));

async function imageOf(lv: LibvirtApi, host: string, v: VolumeName): Promise<DiskImage> {
  const vol = await findVolume(lv, host, await findActivePool(lv, host, v.pool), v.volume);
  const [info, xml] = await Promise.all([lv.storageVolGetInfo(vol), lv.storageVolGetXmlDesc(vol, 0)]);
  const x = readVolumeXml(xml);
  // An ISO image is raw data to QEMU.
  const format = x.format === null || x.format === 'iso' ? 'raw' : x.format;
  return { path: x.path ?? (await lv.storageVolGetPath(vol)), block: info.type === 'block', format };
}

/** The pool of the VM's first disk that is a pool's volume; 'default' when none is. */
async function poolOfFirstDisk(lv: LibvirtApi, config: DomainXml): Promise<string> {
  for (const d of config.disks.filter((d) => d.device === 'disk')) {
    const path = await diskPath(lv, d);
    if (path === null) continue;
    const vol = await lv.storageVolLookupByPath(path).catch(() => null);
    if (vol) return vol.pool;
  }
  return 'default';
}

export async function attachDisk(t: HwTarget, scope: Scope, volumes: VolumeService, a: AttachDisk): Promise<HwChangeResult & { target: string }> {
  const bus = a.bus ?? 'virtio';
  const taken = targetsOf(t);
  if (a.target !== undefined && taken.has(a.target)) throw new CoreError('vm.disk-target-taken', { ...t.who, target: a.target });
  const target = a.target ?? nextTarget(bus, taken);
  let made: VolumeName | null = null;
  if (a.newVolume) {
    const format = a.newVolume.format ?? 'qcow2';
    const pool = a.newVolume.pool ?? (await poolOfFirstDisk(t.lv, t.config));
    const name = `${t.who.vm}-${target}.${format}`;
    await volumes.create(t.who.host, pool, { name, capacity: a.newVolume.sizeBytes, format });
    made = { pool, volume: name };
  }
  try {
    const img = await imageOf(t.lv, t.who.host, made ?? (a.volume as VolumeName));
    const xml = diskDeviceXml(img, target, bus);
    const done = await applyScoped(scope, t.who, (flags) => t.lv.domainAttachDevice(t.dom, xml, flags));
    return { running: t.running, live: done.live ? ['disk'] : [], config: done.config ? ['disk'] : [], target };
  } catch (err) {
    // A volume made for a disk that could not be attached is removed again: a refusal leaves nothing behind.
    if (made) await volumes.delete(t.who.host, made.pool, made.volume).catch(() => undefined);
    throw err;
  }
}

function findDisk(x: DomainXml | null, target: string): DiskXml | undefined {
  return x?.disks.find((d) => d.targetDev === target);
}

export async function detachDisk(t: HwTarget, scope: Scope, session: HostSession, target: string, deleteVolume: boolean): Promise<HwChangeResult> {
  const inLive = findDisk(t.live, target);
  const inConfig = findDisk(t.config, target);
  const disk = inLive ?? inConfig;
  if (!disk) throw new CoreError('vm.disk-not-found', { ...t.who, target });
  let path: string | null = null;
  if (deleteVolume) {
    path = await diskPath(t.lv, disk);
    // Only a pool's volume is deleted, and only when nothing but this VM uses it (its snapshots count as users).
    if (path !== null && (await t.lv.storageVolLookupByPath(path).catch(() => null)) === null) path = null;
    if (path !== null) {
      const usage = await readVolumeUsage(session, t.lv);
      const own = path;
      refuseUsed(t.who.host, [{ volume: own, users: usage.usersOf(own, (u) => u.kind === 'vm' && u.name === t.dom.name) }]);
    }
  }
  // Auto: each definition that has the disk loses it (a refused hot-unplug leaves it to the next boot).
  const want: Scope = scope.auto ? bothWhereFound(inLive !== undefined, inConfig !== undefined) : scope;
  const xml = disk.toXml();
  const done = await applyScoped(want, t.who, (flags) => t.lv.domainDetachDevice(t.dom, xml, flags));
  // A guest releases a hot-unplugged disk when it answers the unplug request; until then it is still there.
  const released = !done.live || findDisk(await rereadLive(t), target) === undefined;
  if (path !== null) {
    if (t.running && !released) throw new CoreError('vm.disk-still-attached', { ...t.who, target });
    const vol = await t.lv.storageVolLookupByPath(path);
    await t.lv.storageVolDelete(vol, 0);
  }
  return { running: t.running, live: done.live && released ? ['disk'] : [], config: done.config ? ['disk'] : [] };
}

/** The first CD-ROM drive (or the one at target) of the definition that counts now. */
function findCdrom(x: DomainXml, target: string | undefined): DiskXml | undefined {
  return x.disks.find((d) => d.device === 'cdrom' && (target === undefined || d.targetDev === target));
}

/** Media into a CD-ROM drive (null: eject). A shut-off VM without a drive gets one (sata on q35, ide else). */
export async function setCdrom(t: HwTarget, scope: Scope, target: string | undefined, media: VolumeName | null): Promise<HwChangeResult> {
  const img = media ? await imageOf(t.lv, t.who.host, media) : null;
  const drive = findCdrom(t.live ?? t.config, target);
  if (!drive) {
    if (t.running || img === null) throw new CoreError('vm.no-cdrom', t.who);
    const bus = (t.config.machine ?? '').includes('q35') ? 'sata' : 'ide';
    const xml = cdromDeviceXml(img, target ?? nextTarget(bus, targetsOf(t)), bus);
    await applyScoped({ live: false, config: true, auto: false }, t.who, (flags) => t.lv.domainAttachDevice(t.dom, xml, flags));
    return { running: false, live: [], config: ['cdrom'] };
  }
  setDiskImage(drive, img);
  const xml = drive.toXml();
  const done = await applyScoped(scope, t.who, (flags) => t.lv.domainUpdateDevice(t.dom, xml, flags));
  return { running: t.running, live: done.live ? ['cdrom'] : [], config: done.config ? ['cdrom'] : [] };
}

/**
 * After an install from a CD-ROM: its media out, in the definition and (when running) now, and the first disk first in
 * the boot order. The definition changes in one define (libvirt validates it), before the running VM is touched.
 */
export async function ejectAndBootDisk(t: HwTarget, target: string | undefined): Promise<HwChangeResult> {
  const inConfig = findCdrom(t.config, target);
  const inLive = t.live ? findCdrom(t.live, target ?? inConfig?.targetDev ?? undefined) : undefined;
  if (!inConfig && !inLive) throw new CoreError('vm.no-cdrom', t.who);
  if (inConfig) setDiskImage(inConfig, null);
  bootFromDisk(t.config, t.who);
  await defineConfig(t);
  const liveHasMedia = inLive !== undefined && (inLive.sourceFile !== null || inLive.sourceDev !== null || inLive.sourceVolume !== null);
  if (!inLive || !liveHasMedia) {
    return { running: t.running, live: [], config: ['cdrom', 'boot'] };
  }
  setDiskImage(inLive, null);
  const xml = inLive.toXml();
  await t.lv.domainUpdateDevice(t.dom, xml, DomainImpact.LIVE).catch((err: unknown) => {
    throw libvirtError(err, 'vm.change-failed', t.who);
  });
  return { running: t.running, live: ['cdrom'], config: ['cdrom', 'boot'] };
}
