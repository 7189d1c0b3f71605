// Which volumes "delete with storage" may remove: the VM's own writable disks that libvirt manages as volumes and
// that no other domain on the host uses. CD-ROMs, read-only and shareable disks are never deleted.
import type { LibvirtApi } from '../../libvirt/api.js';
import { DomainXmlFlags, type DomainRef } from '../../libvirt/protocol/index.js';
import { DomainXml } from '../../libvirt/xml/domain.js';

async function diskPaths(lv: LibvirtApi, xml: DomainXml, writableOnly: boolean): Promise<string[]> {
  const paths: string[] = [];
  for (const d of xml.disks) {
    if (writableOnly && (d.device !== 'disk' || d.readonly || d.shareable)) continue;
    if (d.sourceFile) paths.push(d.sourceFile);
    else if (d.sourceDev) paths.push(d.sourceDev);
    else if (d.sourcePool && d.sourceVolume) {
      const pool = await lv.storagePoolLookupByName(d.sourcePool);
      const vol = await lv.storageVolLookupByName(pool, d.sourceVolume);
      paths.push(await lv.storageVolGetPath(vol));
    }
  }
  return paths;
}

export async function deletableVolumes(lv: LibvirtApi, dom: DomainRef): Promise<{ delete: string[]; keep: string[] }> {
  const own = await diskPaths(lv, DomainXml.parse(await lv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE)), true);
  const others = await lv.listAllDomains();
  const used = new Set<string>();
  for (const other of others) {
    if (other.uuid === dom.uuid) continue;
    const xml = DomainXml.parse(await lv.domainGetXmlDesc(other, DomainXmlFlags.INACTIVE));
    for (const p of await diskPaths(lv, xml, false)) used.add(p);
  }
  const plan = { delete: [] as string[], keep: [] as string[] };
  for (const path of own) {
    if (used.has(path)) {
      plan.keep.push(path);
      continue;
    }
    // Only paths libvirt knows as volumes can be deleted through it; others are left alone and reported.
    const isVolume = await lv.storageVolLookupByPath(path).then(
      () => true,
      () => false,
    );
    (isVolume ? plan.delete : plan.keep).push(path);
  }
  return plan;
}
