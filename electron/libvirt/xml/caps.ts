// Parsing libvirt's capabilities and domain capabilities XML into what New VM needs: virt types and machine types of
// x86_64 guests; firmware, TPM and CPU models. BIOS is SeaBIOS, shipped with QEMU for x86; UEFI needs OVMF's firmware
// descriptors (libvirt lists `efi` only when it finds them), Secure Boot a secure loader, TPM swtpm.
import type { Element } from '@xmldom/xmldom';
import type { HostCaps, VirtType } from '../../../shared/model/new-vm.js';
import { elementChildren, parseDocument } from './xml-doc.js';

export const CAPS_ARCH = 'x86_64';

const children = (el: Element | undefined, name: string): Element[] => (el ? elementChildren(el).filter((c) => c.nodeName === name) : []);
const child = (el: Element | undefined, name: string): Element | undefined => children(el, name)[0];
const text = (el: Element): string => (el.textContent ?? '').trim();
/** The values of <enum name=NAME> directly under el. */
const enumValues = (el: Element | undefined, name: string): string[] =>
  children(el, 'enum').filter((e) => e.getAttribute('name') === name).flatMap((e) => children(e, 'value').map(text));
const supported = (el: Element | undefined): boolean => el?.getAttribute('supported') === 'yes';

/** Virt types and machine types of the host's x86_64 guests, from `virsh capabilities` XML. */
export function parseCapabilities(xml: string): { virtTypes: VirtType[]; machines: string[] } {
  const root = parseDocument(xml).documentElement ?? undefined;
  const arch = children(root, 'guest')
    .filter((g) => child(g, 'os_type') && text(child(g, 'os_type')!) === 'hvm')
    .map((g) => child(g, 'arch'))
    .find((a) => a?.getAttribute('name') === CAPS_ARCH);
  const virtTypes = children(arch, 'domain').map((d) => d.getAttribute('type')).filter((t): t is VirtType => t === 'kvm' || t === 'qemu');
  const machines = new Set<string>();
  for (const m of children(arch, 'machine')) {
    const canonical = m.getAttribute('canonical');
    if (canonical) machines.add(canonical);
    machines.add(text(m));
  }
  return { virtTypes: [...new Set(virtTypes)].sort(), machines: [...machines].sort() };
}

/** Firmware, TPM and CPU models from `virsh domcapabilities` XML. */
export function parseDomainCapabilities(xml: string): Pick<HostCaps, 'firmware' | 'tpm' | 'cpuModels' | 'cpuModes'> {
  const root = parseDocument(xml).documentElement ?? undefined;
  const os = child(root, 'os');
  const loader = child(os, 'loader');
  const loaders = children(loader, 'value').map(text);
  const uefi = supported(os) && (enumValues(os, 'firmware').includes('efi') || loaders.length > 0);
  const tpm = child(child(root, 'devices'), 'tpm');
  const cpu = child(root, 'cpu');
  const modes = children(cpu, 'mode');
  const custom = modes.find((m) => m.getAttribute('name') === 'custom');
  return {
    firmware: { bios: true, uefi, secureBoot: uefi && enumValues(loader, 'secure').includes('yes'), loaders },
    tpm: {
      supported: supported(tpm),
      models: enumValues(tpm, 'model'),
      backends: enumValues(tpm, 'backendModel'),
      versions: enumValues(tpm, 'backendVersion'),
    },
    cpuModels: supported(custom) ? children(custom, 'model').filter((m) => m.getAttribute('usable') === 'yes').map(text) : [],
    cpuModes: modes.filter(supported).map((m) => m.getAttribute('name') ?? '').filter(Boolean),
  };
}

