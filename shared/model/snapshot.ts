// VM snapshots as the core reports them (one tree per VM: parent + children, one current).

export const SNAPSHOT_KINDS = ['internal', 'external'] as const;
/** internal: inside the qcow2 (with memory when the VM runs); external: disk-only overlay files. */
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

export interface SnapshotDisk {
  /** Disk target, e.g. "vda". */
  target: string;
  /** internal | external | no | manual */
  mode: string;
  /** External: the overlay file the snapshot started (where writes went afterwards). */
  overlay: string | null;
  /** The image frozen by the snapshot (the disk's source at snapshot time). */
  image: string | null;
}

export interface SnapshotInfo {
  host: string;
  vm: string;
  name: string;
  description: string | null;
  /** ISO time, or null when libvirt does not say. */
  createdAt: string | null;
  /** Domain state when taken: running, shutoff, disk-snapshot, ... */
  state: string | null;
  kind: SnapshotKind;
  /** True when the snapshot holds the VM's memory (reverting resumes the running guest). */
  memory: boolean;
  parent: string | null;
  children: string[];
  current: boolean;
  disks: SnapshotDisk[];
  /** Bytes on the host: overlay allocation (external) or saved memory state (internal); null when unknown. */
  sizeBytes: number | null;
}

export interface SnapshotCreateSpec {
  name: string;
  description?: string;
  kind: SnapshotKind;
}
