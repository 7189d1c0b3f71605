// Domain snapshots and block jobs over a LibvirtConnection's generic call().
import type { ResourceRef } from '../../shared/model/events.js';
import type { LibvirtConnection } from './connection.js';
import { writeDomain, type DomainRef } from './protocol/structs.js';
import {
  SnapshotProc,
  readBlockJobInfo,
  readSnapshot,
  writeSnapshot,
  type BlockJobInfo,
  type SnapshotRef,
} from './protocol/snapshots.js';

const none = (): void => undefined;
const snapRef = (s: SnapshotRef): ResourceRef => ({ kind: 'snapshot', vm: s.dom.uuid, name: s.name });
const optString = (w: Parameters<typeof writeDomain>[0], s: string) => void w.string(s);

/** Creates a snapshot from <domainsnapshot> XML; flags: SnapshotCreateFlags. */
export function snapshotCreateXml(lv: LibvirtConnection, dom: DomainRef, xml: string, flags = 0): Promise<SnapshotRef> {
  return lv.call(SnapshotProc.DOMAIN_SNAPSHOT_CREATE_XML, (w) => (writeDomain(w, dom), w.string(xml).uint(flags)), readSnapshot, {
    changes: snapRef,
  });
}

/** flags: 1 = SECURE. */
export function snapshotGetXmlDesc(lv: LibvirtConnection, snap: SnapshotRef, flags = 0): Promise<string> {
  return lv.call(SnapshotProc.DOMAIN_SNAPSHOT_GET_XML_DESC, (w) => (writeSnapshot(w, snap), w.uint(flags)), (r) => r.string());
}

export function snapshotLookupByName(lv: LibvirtConnection, dom: DomainRef, name: string): Promise<SnapshotRef> {
  return lv.call(SnapshotProc.DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, (w) => (writeDomain(w, dom), w.string(name).uint(0)), readSnapshot);
}

/** All snapshots of a domain (flags: virDomainSnapshotListFlags). */
export function listAllSnapshots(lv: LibvirtConnection, dom: DomainRef, flags = 0): Promise<SnapshotRef[]> {
  return lv.call(SnapshotProc.DOMAIN_LIST_ALL_SNAPSHOTS, (w) => (writeDomain(w, dom), w.int(1).uint(flags)), (r) => {
    const snaps = r.array(readSnapshot);
    r.int();
    return snaps;
  });
}

export function snapshotIsCurrent(lv: LibvirtConnection, snap: SnapshotRef): Promise<boolean> {
  return lv.call(SnapshotProc.DOMAIN_SNAPSHOT_IS_CURRENT, (w) => (writeSnapshot(w, snap), w.uint(0)), (r) => r.int() !== 0);
}

/** flags: SnapshotRevertFlags. */
export function revertToSnapshot(lv: LibvirtConnection, snap: SnapshotRef, flags = 0): Promise<void> {
  return lv.call(SnapshotProc.DOMAIN_REVERT_TO_SNAPSHOT, (w) => (writeSnapshot(w, snap), w.uint(flags)), none, {
    changes: () => snapRef(snap),
  });
}

/** flags: SnapshotDeleteFlags. */
export function snapshotDelete(lv: LibvirtConnection, snap: SnapshotRef, flags = 0): Promise<void> {
  return lv.call(SnapshotProc.DOMAIN_SNAPSHOT_DELETE, (w) => (writeSnapshot(w, snap), w.uint(flags)), none, {
    changes: () => snapRef(snap),
  });
}

/** Starts a commit of `top` (null: the active layer) into `base` (null: the bottom) of `disk`; flags: BlockCommitFlags. */
export function blockCommit(
  lv: LibvirtConnection,
  dom: DomainRef,
  disk: string,
  base: string | null,
  top: string | null,
  flags = 0,
): Promise<void> {
  return lv.call(
    SnapshotProc.DOMAIN_BLOCK_COMMIT,
    (w) => (writeDomain(w, dom), w.string(disk).optional(base, optString).optional(top, optString).uhyper(0).uint(flags)),
    none,
  );
}

export function getBlockJobInfo(lv: LibvirtConnection, dom: DomainRef, disk: string): Promise<BlockJobInfo | null> {
  return lv.call(SnapshotProc.DOMAIN_GET_BLOCK_JOB_INFO, (w) => (writeDomain(w, dom), w.string(disk).uint(0)), readBlockJobInfo);
}

/** Ends the disk's block job; flags: BlockJobAbortFlags (PIVOT switches to the commit's base). */
export function blockJobAbort(lv: LibvirtConnection, dom: DomainRef, disk: string, flags = 0): Promise<void> {
  return lv.call(SnapshotProc.DOMAIN_BLOCK_JOB_ABORT, (w) => (writeDomain(w, dom), w.string(disk).uint(flags)), none);
}
