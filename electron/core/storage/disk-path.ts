// Where a domain's disk lives on the host: its file or block path, a pool volume resolved to its path.
import type { LibvirtApi } from '../../libvirt/api.js';
import type { DiskXml } from '../../libvirt/xml/domain-devices.js';

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
