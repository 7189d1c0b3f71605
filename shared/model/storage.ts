// Storage pools and volumes as every room sees them: what the pool/volume wizards ask for and what lists show.
import { report, type ErrorReport } from './errors.js';

export const POOL_TYPES = ['dir', 'fs', 'netfs', 'logical', 'iscsi', 'rbd'] as const;
export type PoolType = (typeof POOL_TYPES)[number];

export const POOL_ACTIONS = ['start', 'stop', 'build', 'refresh'] as const;
export type PoolAction = (typeof POOL_ACTIONS)[number];

export const FS_FORMATS = ['auto', 'ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'vfat'] as const;
export const NETFS_FORMATS = ['nfs', 'cifs', 'glusterfs'] as const;
/** Pool types whose sources the host can discover (NFS exports, LVM volume groups, iSCSI targets). */
export const DISCOVERABLE_POOL_TYPES = ['netfs', 'logical', 'iscsi'] as const;
export type DiscoverablePoolType = (typeof DISCOVERABLE_POOL_TYPES)[number];

/**
 * One flat shape for every type; which fields each type needs:
 * - dir: target (the directory).
 * - fs: device (a block device, e.g. /dev/sdb1 or /dev/loop0), target (mount point), format (default auto).
 * - netfs: host + sourcePath (the export, e.g. /srv/nfs), target (mount point), format (default nfs).
 * - logical: sourceName (volume group; default the pool name), devices (physical volumes; needed only to build).
 * - iscsi: host (portal, optional port) + sourcePath (target IQN); volumes appear under /dev/disk/by-path.
 * - rbd: host (one or more Ceph monitors) + sourceName (RBD pool), optional authUser + secretUuid.
 */
export interface PoolSpec {
  name: string;
  type: PoolType;
  target?: string;
  device?: string;
  devices?: string[];
  host?: string | string[];
  port?: number;
  sourcePath?: string;
  sourceName?: string;
  format?: string;
  authUser?: string;
  secretUuid?: string;
}

export interface PoolInfo {
  host: string;
  name: string;
  uuid: string;
  type: string;
  state: string;
  autostart: boolean;
  /** Bytes; 0 while the pool is inactive. */
  capacity: number;
  allocation: number;
  available: number;
  targetPath: string | null;
  source: string | null;
  /**
   * The host filesystem a running dir/fs/netfs pool's directory lives on (its device number), so pools sharing one
   * filesystem are told apart from pools that merely report the same numbers; null when not known (in lists only).
   */
  filesystem: string | null;
}

/** A host's storage: every running pool's filesystem counted once (several dir pools on `/` report `/` each). */
export function storageTotal(pools: readonly PoolInfo[]): { capacity: number; allocation: number; available: number } {
  const seen = new Set<string>();
  const total = { capacity: 0, allocation: 0, available: 0 };
  for (const p of pools) {
    const key = p.filesystem === null ? `pool:${p.host}:${p.uuid}` : `fs:${p.host}:${p.filesystem}`;
    if (p.state !== 'running' || seen.has(key)) continue;
    seen.add(key);
    total.capacity += p.capacity;
    total.allocation += p.allocation;
    total.available += p.available;
  }
  return total;
}

export interface PoolDefineOptions {
  /** Create the pool's storage first (mkdir, mkfs of a blank device, vgcreate). */
  build?: boolean;
  start?: boolean;
  autostart?: boolean;
}

/**
 * What deleting a pool does, as data the front ends word: the definition goes (the pool stopped first when `stop`);
 * without deleteData its storage stays where `targetPath`/`source` say; with it, the volumes are destroyed and then
 * the pool's storage as its `type` has it (a directory, a mount point, a volume group).
 */
export interface PoolDeletePlan {
  host: string;
  pool: string;
  type: string;
  targetPath: string | null;
  source: string | null;
  deleteData: boolean;
  stop: boolean;
  /** With deleteData, what is destroyed; a volume with users (VMs, snapshots, clones elsewhere) refuses the delete. */
  volumes: Array<{ name: string; path: string; allocation: number; users: VolumeUser[] }>;
}

export interface PoolSourceCandidate {
  /** Server (netfs, iscsi). */
  host: string | null;
  /** NFS export path, iSCSI target IQN. */
  path: string | null;
  /** Volume group (logical). */
  name: string | null;
  /** Physical volumes (logical). */
  devices: string[];
  format: string | null;
}

export const VOLUME_FORMATS = ['qcow2', 'raw'] as const;
export type VolumeFormat = (typeof VOLUME_FORMATS)[number];

/** off: sparse/thin; metadata: qcow2 tables written up front; full: every byte allocated now. */
export const PREALLOCATIONS = ['off', 'metadata', 'full'] as const;
export type Preallocation = (typeof PREALLOCATIONS)[number];

export interface VolumeInfo {
  host: string;
  pool: string;
  name: string;
  key: string;
  path: string;
  type: string;
  format: string | null;
  capacity: number;
  allocation: number;
  /** Backing files from the nearest down to the base image; empty for a volume without one. */
  backingChain: string[];
}

/**
 * Something on the host that needs an image, so deleting or overwriting the image would break it: a VM's disk (its
 * live or persistent definition), a disk a snapshot recorded, or a volume built on the image (a linked clone, an
 * external snapshot's overlay). Through backing chains too: a VM whose disk is a clone of the image uses it.
 */
export interface VolumeUser {
  kind: 'vm' | 'snapshot' | 'volume';
  /** The VM's name, the snapshot's name, or the volume as pool/volume. */
  name: string;
  /** snapshot: the VM it belongs to. */
  vm?: string;
  /** vm and snapshot: the image they use directly when it is built on this one (a linked clone, an overlay). */
  via?: string;
  /** volume: its path. */
  path?: string;
}

export interface VolumeCreateOptions {
  name: string;
  /** Bytes; with a backing volume it defaults to the backing volume's size. */
  capacity?: number;
  format?: VolumeFormat;
  preallocation?: Preallocation;
  /** Name of a volume in the same pool, or an absolute path on the host: makes a linked (qcow2 overlay) clone. */
  backing?: string;
  /** Allow a thin volume larger than the pool's free space. */
  overcommit?: boolean;
}

export interface TransferResult {
  bytes: number;
  sha256: string;
  ms: number;
  /** Straight into/out of the volume's file over the host's SSH link (a file-backed pool), or libvirt's volume stream. */
  via: 'ssh' | 'stream';
}

/** Each user as a report the front ends word: VM web, snapshot web/s1, volume default/clone.qcow2, VM db (through …). */
export function userReports(users: readonly VolumeUser[]): ErrorReport[] {
  return users.map((u) => {
    const who =
      u.kind === 'vm' ? report('user.vm', { name: u.name }) : u.kind === 'snapshot' ? report('user.snapshot', { vm: u.vm ?? '', name: u.name }) : report('user.volume', { name: u.name });
    return u.via ? report('user.via', { user: who, via: u.via }) : who;
  });
}
