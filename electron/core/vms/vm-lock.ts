// The lock as the host says it now (not the cache): another VirtDeck may have set it a moment ago.
import type { LibvirtApi } from '../../libvirt/api.js';
import { LibvirtError, VirErrorCode } from '../../libvirt/errors.js';
import { DomainMetadataType, type DomainRef } from '../../libvirt/protocol/index.js';
import { factUri } from '../../libvirt/xml/domain-facts.js';

/** True when the domain's lock element is there now (read from the host, not the cache). */
export async function lockedOnHost(lv: LibvirtApi, dom: DomainRef): Promise<boolean> {
  try {
    await lv.domainGetMetadata(dom, DomainMetadataType.ELEMENT, factUri({ kind: 'lock' }), 0);
    return true;
  } catch (err) {
    if (err instanceof LibvirtError && err.code === VirErrorCode.NO_DOMAIN_METADATA) return false;
    throw err;
  }
}

