// A clone's new identity on its copy of the source's inactive XML: name, UUID, a new MAC per NIC, its own disk
// volumes, its own NVRAM file and serial log; everything else (devices, foreign metadata, tags) stays as it was.
import type { DomainXml } from '../../../libvirt/xml/domain.js';
import { instanceSerialLog } from '../../instances/domain-spec.js';

export interface CloneDisk {
  pool: string;
  volume: string;
  path: string;
}

export interface CloneIdentity {
  name: string;
  uuid: string;
  /** The new MAC of each source MAC (every NIC has one). */
  macs: ReadonlyMap<string, string>;
  /** The clone's volume per disk target (vda, …); disks not named here stay shared with the source (CD-ROMs). */
  disks: ReadonlyMap<string, CloneDisk>;
}

/** Where the clone keeps its UEFI variables: beside the source's file, named after the clone (libvirt's own scheme). */
export function cloneNvramPath(sourceNvram: string, name: string): string {
  return `${sourceNvram.slice(0, sourceNvram.lastIndexOf('/') + 1)}${name}_VARS.fd`;
}

export function rewriteIdentity(xml: DomainXml, id: CloneIdentity): void {
  const oldName = xml.name ?? '';
  xml.name = id.name;
  xml.uuid = id.uuid;
  // libvirt creates the clone's NVRAM from the template at first start: the clone never writes the source's.
  if (xml.nvram !== null) xml.nvram = cloneNvramPath(xml.nvram, id.name);
  for (const nic of xml.interfaces) {
    const mac = nic.mac === null ? undefined : id.macs.get(nic.mac.toLowerCase());
    if (mac === undefined) throw new Error(`no new MAC for ${nic.mac ?? 'a NIC without one'}`);
    nic.mac = mac;
    nic.targetDev = null;
  }
  for (const disk of xml.disks) {
    const to = disk.targetDev === null ? undefined : id.disks.get(disk.targetDev);
    if (!to) continue;
    if (disk.type === 'volume') {
      disk.sourcePool = to.pool;
      disk.sourceVolume = to.volume;
    } else {
      disk.type = 'file';
      disk.sourceFile = to.path;
    }
  }
  for (const serial of xml.serials) {
    if (serial.logFile !== null && serial.logFile === instanceSerialLog(oldName)) serial.logFile = instanceSerialLog(id.name);
  }
  // A lock protects the source; the clone is new.
  xml.virtdeck.locked = false;
}
