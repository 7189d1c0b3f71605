// <volume> XML (storage volumes).
import { XmlRootModel } from './node-model.js';
import { XmlDoc, type XmlSchema } from './xml-doc.js';

export const VOLUME_SCHEMA: XmlSchema = {
  root: 'volume',
  namespaces: {},
  order: {
    volume: ['name', 'key', 'source', 'capacity', 'allocation', 'physical', 'target', 'backingStore'],
    target: ['path', 'format', 'permissions', 'timestamps', 'compat', 'clusterSize', 'nocow', 'features'],
    backingStore: ['path', 'format', 'permissions', 'timestamps'],
    permissions: ['mode', 'owner', 'group', 'label'],
  },
};

export interface VolumeCreateOptions {
  name: string;
  capacityBytes: number;
  /** raw | qcow2 | … */
  format?: string;
  /** Creates a copy-on-write overlay on this image. */
  backingStorePath?: string;
  backingStoreFormat?: string;
}

export class VolumeXml extends XmlRootModel {
  static parse(xml: string): VolumeXml {
    return new VolumeXml(XmlDoc.parse(xml, VOLUME_SCHEMA));
  }

  static create(opts: VolumeCreateOptions): VolumeXml {
    const v = new VolumeXml(XmlDoc.create(VOLUME_SCHEMA));
    v.name = opts.name;
    v.capacityBytes = opts.capacityBytes;
    if (opts.format) v.targetFormat = opts.format;
    if (opts.backingStorePath) v.backingStorePath = opts.backingStorePath;
    if (opts.backingStoreFormat) v.backingStoreFormat = opts.backingStoreFormat;
    return v;
  }

  /** file | block | dir | network | … */
  get type(): string | null { return this.getString('./@type'); }
  set type(v: string | null) { this.setString('./@type', v); }
  get name(): string | null { return this.getString('./name'); }
  set name(v: string | null) { this.setString('./name', v); }
  get key(): string | null { return this.getString('./key'); }
  set key(v: string | null) { this.setString('./key', v); }
  /** Bytes (any unit in the XML converted); written with unit='bytes'. */
  get capacityBytes(): number | null { return this.getSize('./capacity', 'bytes', 'bytes'); }
  set capacityBytes(v: number | null) { this.setSize('./capacity', 'bytes', v); }
  get allocationBytes(): number | null { return this.getSize('./allocation', 'bytes', 'bytes'); }
  set allocationBytes(v: number | null) { this.setSize('./allocation', 'bytes', v); }
  get targetPath(): string | null { return this.getString('./target/path'); }
  set targetPath(v: string | null) { this.setString('./target/path', v); }
  get targetFormat(): string | null { return this.getString('./target/format/@type'); }
  set targetFormat(v: string | null) { this.setString('./target/format/@type', v); }
  get backingStorePath(): string | null { return this.getString('./backingStore/path'); }
  set backingStorePath(v: string | null) { this.setString('./backingStore/path', v); }
  get backingStoreFormat(): string | null { return this.getString('./backingStore/format/@type'); }
  set backingStoreFormat(v: string | null) { this.setString('./backingStore/format/@type', v); }
}
