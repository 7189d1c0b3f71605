// <domain> XML: typed properties over the parsed document; everything else is kept as parsed.
import type { Element } from '@xmldom/xmldom';
import { DOMAIN_SCHEMA } from './domain-schema.js';
import { ChannelXml, ChardevXml, ControllerXml, DiskXml, GraphicsXml, InterfaceXml, TpmXml, VideoXml } from './domain-devices.js';
import { VirtDeckMetadata } from './domain-metadata.js';
import { type Settable, XmlRootModel } from './node-model.js';
import { elementChildren, XmlDoc } from './xml-doc.js';

export const LIFECYCLE_ACTIONS = [
  'destroy', 'restart', 'preserve', 'rename-restart', 'coredump-destroy', 'coredump-restart',
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];
export const CPU_MODES = ['custom', 'host-model', 'host-passthrough', 'maximum'] as const;
export type CpuMode = (typeof CPU_MODES)[number];
const PLACEMENTS = ['static', 'auto'] as const;

export interface DomainCreateOptions {
  name: string;
  /** Hypervisor type; 'qemu' (TCG) unless given. */
  type?: string;
  memoryKiB: number;
  vcpus: number;
  arch?: string;
  machine?: string;
  uuid?: string;
}

export class DomainXml extends XmlRootModel {
  static parse(xml: string): DomainXml {
    return new DomainXml(XmlDoc.parse(xml, DOMAIN_SCHEMA));
  }

  /** A new domain with os type hvm; add devices with add…(). */
  static create(opts: DomainCreateOptions): DomainXml {
    const d = new DomainXml(XmlDoc.create(DOMAIN_SCHEMA));
    d.type = opts.type ?? 'qemu';
    d.name = opts.name;
    if (opts.uuid) d.uuid = opts.uuid;
    d.memoryKiB = opts.memoryKiB;
    d.vcpus = opts.vcpus;
    d.osType = 'hvm';
    d.arch = opts.arch ?? 'x86_64';
    if (opts.machine) d.machine = opts.machine;
    return d;
  }

  /** kvm | qemu | … */
  get type(): string | null { return this.getString('./@type'); }
  set type(v: string | null) { this.setString('./@type', v); }
  /** Runtime id of a running domain (live XML only). */
  get id(): number | null { return this.getInt('./@id'); }
  get name(): string | null { return this.getString('./name'); }
  set name(v: string | null) { this.setString('./name', v); }
  get uuid(): string | null { return this.getString('./uuid'); }
  set uuid(v: string | null) { this.setString('./uuid', v); }
  get title(): string | null { return this.getString('./title'); }
  set title(v: string | null) { this.setString('./title', v); }
  get description(): string | null { return this.getString('./description'); }
  set description(v: string | null) { this.setString('./description', v); }

  /** Maximum memory in KiB (any unit in the XML is converted); written back with unit='KiB'. */
  get memoryKiB(): number | null { return this.getSize('./memory', 'KiB', 'KiB'); }
  set memoryKiB(v: number | null) { this.setSize('./memory', 'KiB', v); }
  get currentMemoryKiB(): number | null { return this.getSize('./currentMemory', 'KiB', 'KiB'); }
  set currentMemoryKiB(v: number | null) { this.setSize('./currentMemory', 'KiB', v); }
  /** Maximum vCPUs. */
  get vcpus(): number | null { return this.getInt('./vcpu'); }
  set vcpus(v: number | null) { this.setInt('./vcpu', v); }
  /** vCPUs online at boot, when fewer than vcpus. */
  get currentVcpus(): number | null { return this.getInt('./vcpu/@current'); }
  set currentVcpus(v: number | null) { this.setInt('./vcpu/@current', v); }
  get vcpuPlacement(): 'static' | 'auto' | null { return this.getEnum('./vcpu/@placement', PLACEMENTS); }
  set vcpuPlacement(v: 'static' | 'auto' | null) { this.setEnum('./vcpu/@placement', PLACEMENTS, v); }

  /** <os><type>: hvm | linux | exe */
  get osType(): string | null { return this.getString('./os/type'); }
  set osType(v: string | null) { this.setString('./os/type', v); }
  get arch(): string | null { return this.getString('./os/type/@arch'); }
  set arch(v: string | null) { this.setString('./os/type/@arch', v); }
  get machine(): string | null { return this.getString('./os/type/@machine'); }
  set machine(v: string | null) { this.setString('./os/type/@machine', v); }
  /** Firmware autoselection: bios | efi */
  get firmware(): string | null { return this.getString('./os/@firmware'); }
  set firmware(v: string | null) { this.setString('./os/@firmware', v); }
  /** Loader path, e.g. /usr/share/OVMF/OVMF_CODE_4M.fd */
  get loader(): string | null { return this.getString('./os/loader'); }
  set loader(v: string | null) { this.setString('./os/loader', v); }
  get loaderReadonly(): boolean | null { return this.getBool('./os/loader/@readonly', 'yesno'); }
  set loaderReadonly(v: boolean | null) { this.setBool('./os/loader/@readonly', 'yesno', v); }
  /** rom | pflash */
  get loaderType(): string | null { return this.getString('./os/loader/@type'); }
  set loaderType(v: string | null) { this.setString('./os/loader/@type', v); }
  get loaderSecure(): boolean | null { return this.getBool('./os/loader/@secure', 'yesno'); }
  set loaderSecure(v: boolean | null) { this.setBool('./os/loader/@secure', 'yesno', v); }
  get nvram(): string | null { return this.getString('./os/nvram'); }
  set nvram(v: string | null) { this.setString('./os/nvram', v); }
  get nvramTemplate(): string | null { return this.getString('./os/nvram/@template'); }
  set nvramTemplate(v: string | null) { this.setString('./os/nvram/@template', v); }
  get kernel(): string | null { return this.getString('./os/kernel'); }
  set kernel(v: string | null) { this.setString('./os/kernel', v); }
  get initrd(): string | null { return this.getString('./os/initrd'); }
  set initrd(v: string | null) { this.setString('./os/initrd', v); }
  get cmdline(): string | null { return this.getString('./os/cmdline'); }
  set cmdline(v: string | null) { this.setString('./os/cmdline', v); }

