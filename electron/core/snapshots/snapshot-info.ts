// <domainsnapshot> XML → SnapshotInfo (pure; sizes are filled in by the service).
import type { SnapshotDisk, SnapshotInfo, SnapshotKind } from '../../../shared/model/snapshot.js';
import type { SnapshotXml } from '../../libvirt/xml/snapshot.js';

export function snapshotKind(sx: SnapshotXml): SnapshotKind {
  const external = sx.memorySnapshot === 'external' || sx.disks.some((d) => d.snapshot === 'external');
  return external ? 'external' : 'internal';
}

/** The domain definition the snapshot recorded (persistent one when libvirt kept both). */
export function recordedDomain(sx: SnapshotXml) {
  return sx.embeddedInactiveDomain() ?? sx.embeddedDomain();
}

export function snapshotDisks(sx: SnapshotXml): SnapshotDisk[] {
  const dom = sx.embeddedDomain();
  return sx.disks.map((d) => {
    const target = d.name ?? '';
    const recorded = dom?.disks.find((x) => x.targetDev === target);
    return {
      target,
      mode: d.snapshot ?? 'no',
      overlay: d.snapshot === 'external' ? d.sourceFile : null,
      image: recorded?.sourceDisplay() ?? null,
    };
  });
}

export function toSnapshotInfo(
  host: string,
  vm: string,
  sx: SnapshotXml,
  current: boolean,
  children: string[],
): SnapshotInfo {
  const created = sx.creationTime;
  return {
    host,
    vm,
    name: sx.name ?? '',
    description: sx.description,
    createdAt: created === null ? null : new Date(created * 1000).toISOString(),
    state: sx.state,
    kind: snapshotKind(sx),
    memory: sx.memorySnapshot === 'internal' || sx.memorySnapshot === 'external',
    parent: sx.parentName,
    children,
    current,
    disks: snapshotDisks(sx),
    sizeBytes: null,
  };
}
