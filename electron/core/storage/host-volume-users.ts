// Reads what a host says about who uses its images (domains with their snapshots, every running pool's volumes,
// qemu-img for images that are no volume) into a VolumeUsage, and the refusal every destructive storage operation
// raises when an image it would destroy or change has users.
import type { LibvirtApi } from '../../libvirt/api.js';
import { report } from '../../../shared/model/errors.js';
import { DomainXmlFlags, type DomainRef } from '../../libvirt/protocol/index.js';
import { CoreError } from '../errors.js';
import { hostExec } from '../hosts/host-exec.js';
import type { HostSession } from '../hosts/host-session.js';
import { imagesWithUnknownChain, parseQemuImgChain, VolumeUsage, type DomainFacts, type UsageFacts, type VolumeFacts, type VolumeUser, userReports } from './volume-users.js';

export type { VolumeUser };

/** One image and who uses it. */
export interface ImageUse {
  /** pool/volume, or the path of an image that is no volume. */
  volume: string;
  users: VolumeUser[];
}

/** Throws volume.in-use (nothing was changed) naming each image that has users, and its users. */
export function refuseUsed(host: string, uses: ImageUse[]): void {
  const used = uses.filter((u) => u.users.length > 0);
  if (used.length) {
    throw new CoreError('volume.in-use', { uses: used.map((u) => report('volume.used-by', { host, volume: u.volume, users: userReports(u.users) })) });
  }
}

/** Everything the host's libvirt (and qemu-img) says about who uses which image, read now. */
export async function readVolumeUsage(session: HostSession, lv: LibvirtApi): Promise<VolumeUsage> {
  const [domains, volumes] = await Promise.all([readDomains(lv), readVolumes(lv)]);
  // Users are listed in a stable order: VMs and volumes by name.
  domains.sort((a, b) => a.name.localeCompare(b.name));
  volumes.sort((a, b) => a.pool.localeCompare(b.pool) || a.name.localeCompare(b.name));
  const facts: UsageFacts = { domains, volumes };
  const backingOf = new Map<string, string>();
  await Promise.all(imagesWithUnknownChain(facts).map((path) => readChain(session, path, backingOf)));
  return new VolumeUsage({ ...facts, backingOf });
}

/** Each domain's live XML (running) and persistent definition, with its snapshots; one that vanishes meanwhile is skipped. */
async function readDomains(lv: LibvirtApi): Promise<DomainFacts[]> {
  const read = async (dom: DomainRef): Promise<DomainFacts | null> => {
    try {
      const xmls = [await lv.domainGetXmlDesc(dom, 0)];
      // A transient domain answers INACTIVE with its live XML again: a repeat that changes nothing.
      if (await lv.domainIsActive(dom)) xmls.push(await lv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE));
      const snapshots = await Promise.all((await lv.listAllSnapshots(dom)).map((s) => lv.snapshotGetXmlDesc(s)));
      return { name: dom.name, xmls, snapshots };
    } catch (err) {
      if (await lv.lookupDomainByUuid(dom.uuid).then(() => true, () => false)) throw err;
      return null;
    }
  };
  const all = await Promise.all((await lv.listAllDomains()).map(read));
  return all.filter((d): d is DomainFacts => d !== null);
}

/** Every volume of every running pool (a volume deleted meanwhile is skipped). */
async function readVolumes(lv: LibvirtApi): Promise<VolumeFacts[]> {
  const pools = await lv.listAllStoragePools();
  const perPool = await Promise.all(
    pools.map(async (pool) => {
      if (!(await lv.storagePoolIsActive(pool))) return [];
      const vols = await lv.storagePoolListAllVolumes(pool);
      const read = await Promise.all(vols.map((v) => lv.storageVolGetXmlDesc(v).then((xml) => ({ pool: pool.name, name: v.name, xml }), () => null)));
      return read.filter((v): v is VolumeFacts => v !== null);
    }),
  );
  return perPool.flat();
}

/** The backing chain of an image libvirt knows no volume for (qemu-img); nothing when qemu-img cannot read it. */
async function readChain(session: HostSession, path: string, into: Map<string, string>): Promise<void> {
  const r = await hostExec(session, ['qemu-img', 'info', '-U', '--backing-chain', '--output=json', '--', path]).catch(() => null);
  if (r?.code !== 0) return;
  for (const [image, base] of parseQemuImgChain(r.stdout)) into.set(image, base);
}
