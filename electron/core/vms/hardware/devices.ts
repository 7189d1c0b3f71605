// Device XML for libvirt's attach/detach/update calls, built with the domain model, and the names a new device
// gets (next free target, a new MAC).
import { randomBytes } from 'node:crypto';
import type { DiskBus, NicModel } from '../../../../shared/model/hardware.js';
import { DomainXml } from '../../../libvirt/xml/domain.js';
import type { DiskXml, InterfaceXml } from '../../../libvirt/xml/domain-devices.js';

/** A place to build one device in: the model builds devices only inside a domain. */
export const holder = (): DomainXml => DomainXml.create({ name: 'device', memoryKiB: 1, vcpus: 1 });

/** Where a disk's image lives: a file, or a block device (logical/disk pools). */
export interface DiskImage {
  path: string;
  block: boolean;
  format: string;
}

export function setDiskImage(d: DiskXml, img: DiskImage | null): void {
  d.sourceFile = null;
  d.sourceDev = null;
  d.sourcePool = null;
  d.sourceVolume = null;
  // An empty drive is an empty file drive: libvirt 9.0's daemon crashes on a live update to a type='volume' drive
  // without a source (what ejecting a new VM's pool ISO would send).
  if (img === null) {
    if (d.type === 'volume') d.type = 'file';
    return;
  }
  d.type = img.block ? 'block' : 'file';
  if (img.block) d.sourceDev = img.path;
  else d.sourceFile = img.path;
  d.driverName = 'qemu';
  d.driverType = img.format;
}

export function diskDeviceXml(img: DiskImage, target: string, bus: DiskBus): string {
  const d = holder().addDisk({ device: 'disk', targetDev: target, targetBus: bus });
  setDiskImage(d, img);
  return d.toXml();
}

export function cdromDeviceXml(img: DiskImage, target: string, bus: string): string {
  const d = holder().addDisk({ device: 'cdrom', targetDev: target, targetBus: bus, readonly: true });
  setDiskImage(d, img);
  return d.toXml();
}

/** What a NIC is plugged into: a libvirt network or a bridge on the host. */
export type NicSource = { network: string } | { bridge: string };

/** Plugs a NIC into `source`; its old <source> goes whole (a live one carries portid and bridge of the old network). */
export function setNicSource(n: InterfaceXml, source: NicSource): void {
  n.doc.remove('./source', n.node);
  if ('network' in source) {
    n.type = 'network';
    n.sourceNetwork = source.network;
  } else {
    n.type = 'bridge';
    n.sourceBridge = source.bridge;
  }
}

export function nicDeviceXml(source: NicSource, mac: string, model: NicModel): string {
  const n = holder().addInterface({ mac, model });
  setNicSource(n, source);
  return n.toXml();
}

/** Guest device names start with vd (virtio), sd (scsi, sata) or hd (ide). */
const PREFIX: Record<string, string> = { virtio: 'vd', scsi: 'sd', sata: 'sd', ide: 'hd', usb: 'sd' };

/** vda, …, vdz, vdaa, … : the n-th name (0-based) of a prefix, as libvirt counts them. */
function nthName(prefix: string, n: number): string {
  let s = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(97 + ((i - 1) % 26)) + s;
  return prefix + s;
}

/** The first name of the bus's prefix that no device in `taken` has. */
export function nextTarget(bus: string, taken: ReadonlySet<string>): string {
  const prefix = PREFIX[bus] ?? 'sd';
  for (let n = 0; ; n++) {
    const name = nthName(prefix, n);
    if (!taken.has(name)) return name;
  }
}

/** A locally administered unicast MAC in QEMU's 52:54:00 range. */
export function randomMac(): string {
  return ['52', '54', '00', ...[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

/** A new MAC that the VM does not have yet. */
export function newMac(taken: ReadonlySet<string>): string {
  for (;;) {
    const mac = randomMac();
    if (!taken.has(mac)) return mac;
  }
}
