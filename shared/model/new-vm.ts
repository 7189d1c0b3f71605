// New VM (the virt-manager way): what a host offers (domain capabilities), the OS presets, and the spec of a VM
// made from an ISO, an existing disk, the network (PXE) or nothing. Pure data; the core plans and builds it.
import type { ErrorReport } from './errors.js';

export const FIRMWARES = ['bios', 'uefi', 'uefi-secure'] as const;
export type Firmware = (typeof FIRMWARES)[number];
export const VIRT_TYPES = ['kvm', 'qemu'] as const;
export type VirtType = (typeof VIRT_TYPES)[number];

/** What a host can run, from its capabilities and domain capabilities (x86_64). */
export interface HostCaps {
  host: string;
  arch: string;
  virtTypes: VirtType[];
  /** Machine types, canonical names first (e.g. pc-q35-7.2), with their aliases (q35, pc). */
  machines: string[];
  firmware: { bios: boolean; uefi: boolean; secureBoot: boolean; loaders: string[] };
  tpm: { supported: boolean; models: string[]; backends: string[]; versions: string[] };
  /** CPU models the host can offer to a guest of the queried virt type (usable='yes'). */
  cpuModels: string[];
  cpuModes: string[];
  /** The virt type the firmware, TPM and CPU answers are for (kvm when offered, else qemu). */
  virtType: VirtType;
}

export interface OsPreset {
  id: string;
  family: 'linux' | 'windows' | 'generic';
  machine: 'q35' | 'pc';
  firmware: Firmware;
  tpm: boolean;
  /** virtio, or SATA + e1000e for guests without virtio drivers. Windows: virtio only with a driver ISO. */
  bus: 'virtio' | 'sata';
  clock: 'utc' | 'localtime';
  hyperv: boolean;
  vcpus: number;
  memoryMiB: number;
  diskBytes: number;
}

/** Where a host-side volume is. */
export interface VolumeRef {
  pool: string;
  volume: string;
}

/** The commands a host may download an ISO with (the first it has). */
export const DOWNLOADERS = ['curl', 'wget'] as const;
export type Downloader = (typeof DOWNLOADERS)[number];

/** An ISO given as a URL (scheme://…) rather than POOL/VOLUME: the host downloads it. */
export function isMediaUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}

/**
 * Where the VM starts from. A URL is downloaded on the host into the pool (checked against `sha256` when given); an
 * imported vmdk/vdi/raw disk with `convert` is copied into a new qcow2 volume by libvirt (the original is kept).
 */
export type VmSource =
  | { kind: 'cdrom'; iso: VolumeRef }
  | { kind: 'cdrom'; url: string; sha256?: string }
  | { kind: 'import'; disk: VolumeRef; convert?: 'qcow2' }
  | { kind: 'import'; path: string; convert?: 'qcow2' }
  | { kind: 'pxe' }
  | { kind: 'none' };

export interface VmCreateSpec {
  host: string;
  name: string;
  source: VmSource;
  /** An OS preset id (os list); default generic. */
  os?: string;
  vcpus?: number;
  memoryMiB?: number;
  /** The new blank disk (cdrom, pxe, none); 0 = none. Default the preset's. */
  diskBytes?: number;
  /** Where the new disk goes; default `default`. */
  pool?: string;
  /** Libvirt networks, one NIC each; default `default`. */
  networks?: string[];
  firmware?: Firmware;
  tpm?: boolean;
  virtType?: VirtType;
  /** Windows: the virtio-win driver ISO, attached as a second CD-ROM (virtio disk and NIC then). */
  drivers?: VolumeRef;
  start?: boolean;
}

/** A spec's problem or warning, with the spec field it is about. */
export type VmCreateIssue = ErrorReport & { field: string };

export interface VmCreatePlan {
  host: string;
  name: string;
  preset: string;
  firmware: Firmware;
  tpm: boolean;
  virtType: VirtType;
  vcpus: number;
  memoryMiB: number;
  bus: 'virtio' | 'sata';
  /** The blank disk to create (pool/volume, bytes), or null. */
  newDisk: { pool: string; volume: string; bytes: number } | null;
  /** The imported disk's format as the host reports it (qcow2, raw, vmdk, vdi), or null. */
  importFormat: string | null;
  /** The imported disk copied into a new qcow2 volume first (from: its path on the host), or null. */
  convert: { from: string; to: VolumeRef } | null;
  /** The install ISO downloaded on the host first, as a new volume, or null. */
  download: { url: string; sha256: string | null; pool: string; volume: string; tool: Downloader } | null;
  domainXml: string;
}

export interface VmCreateValidation {
  ok: boolean;
  errors: VmCreateIssue[];
  warnings: VmCreateIssue[];
  plan: VmCreatePlan | null;
}

export interface VmCreateResult {
  host: string;
  name: string;
  uuid: string;
  started: boolean;
  createdVolumes: string[];
  warnings: VmCreateIssue[];
}
