// Where a domain's disks live on the host: file/block paths, pool volumes resolved to their paths.
import type { LibvirtApi } from '../../libvirt/api.js';
import type { DiskXml } from '../../libvirt/xml/domain-devices.js';
import type { DomainXml } from '../../libvirt/xml/domain.js';

export async function diskPath(lv: LibvirtApi, disk: DiskXml): Promise<string | null> {
  const direct = disk.sourceFile ?? disk.sourceDev;
  if (direct !== null) return direct;
  if (disk.sourcePool !== null && disk.sourceVolume !== null) {
    try {
      const pool = await lv.storagePoolLookupByName(disk.sourcePool);
      return await lv.storageVolGetPath(await lv.storageVolLookupByName(pool, disk.sourceVolume));
    } catch {
      return null;
    }
  }
  return null;
}

/** The domain's disk with this target (vda), or undefined. */
export function diskByTarget(xml: DomainXml, target: string): DiskXml | undefined {
  return xml.disks.find((d) => d.targetDev === target);
}

/** Every image path a domain's XML names: disk sources and (live XML) their backing chains. */
export async function allImagePaths(lv: LibvirtApi, xml: DomainXml): Promise<string[]> {
  const paths: string[] = [];
  for (const d of xml.disks) {
    const p = await diskPath(lv, d);
    if (p) paths.push(p);
    for (const b of d.backingChain) if (b.path) paths.push(b.path);
  }
  return paths;
}
