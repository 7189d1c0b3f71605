// Which volumes "delete with storage" removes: the VM's own writable disks that libvirt manages as volumes.
// CD-ROMs, read-only and shareable disks are never deleted. When anything else uses one of them — another VM
// (defined or only running), a snapshot of another VM, a linked clone or overlay built on it — the whole delete
// is refused before anything changes.
import type { LibvirtApi } from '../../libvirt/api.js';
import { DomainUndefineFlags, DomainXmlFlags, type DomainRef } from '../../libvirt/protocol/index.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import type { HostSession } from '../hosts/host-session.js';
import { readVolumeUsage, refuseUsed, type VolumeUser } from '../storage/host-volume-users.js';
import { diskPath } from '../storage/disk-path.js';

/** Undefining a VM takes its managed save, snapshot and checkpoint metadata and NVRAM with it. */
export const UNDEFINE_WITH_METADATA =
  DomainUndefineFlags.MANAGED_SAVE | DomainUndefineFlags.SNAPSHOTS_METADATA | DomainUndefineFlags.NVRAM | DomainUndefineFlags.CHECKPOINTS_METADATA;

export async function deletableVolumes(session: HostSession, lv: LibvirtApi, dom: DomainRef): Promise<{ delete: string[]; keep: string[] }> {
  const xml = DomainXml.parse(await lv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE));
  const plan = { delete: [] as string[], keep: [] as string[] };
  for (const d of xml.disks) {
    if (d.device !== 'disk' || d.readonly || d.shareable) continue;
    const path = await diskPath(lv, d);
    if (path === null) continue;
    // Only paths libvirt knows as volumes can be deleted through it; others are left alone and reported.
    const isVolume = await lv.storageVolLookupByPath(path).then(
      () => true,
      () => false,
    );
    (isVolume ? plan.delete : plan.keep).push(path);
  }
  if (!plan.delete.length) return plan;
  const usage = await readVolumeUsage(session, lv);
  const doomed = new Set(plan.delete);
  // The VM itself and its snapshots (undefined with it) are no users; nor are its own disks built on each other.
  const own = (u: VolumeUser): boolean =>
    (u.kind === 'vm' && u.name === dom.name) || (u.kind === 'snapshot' && u.vm === dom.name) || (u.kind === 'volume' && doomed.has(u.path ?? ''));
  refuseUsed(session.config.name, plan.delete.map((path) => ({ volume: path, users: usage.usersOf(path, own) })));
  return plan;
}
