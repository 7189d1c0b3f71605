// <domainsnapshot> XML. The embedded <domain> is libvirt's record of the domain at snapshot time:
// it is readable (as a copy) but never edited.
import { DomainXml } from './domain.js';
import { type Settable, XmlListItem, XmlRootModel } from './node-model.js';
import { XmlDoc, type XmlSchema } from './xml-doc.js';

export const SNAPSHOT_MODES = ['no', 'internal', 'external', 'manual'] as const;
export type SnapshotMode = (typeof SNAPSHOT_MODES)[number];

export const SNAPSHOT_SCHEMA: XmlSchema = {
  root: 'domainsnapshot',
  namespaces: {},
  order: {
    domainsnapshot: [
      'name', 'description', 'state', 'parent', 'creationTime', 'memory', 'disks', 'active', 'domain',
      'inactiveDomain', 'cookie',
    ],
    disk: ['driver', 'source'],
  },
};

export class SnapshotDiskXml extends XmlListItem {
  /** Disk target (vda) or source path. */
  get name(): string | null { return this.getString('./@name'); }
  set name(v: string | null) { this.setString('./@name', v); }
  get snapshot(): SnapshotMode | null { return this.getEnum('./@snapshot', SNAPSHOT_MODES); }
  set snapshot(v: SnapshotMode | null) { this.setEnum('./@snapshot', SNAPSHOT_MODES, v); }
  /** External snapshots: the new overlay file. */
  get sourceFile(): string | null { return this.getString('./source/@file'); }
  set sourceFile(v: string | null) { this.setString('./source/@file', v); }
  get driverType(): string | null { return this.getString('./driver/@type'); }
  set driverType(v: string | null) { this.setString('./driver/@type', v); }
}

export class SnapshotXml extends XmlRootModel {
  static parse(xml: string): SnapshotXml {
    return new SnapshotXml(XmlDoc.parse(xml, SNAPSHOT_SCHEMA));
  }

  /** What snapshot-create takes: a name and optionally description, memory mode, per-disk modes. */
  static create(init: Settable<SnapshotXml> & { name: string }): SnapshotXml {
    return new SnapshotXml(XmlDoc.create(SNAPSHOT_SCHEMA)).assign(init);
  }

  get name(): string | null { return this.getString('./name'); }
  set name(v: string | null) { this.setString('./name', v); }
  get description(): string | null { return this.getString('./description'); }
  set description(v: string | null) { this.setString('./description', v); }
  /** Domain state when taken: running | shutoff | paused | disk-snapshot | … (output only). */
  get state(): string | null { return this.getString('./state'); }
  /** Seconds since the epoch (output only). */
  get creationTime(): number | null { return this.getInt('./creationTime'); }
  get parentName(): string | null { return this.getString('./parent/name'); }
  get memorySnapshot(): SnapshotMode | null { return this.getEnum('./memory/@snapshot', SNAPSHOT_MODES); }
  set memorySnapshot(v: SnapshotMode | null) { this.setEnum('./memory/@snapshot', SNAPSHOT_MODES, v); }
  /** External memory snapshots: the state file. */
  get memoryFile(): string | null { return this.getString('./memory/@file'); }
  set memoryFile(v: string | null) { this.setString('./memory/@file', v); }

  get disks(): SnapshotDiskXml[] { return this.list('./disks/disk', (doc, el) => new SnapshotDiskXml(doc, el)); }
  addDisk(init: Settable<SnapshotDiskXml> = {}): SnapshotDiskXml {
    return this.addChild('./disks', 'disk', (doc, el) => new SnapshotDiskXml(doc, el)).assign(init);
  }

  /** A parsed copy of the embedded domain (edits to it do not change this snapshot), or null. */
  embeddedDomain(): DomainXml | null {
    const el = this.doc.findElements('./domain', this.node)[0];
    return el ? DomainXml.parse(el.toString()) : null;
  }

  /** A running domain's persistent definition at snapshot time (<inactiveDomain>, libvirt ≥ 7.0), or null. */
  embeddedInactiveDomain(): DomainXml | null {
    const el = this.doc.findElements('./inactiveDomain', this.node)[0];
    if (!el) return null;
    // The model's root is <domain>: same content under the other element name.
    return DomainXml.parse(el.toString().replace(/^<inactiveDomain\b/, '<domain').replace(/<\/inactiveDomain>$/, '</domain>'));
  }
}