  /** <os><boot dev=…/> in order: hd, cdrom, network, fd. */
  get bootDevices(): string[] {
    return this.doc.findElements('./os/boot', this.node).map((b) => b.getAttribute('dev') ?? '');
  }
  set bootDevices(v: string[]) {
    for (const boot of this.doc.findElements('./os/boot', this.node)) this.doc.removeNode(boot);
    if (v.length === 0) return;
    const os = this.doc.ensureElement('./os', this.node);
    for (const dev of v) this.doc.appendElement(os, 'boot').setAttribute('dev', dev);
  }

  /** <os><bootmenu enable=yes|no/>: the firmware's boot menu. */
  get bootMenu(): boolean | null { return this.getBool('./os/bootmenu/@enable', 'yesno'); }
  set bootMenu(v: boolean | null) { this.setBool('./os/bootmenu/@enable', 'yesno', v); }

  /** Names of the elements under <features> (acpi, apic, pae, smm, …). */
  get features(): string[] {
    return this.doc.findElements('./features', this.node).flatMap((f) => elementChildren(f).map((c) => c.nodeName));
  }
  hasFeature(name: string): boolean {
    return this.features.includes(name);
  }
  /** Adds <features><NAME/></features> or removes it (keeping its attributes when already there). */
  setFeature(name: string, enabled: boolean): void {
    this.setBool(`./features/${name}`, 'presence', enabled);
  }

  /** <features><NAME state=on|off/> (smm, vmport, …): true/false, or null when absent. */
  featureState(name: string): boolean | null { return this.getBool(`./features/${name}/@state`, 'onoff'); }
  setFeatureState(name: string, on: boolean | null): void { this.setBool(`./features/${name}/@state`, 'onoff', on); }
  /** A Hyper-V enlightenment, <features><hyperv><NAME state=on|off/>; null when absent. */
  hyperv(name: string): boolean | null { return this.getBool(`./features/hyperv/${name}/@state`, 'onoff'); }
  setHyperv(name: string, on: boolean | null): void { this.setBool(`./features/hyperv/${name}/@state`, 'onoff', on); }
  get hypervSpinlockRetries(): number | null { return this.getInt('./features/hyperv/spinlocks/@retries'); }
  set hypervSpinlockRetries(v: number | null) { this.setInt('./features/hyperv/spinlocks/@retries', v); }

  /** A feature asked of the auto-selected firmware (<os firmware='efi'><firmware><feature name=…>): secure-boot, enrolled-keys. */
  firmwareFeature(name: string): boolean | null { return this.getBool(`./os/firmware/feature[@name='${name}']/@enabled`, 'yesno'); }
  setFirmwareFeature(name: string, enabled: boolean | null): void { this.setBool(`./os/firmware/feature[@name='${name}']/@enabled`, 'yesno', enabled); }

  /** An attribute of <clock><timer name=NAME …/> (tickpolicy, present). */
  timer(name: string, attr: string): string | null { return this.getString(`./clock/timer[@name='${name}']/@${attr}`); }
  setTimer(name: string, attr: string, value: string | null): void { this.setString(`./clock/timer[@name='${name}']/@${attr}`, value); }

  get cpuMode(): CpuMode | null { return this.getEnum('./cpu/@mode', CPU_MODES); }
  set cpuMode(v: CpuMode | null) { this.setEnum('./cpu/@mode', CPU_MODES, v); }
  get cpuModel(): string | null { return this.getString('./cpu/model'); }
  /** The whole <cpu> element as XML (for a CPU comparison), null without one. */
  get cpuXml(): string | null {
    const el = this.doc.findElements('./cpu', this.node)[0];
    return el ? this.doc.serialize(el) : null;
  }
  set cpuModel(v: string | null) { this.setString('./cpu/model', v); }
  get cpuSockets(): number | null { return this.getInt('./cpu/topology/@sockets'); }
  set cpuSockets(v: number | null) { this.setInt('./cpu/topology/@sockets', v); }
  get cpuCores(): number | null { return this.getInt('./cpu/topology/@cores'); }
  set cpuCores(v: number | null) { this.setInt('./cpu/topology/@cores', v); }
  get cpuThreads(): number | null { return this.getInt('./cpu/topology/@threads'); }
  set cpuThreads(v: number | null) { this.setInt('./cpu/topology/@threads', v); }
  /** utc | localtime | timezone | variable | absolute */
  get clockOffset(): string | null { return this.getString('./clock/@offset'); }
  set clockOffset(v: string | null) { this.setString('./clock/@offset', v); }

