// Data shapes of VMs as every room sees them (core → CLI JSON, IPC, renderer). Plain data only.

/** libvirt's virDomainState, by name. */
export const VM_STATES = ['nostate', 'running', 'blocked', 'paused', 'shutdown', 'shutoff', 'crashed', 'pmsuspended'] as const;
export type VmState = (typeof VM_STATES)[number];

export interface DiskInfo {
  /** Guest device name, e.g. "vda". */
  target: string;
  device: 'disk' | 'cdrom' | 'floppy' | 'lun';
  /** File path, volume "pool/vol", block device or network source; null for an empty CD-ROM. */
  source: string | null;
  format: string | null;
  bus: string | null;
}

export interface NicInfo {
  mac: string;
  /** "network", "bridge", "direct", "user", ... */
  type: string;
  /** Network name or bridge device. */
  source: string | null;
  model: string | null;
  ips: string[];
}

export interface VmInfo {
  host: string;
  name: string;
  uuid: string;
  state: VmState;
  vcpus: number;
  memoryMiB: number;
  autostart: boolean;
  persistent: boolean;
  locked: boolean;
  disks: DiskInfo[];
  nics: NicInfo[];
  /** All known guest IPs (from NICs). */
  ips: string[];
  tags: string[];
  owner: string | null;
  /** Multi-line; '' when none. */
  notes: string;
  /** Custom column values by column name. */
  fields: Record<string, string>;
  /** ISO-8601 timestamps. */
  firstSeen: string;
  lastSeen: string;
  /** True when the host is not connected: the row comes from the inventory. */
  stale: boolean;
}

/** "host/vm" reference used by the CLI and the API. */
export interface VmRef {
  host: string;
  /** Name or UUID. */
  vm: string;
}

export const VM_ACTIONS = ['start', 'shutdown', 'reboot', 'destroy', 'suspend', 'resume', 'save', 'reset'] as const;
export type VmAction = (typeof VM_ACTIONS)[number];

/** How long a graceful shutdown waits for the guest to be off before its task says the guest ignored it. */
export const SHUTDOWN_WAIT_SEC = 60;
