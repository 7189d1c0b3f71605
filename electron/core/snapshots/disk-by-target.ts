// A domain's disk by its target name.
import type { DiskXml } from '../../libvirt/xml/domain-devices.js';
import type { DomainXml } from '../../libvirt/xml/domain.js';

/** The domain's disk with this target (vda), or undefined. */
export function diskByTarget(xml: DomainXml, target: string): DiskXml | undefined {
  return xml.disks.find((d) => d.targetDev === target);
}