  get onPoweroff(): LifecycleAction | null { return this.getEnum('./on_poweroff', LIFECYCLE_ACTIONS); }
  set onPoweroff(v: LifecycleAction | null) { this.setEnum('./on_poweroff', LIFECYCLE_ACTIONS, v); }
  get onReboot(): LifecycleAction | null { return this.getEnum('./on_reboot', LIFECYCLE_ACTIONS); }
  set onReboot(v: LifecycleAction | null) { this.setEnum('./on_reboot', LIFECYCLE_ACTIONS, v); }
  get onCrash(): LifecycleAction | null { return this.getEnum('./on_crash', LIFECYCLE_ACTIONS); }
  set onCrash(v: LifecycleAction | null) { this.setEnum('./on_crash', LIFECYCLE_ACTIONS, v); }

  get emulator(): string | null { return this.getString('./devices/emulator'); }
  /** The TPM's backend type (emulator = swtpm, passthrough), null without a TPM. */
  get tpmBackend(): string | null { return this.getString('./devices/tpm/backend/@type'); }
  set emulator(v: string | null) { this.setString('./devices/emulator', v); }

  get disks(): DiskXml[] { return this.list('./devices/disk', (doc, el) => new DiskXml(doc, el)); }
  get interfaces(): InterfaceXml[] { return this.list('./devices/interface', (doc, el) => new InterfaceXml(doc, el)); }
  get graphics(): GraphicsXml[] { return this.list('./devices/graphics', (doc, el) => new GraphicsXml(doc, el)); }
  get videos(): VideoXml[] { return this.list('./devices/video', (doc, el) => new VideoXml(doc, el)); }
  get serials(): ChardevXml[] { return this.list('./devices/serial', (doc, el) => new ChardevXml(doc, el)); }
  get consoles(): ChardevXml[] { return this.list('./devices/console', (doc, el) => new ChardevXml(doc, el)); }
  get channels(): ChannelXml[] { return this.list('./devices/channel', (doc, el) => new ChannelXml(doc, el)); }
  get controllers(): ControllerXml[] { return this.list('./devices/controller', (doc, el) => new ControllerXml(doc, el)); }

  get tpms(): TpmXml[] { return this.list('./devices/tpm', (doc, el) => new TpmXml(doc, el)); }
  addTpm(init: Settable<TpmXml> = {}): TpmXml {
    return this.addChild('./devices', 'tpm', (doc, el) => new TpmXml(doc, el)).assign(init);
  }
  addDisk(init: Settable<DiskXml> = {}): DiskXml {
    return this.addChild('./devices', 'disk', (doc, el) => new DiskXml(doc, el)).assign(init);
  }
  addInterface(init: Settable<InterfaceXml> = {}): InterfaceXml {
    return this.addChild('./devices', 'interface', (doc, el) => new InterfaceXml(doc, el)).assign(init);
  }
  addGraphics(init: Settable<GraphicsXml> = {}): GraphicsXml {
    return this.addChild('./devices', 'graphics', (doc, el) => new GraphicsXml(doc, el)).assign(init);
  }
  addVideo(init: Settable<VideoXml> = {}): VideoXml {
    return this.addChild('./devices', 'video', (doc, el) => new VideoXml(doc, el)).assign(init);
  }
  addSerial(init: Settable<ChardevXml> = {}): ChardevXml {
    return this.addChild('./devices', 'serial', (doc, el) => new ChardevXml(doc, el)).assign(init);
  }
  addConsole(init: Settable<ChardevXml> = {}): ChardevXml {
    return this.addChild('./devices', 'console', (doc, el) => new ChardevXml(doc, el)).assign(init);
  }
  addChannel(init: Settable<ChannelXml> = {}): ChannelXml {
    return this.addChild('./devices', 'channel', (doc, el) => new ChannelXml(doc, el)).assign(init);
  }
  addController(init: Settable<ControllerXml> = {}): ControllerXml {
    return this.addChild('./devices', 'controller', (doc, el) => new ControllerXml(doc, el)).assign(init);
  }

  /** The element under <metadata> in that namespace (any application's), or null. */
  metadataElement(namespaceUri: string): Element | null {
    for (const meta of this.doc.findElements('./metadata', this.node)) {
      const found = elementChildren(meta).find((c) => c.namespaceURI === namespaceUri);
      if (found) return found;
    }
    return null;
  }

  /** VirtDeck's own metadata (lock flag, tags, fields). */
  get virtdeck(): VirtDeckMetadata {
    return new VirtDeckMetadata(this.doc, this.node);
  }
}
