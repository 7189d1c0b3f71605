// Shapes the inventory stores and returns. VMs are keyed by (host, uuid): the same uuid on two hosts (e.g. after a
// migration, or a copied disk image with its domain XML) is two rows, one per host.
import type { VmInfo } from '../../shared/model/vm.js';

/** The live fields and the facts (lock, tags, owner, notes, custom values) of a VM as listed from a connected host. */
export type VmSnapshot = Pick<
  VmInfo,
  | 'name' | 'uuid' | 'state' | 'vcpus' | 'memoryMiB' | 'autostart' | 'persistent' | 'disks' | 'nics' | 'ips'
  | 'locked' | 'tags' | 'owner' | 'notes' | 'fields'
> & {
  /** Digest of the live XML the disks, NICs and facts were read from (stored; unknown: read again next time). */
  xmlDigest?: string;
};

/** A VM row: what the host said last + host + when seen. Stale-ness is not stored: the core derives it from host status. */
export type StoredVm = Omit<VmInfo, 'stale'>;

export interface SyncResult {
  /** Rows that did not exist before, as stored. */
  added: StoredVm[];
  /** Rows whose live fields changed, as stored now. */
  changed: StoredVm[];
  /** Rows no longer on the host, as they were before removal. */
  removed: StoredVm[];
  /** Number of rows whose live fields did not change (their lastSeen was still updated). */
  unchanged: number;
}

export interface EventInput {
  host: string | null;
  vmUuid: string | null;
  kind: string;
  message: string;
  at: Date;
  /** Any JSON-serializable value; omitted or undefined is stored as null. */
  data?: unknown;
}

export interface StoredEvent {
  /** Increasing, never reused: use it as `sinceId` to tail the history. */
  id: number;
  host: string | null;
  vmUuid: string | null;
  kind: string;
  message: string;
  /** ISO-8601. */
  at: string;
  data: unknown;
}

export interface VmFilter {
  host?: string;
}

export interface EventFilter {
  host?: string;
  vmUuid?: string;
  /** With sinceId: the first `limit` events after it. Without: the latest `limit` events. Always oldest first. */
  limit?: number;
  /** Only events with id > sinceId. */
  sinceId?: number;
}
