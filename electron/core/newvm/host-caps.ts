// What a host can run, read live from its libvirt (parsed in libvirt/xml/caps.ts).
import type { HostCaps, VirtType } from '../../../shared/model/new-vm.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { CAPS_ARCH, parseCapabilities, parseDomainCapabilities } from '../../libvirt/xml/caps.js';

/** The host's caps: the domain capabilities for kvm when the host offers it, else for qemu (TCG). */
export async function readHostCaps(host: string, lv: LibvirtConnection): Promise<HostCaps> {
  const { virtTypes, machines } = parseCapabilities(await lv.getCapabilities());
  const virtType: VirtType = virtTypes.includes('kvm') ? 'kvm' : 'qemu';
  const dom = parseDomainCapabilities(await lv.getDomainCapabilities(null, CAPS_ARCH, 'q35', virtType, 0));
  return { host, arch: CAPS_ARCH, virtTypes, machines, virtType, ...dom };
}
