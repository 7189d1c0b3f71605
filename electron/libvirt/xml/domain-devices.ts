// Views on the <devices> children of a domain. Each wraps one element; remove() takes it out.
import { XmlListItem } from './node-model.js';

/** One step of a disk's read-only <backingStore> chain (what libvirt reports, outermost first). */
export interface BackingStoreInfo {
  type: string | null;
  format: string | null;
  /** source file, dev or the volume as pool/volume. */
  path: string | null;
}

export const DISK_DEVICES = ['disk', 'cdrom', 'floppy', 'lun'] as const;
export type DiskDevice = (typeof DISK_DEVICES)[number];

export class DiskXml extends XmlListItem {
  /** file | block | volume | network | dir | … */
  get type(): string | null { return this.getString('./@type'); }
  set type(v: string | null) { this.setString('./@type', v); }
  get device(): DiskDevice | null { return this.getEnum('./@device', DISK_DEVICES); }
  set device(v: DiskDevice | null) { this.setEnum('./@device', DISK_DEVICES, v); }
  get driverName(): string | null { return this.getString('./driver/@name'); }
  set driverName(v: string | null) { this.setString('./driver/@name', v); }
  /** Image format: raw, qcow2, … */
  get driverType(): string | null { return this.getString('./driver/@type'); }
  set driverType(v: string | null) { this.setString('./driver/@type', v); }
  get driverCache(): string | null { return this.getString('./driver/@cache'); }
  set driverCache(v: string | null) { this.setString('./driver/@cache', v); }
  get sourceFile(): string | null { return this.getString('./source/@file'); }
  set sourceFile(v: string | null) { this.setString('./source/@file', v); }
  get sourceDev(): string | null { return this.getString('./source/@dev'); }
  set sourceDev(v: string | null) { this.setString('./source/@dev', v); }
  get sourceDir(): string | null { return this.getString('./source/@dir'); }
  set sourceDir(v: string | null) { this.setString('./source/@dir', v); }
  get sourcePool(): string | null { return this.getString('./source/@pool'); }
  set sourcePool(v: string | null) { this.setString('./source/@pool', v); }
  get sourceVolume(): string | null { return this.getString('./source/@volume'); }
  set sourceVolume(v: string | null) { this.setString('./source/@volume', v); }
  /** Network disks: nbd, rbd, iscsi, http, … */
  get sourceProtocol(): string | null { return this.getString('./source/@protocol'); }
  set sourceProtocol(v: string | null) { this.setString('./source/@protocol', v); }
  /** Network disks: export / image name. */
  get sourceName(): string | null { return this.getString('./source/@name'); }
  set sourceName(v: string | null) { this.setString('./source/@name', v); }
  get sourceHostName(): string | null { return this.getString('./source/host/@name'); }
  set sourceHostName(v: string | null) { this.setString('./source/host/@name', v); }
  get sourceHostPort(): number | null { return this.getInt('./source/host/@port'); }
  set sourceHostPort(v: number | null) { this.setInt('./source/host/@port', v); }
  get targetDev(): string | null { return this.getString('./target/@dev'); }
  set targetDev(v: string | null) { this.setString('./target/@dev', v); }
  /** virtio | sata | scsi | ide | usb | fdc */
  get targetBus(): string | null { return this.getString('./target/@bus'); }
  set targetBus(v: string | null) { this.setString('./target/@bus', v); }
  get readonly(): boolean { return this.getBool('./readonly', 'presence') === true; }
  set readonly(v: boolean) { this.setBool('./readonly', 'presence', v); }
  get shareable(): boolean { return this.getBool('./shareable', 'presence') === true; }
  set shareable(v: boolean) { this.setBool('./shareable', 'presence', v); }
  /** Per-device boot order (<boot order='N'/>). */
  get bootOrder(): number | null { return this.getInt('./boot/@order'); }
  set bootOrder(v: number | null) { this.setInt('./boot/@order', v); }
  get serial(): string | null { return this.getString('./serial'); }
  set serial(v: string | null) { this.setString('./serial', v); }

  /** The backing chain libvirt reports (read-only: libvirt ignores it on define). */
  get backingChain(): BackingStoreInfo[] {
    const chain: BackingStoreInfo[] = [];
    let el = this.doc.findElements('./backingStore', this.node)[0];
    while (el) {
      const get = (path: string): string | null => this.doc.getValue(path, el!);
      const pool = get('./source/@pool');
      const type = get('./@type');
      if (type !== null) {
        chain.push({
          type,
          format: get('./format/@type'),
          path: get('./source/@file') ?? get('./source/@dev') ?? (pool ? `${pool}/${get('./source/@volume') ?? ''}` : null),
        });
      }
      el = this.doc.findElements('./backingStore', el)[0];
    }
    return chain;
  }

