// Snapshot and block-job procedures of the remote program (numbers and structs from remote_protocol.x),
// kept apart from procedures.ts so the snapshot feature owns its own wire definitions.
import type { XdrReader, XdrWriter } from '../xdr/index.js';
import { readDomain, writeDomain, type DomainRef } from './structs.js';

export const SnapshotProc = {
  DOMAIN_SNAPSHOT_CREATE_XML: 185,
  DOMAIN_SNAPSHOT_GET_XML_DESC: 186,
  DOMAIN_SNAPSHOT_LOOKUP_BY_NAME: 189,
  DOMAIN_SNAPSHOT_CURRENT: 191,
  DOMAIN_REVERT_TO_SNAPSHOT: 192,
  DOMAIN_SNAPSHOT_DELETE: 193,
  DOMAIN_BLOCK_JOB_ABORT: 237,
  DOMAIN_GET_BLOCK_JOB_INFO: 238,
  DOMAIN_SNAPSHOT_IS_CURRENT: 271,
  DOMAIN_LIST_ALL_SNAPSHOTS: 274,
  DOMAIN_BLOCK_COMMIT: 290,
} as const;

/** remote_nonnull_domain_snapshot */
export interface SnapshotRef {
  name: string;
  dom: DomainRef;
}

export function writeSnapshot(w: XdrWriter, s: SnapshotRef): void {
  w.string(s.name);
  writeDomain(w, s.dom);
}

export function readSnapshot(r: XdrReader): SnapshotRef {
  return { name: r.string(), dom: readDomain(r) };
}

/** virDomainSnapshotCreateFlags */
export const SnapshotCreateFlags = {
  REDEFINE: 1,
  CURRENT: 2,
  NO_METADATA: 4,
  HALT: 8,
  DISK_ONLY: 16,
  REUSE_EXT: 32,
  QUIESCE: 64,
  ATOMIC: 128,
  LIVE: 256,
  VALIDATE: 512,
} as const;

/** virDomainSnapshotDeleteFlags */
export const SnapshotDeleteFlags = { CHILDREN: 1, METADATA_ONLY: 2, CHILDREN_ONLY: 4 } as const;

/** virDomainSnapshotRevertFlags */
export const SnapshotRevertFlags = { RUNNING: 1, PAUSED: 2, FORCE: 4, RESET_NVRAM: 8 } as const;

/** virDomainBlockCommitFlags */
export const BlockCommitFlags = { SHALLOW: 1, DELETE: 2, ACTIVE: 4, RELATIVE: 8, BANDWIDTH_BYTES: 16 } as const;

/** virDomainBlockJobAbortFlags */
export const BlockJobAbortFlags = { ASYNC: 1, PIVOT: 2 } as const;

/** virDomainBlockJobType */
export const BLOCK_JOB_TYPES = ['unknown', 'pull', 'copy', 'commit', 'active-commit', 'backup'] as const;

/** remote_domain_get_block_job_info_ret; null when no job runs on the disk. */
export interface BlockJobInfo {
  type: (typeof BLOCK_JOB_TYPES)[number];
  bandwidth: number;
  cur: number;
  end: number;
}

export function readBlockJobInfo(r: XdrReader): BlockJobInfo | null {
  const found = r.int();
  const type = BLOCK_JOB_TYPES[r.int()] ?? 'unknown';
  const info = { type, bandwidth: r.uhyperNumber(), cur: r.uhyperNumber(), end: r.uhyperNumber() };
  return found === 1 ? info : null;
}
