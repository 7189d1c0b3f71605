// A VM's hardware as the Hardware tab and `virtdeck vm set|disk|cdrom|nic|boot` see it, and what a change did.
import type { DiskInfo } from './vm.js';

export const DISK_BUSES = ['virtio', 'scsi', 'sata'] as const;
export type DiskBus = (typeof DISK_BUSES)[number];
export const NEW_DISK_FORMATS = ['qcow2', 'raw'] as const;
export const NIC_MODELS = ['virtio', 'e1000e'] as const;
export type NicModel = (typeof NIC_MODELS)[number];
export const BOOT_DEVICES = ['hd', 'cdrom', 'network'] as const;
export type BootDevice = (typeof BOOT_DEVICES)[number];

/** The parts of a VM a change touches; a front end words them. */
export const HW_PARTS = [
  'vcpus', 'max-vcpus', 'memory', 'max-memory', 'disk', 'cdrom', 'nic', 'nic-link', 'nic-source', 'boot', 'graphics', 'serial', 'agent',
  'clipboard',
] as const;
export type HwPart = (typeof HW_PARTS)[number];

export interface HwNic {
  mac: string;
  /** network | bridge | direct | user … */
  type: string;
  source: string | null;
  model: string | null;
  linkUp: boolean;
}

/** One definition of a VM (the persistent one, or the running one). */
export interface HwState {
  vcpus: number;
  maxVcpus: number;
  memoryMiB: number;
  maxMemoryMiB: number;
  disks: DiskInfo[];
  nics: HwNic[];
  boot: string[];
  /** Per-device boot order: disk targets and NIC MACs by their <boot order=N/> (empty when <os><boot> is used). */
  bootOrder: string[];
  bootMenu: boolean;
  /** Graphics types (vnc, spice…) and video models; a serial port; the guest agent channel. */
  graphics: string[];
  video: string[];
  serial: boolean;
  agent: boolean;
  /** A qemu-vdagent channel with copy/paste on: the VNC console's clipboard reaches the guest's (spice-vdagent). */
  clipboard: boolean;
}

export interface HardwareView {
  running: boolean;
  autostart: boolean;
  /** What the VM boots with next time. */
  config: HwState;
  /** What it runs with now (null when it is off). */
  live: HwState | null;
}

/**
 * Where a change went: `live` parts apply now, `config` parts at the next boot. On a running VM a part in config
 * but not in live waits for a restart.
 */
export interface HwChangeResult {
  running: boolean;
  live: HwPart[];
  config: HwPart[];
}

/** The parts of a change that wait for a restart of a running VM. */
export function waitsForRestart(r: HwChangeResult): HwPart[] {
  return r.running ? r.config.filter((p) => !r.live.includes(p)) : [];
}
