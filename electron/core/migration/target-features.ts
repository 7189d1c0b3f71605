// Whether the target can run what the VM uses beyond networks and disks: its CPU model, its firmware (UEFI loader),
// its TPM backend, the host bridges its NICs sit on. The facts are read from both hosts (readVmNeeds, readOffer);
// the decision (featureRefusal) is pure, so each rule is tested on its own.
import type { LibvirtApi } from '../../libvirt/api.js';
import { DomainCapsXml } from '../../libvirt/xml/domain-caps.js';
import type { DomainXml } from '../../libvirt/xml/domain.js';
import { CoreError } from '../errors.js';
import { hostExec, hostRun } from '../hosts/host-exec.js';
import type { Side } from './offline-copy.js';

/** virCPUCompareResult: the target cannot provide the CPU. */
const CPU_INCOMPATIBLE = 0;

export interface VmNeeds {
  vm: string;
  /** The CPU model the VM runs (custom/host-model expanded), null when none is to be compared (host-passthrough, none). */
  cpuModel: string | null;
  /** The firmware file the VM boots (a UEFI loader), null with none or firmware autoselection. */
  loader: string | null;
  /** <os firmware='efi'>: the target must offer EFI autoselection. */
  firmware: string | null;
  /** The TPM backend (emulator = swtpm), null without a TPM. */
  tpmBackend: string | null;
  /** Host bridges the NICs of type bridge use. */
  bridges: string[];
}

export interface TargetOffer {
  /** The result of comparing the VM's CPU with the target's hypervisor CPU; null when not compared or not comparable. */
  cpuCompare: number | null;
  loaders: string[];
  firmwares: string[];
  tpmBackends: string[];
  /** Whether each firmware file exists on the target (a loader outside the offered list may still be there). */
  loaderFiles: Readonly<Record<string, boolean>>;
  bridges: string[];
}

/** The first thing the target lacks, as its refusal; null when it offers all the VM needs. */
export function featureRefusal(dest: string, need: VmNeeds, offer: TargetOffer): CoreError | null {
  const { vm } = need;
  if (need.cpuModel !== null && offer.cpuCompare === CPU_INCOMPATIBLE) return new CoreError('migrate.cpu-incompatible', { host: dest, vm, model: need.cpuModel });
  if (need.loader !== null && !offer.loaders.includes(need.loader) && !offer.loaderFiles[need.loader]) {
    return new CoreError('migrate.firmware-missing', { host: dest, vm, firmware: need.loader });
  }
  if (need.firmware !== null && !offer.firmwares.includes(need.firmware)) return new CoreError('migrate.firmware-missing', { host: dest, vm, firmware: need.firmware });
  if (need.tpmBackend !== null && !offer.tpmBackends.includes(need.tpmBackend)) return new CoreError('migrate.tpm-missing', { host: dest, vm, backend: need.tpmBackend });
  const bridge = need.bridges.find((b) => !offer.bridges.includes(b));
  if (bridge !== undefined) return new CoreError('migrate.bridge-missing', { host: dest, vm, bridge });
  return null;
}

/** What the VM (its live or inactive XML) needs of a target. */
export function vmNeeds(vm: string, xml: DomainXml): VmNeeds {
  const mode = xml.cpuMode;
  // host-passthrough is the source's own CPU (libvirt compares it at Prepare); host-model in an inactive definition
  // becomes the target's CPU at start. A running VM's migratable XML shows host-model expanded to its model.
  const compared = xml.cpuXml !== null && (mode === null || mode === 'custom') && xml.cpuModel !== null;
  const bridges = xml.interfaces.filter((n) => n.type === 'bridge' && n.sourceBridge !== null).map((n) => n.sourceBridge!);
  return {
    vm,
    cpuModel: compared ? xml.cpuModel : null,
    loader: xml.loader,
    firmware: xml.firmware,
    tpmBackend: xml.tpmBackend,
    bridges: [...new Set(bridges)],
  };
}

/** Reads from the target what the VM needs: CPU comparison, domain capabilities, firmware files, bridges. */
export async function readOffer(dst: Side, xml: DomainXml, need: VmNeeds): Promise<TargetOffer> {
  const lv: LibvirtApi = dst.lv;
  const [emulator, arch, machine, virtType] = [xml.emulator, xml.arch, xml.machine, xml.type];
  // A libvirt that cannot compare (old, or not for this virt type) leaves the decision to its own Prepare.
  const cpuCompare = need.cpuModel === null ? null : await lv.compareHypervisorCpu(emulator, arch, machine, virtType, xml.cpuXml!, 0).catch(() => null);
  const caps = need.loader !== null || need.firmware !== null || need.tpmBackend !== null
    ? DomainCapsXml.parse(await lv.getDomainCapabilities(emulator, arch, machine, virtType, 0))
    : null;
  const loaderFiles: Record<string, boolean> = {};
  if (need.loader !== null && !caps?.loaders.includes(need.loader)) loaderFiles[need.loader] = await fileExists(dst, need.loader);
  return {
    cpuCompare,
    loaders: caps?.loaders ?? [],
    firmwares: caps?.firmwares ?? [],
    tpmBackends: caps?.tpmBackends ?? [],
    loaderFiles,
    bridges: need.bridges.length ? await hostBridges(dst) : [],
  };
}

/** Refuses, before anything changes, a target that lacks what the VM uses (featureRefusal). */
export async function checkFeatures(dst: Side, dest: string, xml: DomainXml): Promise<void> {
  const need = vmNeeds(xml.name ?? '', xml);
  const refusal = featureRefusal(dest, need, await readOffer(dst, xml, need));
  if (refusal) throw refusal;
}

async function fileExists(side: Side, path: string): Promise<boolean> {
  return (await hostExec(side.session, ['test', '-e', path])).code === 0;
}

/** Names of the host's Linux bridges. */
async function hostBridges(side: Side): Promise<string[]> {
  const out = await hostRun(side.session, 'migrate.check-failed', ['ip', '-j', 'link', 'show', 'type', 'bridge']);
  return (JSON.parse(out.trim() || '[]') as Array<{ ifname?: string }>).flatMap((l) => (l.ifname ? [l.ifname] : []));
}