  /** One human-readable source: a path, pool/volume or protocol://host:port/name; null for an empty drive. */
  sourceDisplay(): string | null {
    const direct = this.sourceFile ?? this.sourceDev ?? this.sourceDir;
    if (direct !== null) return direct;
    if (this.sourcePool !== null) return `${this.sourcePool}/${this.sourceVolume ?? ''}`;
    if (this.sourceProtocol !== null) {
      const host = this.sourceHostName === null ? '' : `${this.sourceHostName}${this.sourceHostPort === null ? '' : `:${this.sourceHostPort}`}`;
      return `${this.sourceProtocol}://${host}/${this.sourceName ?? ''}`;
    }
    return null;
  }
}

export class InterfaceXml extends XmlListItem {
  /** network | bridge | direct | user | … */
  get type(): string | null { return this.getString('./@type'); }
  set type(v: string | null) { this.setString('./@type', v); }
  get mac(): string | null { return this.getString('./mac/@address'); }
  set mac(v: string | null) { this.setString('./mac/@address', v); }
  get sourceNetwork(): string | null { return this.getString('./source/@network'); }
  set sourceNetwork(v: string | null) { this.setString('./source/@network', v); }
  get sourcePortgroup(): string | null { return this.getString('./source/@portgroup'); }
  set sourcePortgroup(v: string | null) { this.setString('./source/@portgroup', v); }
  get sourceBridge(): string | null { return this.getString('./source/@bridge'); }
  set sourceBridge(v: string | null) { this.setString('./source/@bridge', v); }
  /** type='direct': the host device (macvtap). */
  get sourceDev(): string | null { return this.getString('./source/@dev'); }
  set sourceDev(v: string | null) { this.setString('./source/@dev', v); }
  /** type='direct': vepa | bridge | private | passthrough */
  get sourceMode(): string | null { return this.getString('./source/@mode'); }
  set sourceMode(v: string | null) { this.setString('./source/@mode', v); }
  /** NIC model: virtio, e1000e, rtl8139, … */
  get model(): string | null { return this.getString('./model/@type'); }
  set model(v: string | null) { this.setString('./model/@type', v); }
  /** Host-side device name (vnetN). */
  get targetDev(): string | null { return this.getString('./target/@dev'); }
  set targetDev(v: string | null) { this.setString('./target/@dev', v); }
  /** up | down */
  get linkState(): string | null { return this.getString('./link/@state'); }
  set linkState(v: string | null) { this.setString('./link/@state', v); }
  get mtu(): number | null { return this.getInt('./mtu/@size'); }
  set mtu(v: number | null) { this.setInt('./mtu/@size', v); }
  get bootOrder(): number | null { return this.getInt('./boot/@order'); }
  set bootOrder(v: number | null) { this.setInt('./boot/@order', v); }
}

export class GraphicsXml extends XmlListItem {
  /** vnc | spice | … */
  get type(): string | null { return this.getString('./@type'); }
  set type(v: string | null) { this.setString('./@type', v); }
  /** TCP port; -1 (or null) until a running domain got one with autoport. */
  get port(): number | null { return this.getInt('./@port'); }
  set port(v: number | null) { this.setInt('./@port', v); }
  get autoport(): boolean | null { return this.getBool('./@autoport', 'yesno'); }
  set autoport(v: boolean | null) { this.setBool('./@autoport', 'yesno', v); }
  get passwd(): string | null { return this.getString('./@passwd'); }
  set passwd(v: string | null) { this.setString('./@passwd', v); }
  /** When the password stops working (UTC, YYYY-MM-DDTHH:MM:SS). */
  get passwdValidTo(): string | null { return this.getString('./@passwdValidTo'); }
  set passwdValidTo(v: string | null) { this.setString('./@passwdValidTo', v); }
  get keymap(): string | null { return this.getString('./@keymap'); }
  set keymap(v: string | null) { this.setString('./@keymap', v); }

  /** Listen address: the listen attribute or <listen type='address' address=…/>. */
  get listen(): string | null {
    return this.getString('./@listen') ?? this.getString("./listen[@type='address']/@address");
  }
  /** Replaces any listen config (address or socket) by this address, written both ways as libvirt does. */
  set listen(v: string | null) {
    this.clearListen();
    if (v === null) return;
    this.setString('./@listen', v);
    this.setString("./listen[@type='address']/@address", v);
  }

  /** UNIX socket path: the socket attribute or <listen type='socket' socket=…/>. */
  get socket(): string | null {
    return this.getString('./@socket') ?? this.getString("./listen[@type='socket']/@socket");
  }
  /** Replaces any listen config by this socket, written both ways as libvirt does. */
  set socket(v: string | null) {
    this.clearListen();
    if (v === null) return;
    this.setString('./@socket', v);
    this.setString("./listen[@type='socket']/@socket", v);
  }

  private clearListen(): void {
    for (const node of this.doc.find('./listen', this.node)) this.doc.removeNode(node);
    this.setString('./@listen', null);
    this.setString('./@socket', null);
  }
}

/** A character device: <serial>, <console> (and, with more, <channel>). */
export class ChardevXml extends XmlListItem {
  /** pty | file | unix | tcp | spicevmc | … */
  get type(): string | null { return this.getString('./@type'); }
  set type(v: string | null) { this.setString('./@type', v); }
  get sourcePath(): string | null { return this.getString('./source/@path'); }
  set sourcePath(v: string | null) { this.setString('./source/@path', v); }
  /** bind | connect */
  get sourceMode(): string | null { return this.getString('./source/@mode'); }
  set sourceMode(v: string | null) { this.setString('./source/@mode', v); }
  /** serial, virtio, isa-serial, … (for channels: virtio, guestfwd). */
  get targetType(): string | null { return this.getString('./target/@type'); }
  set targetType(v: string | null) { this.setString('./target/@type', v); }
  get targetPort(): number | null { return this.getInt('./target/@port'); }
  set targetPort(v: number | null) { this.setInt('./target/@port', v); }
  /** The pty a running console is on (live XML only). */
  get tty(): string | null { return this.getString('./@tty'); }
  /** File on the host where everything the device carries is also logged (virtlogd). */
  get logFile(): string | null { return this.getString('./log/@file'); }
  set logFile(v: string | null) { this.setString('./log/@file', v); }
  /** on: keep the log across starts; off: start it afresh each time the domain starts. */
  get logAppend(): string | null { return this.getString('./log/@append'); }
  set logAppend(v: string | null) { this.setString('./log/@append', v); }
}

export class ChannelXml extends ChardevXml {
  /** e.g. org.qemu.guest_agent.0 */
  get targetName(): string | null { return this.getString('./target/@name'); }
  set targetName(v: string | null) { this.setString('./target/@name', v); }
  /** connected | disconnected (live XML of a running domain). */
  get targetState(): string | null { return this.getString('./target/@state'); }
  /** qemu-vdagent channels: copy/paste between the VNC client and the guest (<source><clipboard copypaste=…/>). */
  get clipboardCopyPaste(): boolean | null { return this.getBool('./source/clipboard/@copypaste', 'yesno'); }
  set clipboardCopyPaste(v: boolean | null) { this.setBool('./source/clipboard/@copypaste', 'yesno', v); }
  /** qemu-vdagent channels: client | server (<source><mouse mode=…/>). */
  get mouseMode(): string | null { return this.getString('./source/mouse/@mode'); }
  set mouseMode(v: string | null) { this.setString('./source/mouse/@mode', v); }
}

export class VideoXml extends XmlListItem {
  /** virtio | vga | qxl | cirrus | bochs | none … */
  get model(): string | null { return this.getString('./model/@type'); }
  set model(v: string | null) { this.setString('./model/@type', v); }
}

export class ControllerXml extends XmlListItem {
  /** usb | pci | ide | sata | scsi | virtio-serial | … */
  get type(): string | null { return this.getString('./@type'); }
  set type(v: string | null) { this.setString('./@type', v); }
  get index(): number | null { return this.getInt('./@index'); }
  set index(v: number | null) { this.setInt('./@index', v); }
  get model(): string | null { return this.getString('./@model'); }
  set model(v: string | null) { this.setString('./@model', v); }
}

/** <tpm model=tpm-crb|tpm-tis><backend type=emulator|passthrough version=2.0/></tpm> */
export class TpmXml extends XmlListItem {
  get model(): string | null { return this.getString('./@model'); }
  set model(v: string | null) { this.setString('./@model', v); }
  get backendType(): string | null { return this.getString('./backend/@type'); }
  set backendType(v: string | null) { this.setString('./backend/@type', v); }
  get backendVersion(): string | null { return this.getString('./backend/@version'); }
  set backendVersion(v: string | null) { this.setString('./backend/@version', v); }
}
