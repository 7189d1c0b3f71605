// <pool> XML (storage pools).
import { XmlRootModel } from './node-model.js';
import { XmlDoc, type XmlSchema } from './xml-doc.js';

export const POOL_SCHEMA: XmlSchema = {
  root: 'pool',
  namespaces: {},
  order: {
    pool: ['name', 'uuid', 'capacity', 'allocation', 'available', 'features', 'source', 'target', 'refresh'],
    source: ['host', 'device', 'auth', 'dir', 'adapter', 'name', 'format', 'vendor', 'product', 'initiator'],
    target: ['path', 'permissions', 'timestamps'],
    permissions: ['mode', 'owner', 'group', 'label'],
  },
};

export interface PoolCreateOptions {
  /** dir | fs | netfs | logical | disk | iscsi | rbd | … */
  type: string;
  name: string;
  targetPath?: string;
}

export class PoolXml extends XmlRootModel {
  static parse(xml: string): PoolXml {
    return new PoolXml(XmlDoc.parse(xml, POOL_SCHEMA));
  }

  static create(opts: PoolCreateOptions): PoolXml {
    const p = new PoolXml(XmlDoc.create(POOL_SCHEMA));
    p.type = opts.type;
    p.name = opts.name;
    if (opts.targetPath) p.targetPath = opts.targetPath;
    return p;
  }

  get type(): string | null { return this.getString('./@type'); }
  set type(v: string | null) { this.setString('./@type', v); }
  get name(): string | null { return this.getString('./name'); }
  set name(v: string | null) { this.setString('./name', v); }
  get uuid(): string | null { return this.getString('./uuid'); }
  set uuid(v: string | null) { this.setString('./uuid', v); }
  /** Sizes in bytes, as reported by libvirt (output only). */
  get capacityBytes(): number | null { return this.getSize('./capacity', 'bytes', 'bytes'); }
  get allocationBytes(): number | null { return this.getSize('./allocation', 'bytes', 'bytes'); }
  get availableBytes(): number | null { return this.getSize('./available', 'bytes', 'bytes'); }
  get sourceHost(): string | null { return this.getString('./source/host/@name'); }
  set sourceHost(v: string | null) { this.setString('./source/host/@name', v); }
  get sourceHostPort(): number | null { return this.getInt('./source/host/@port'); }
  set sourceHostPort(v: number | null) { this.setInt('./source/host/@port', v); }
  get sourceDir(): string | null { return this.getString('./source/dir/@path'); }
  set sourceDir(v: string | null) { this.setString('./source/dir/@path', v); }
  /** All <source><device path=…/> (logical pools may have several). */
  get sourceDevices(): string[] {
    return this.doc.findElements('./source/device', this.node).map((d) => d.getAttribute('path') ?? '');
  }
  set sourceDevices(v: string[]) {
    for (const d of this.doc.findElements('./source/device', this.node)) this.doc.removeNode(d);
    if (v.length === 0) return;
    const source = this.doc.ensureElement('./source', this.node);
    for (const path of v) this.doc.appendElement(source, 'device').setAttribute('path', path);
  }
  /** Source name: volume group, RBD pool, … */
  get sourceName(): string | null { return this.getString('./source/name'); }
  set sourceName(v: string | null) { this.setString('./source/name', v); }
  get sourceFormat(): string | null { return this.getString('./source/format/@type'); }
  set sourceFormat(v: string | null) { this.setString('./source/format/@type', v); }
  get targetPath(): string | null { return this.getString('./target/path'); }
  set targetPath(v: string | null) { this.setString('./target/path', v); }
  /** Octal mode as written, e.g. "0711". */
  get targetMode(): string | null { return this.getString('./target/permissions/mode'); }
  set targetMode(v: string | null) { this.setString('./target/permissions/mode', v); }
  get targetOwner(): number | null { return this.getInt('./target/permissions/owner'); }
  set targetOwner(v: number | null) { this.setInt('./target/permissions/owner', v); }
  get targetGroup(): number | null { return this.getInt('./target/permissions/group'); }
  set targetGroup(v: number | null) { this.setInt('./target/permissions/group', v); }
  get targetLabel(): string | null { return this.getString('./target/permissions/label'); }
  set targetLabel(v: string | null) { this.setString('./target/permissions/label', v); }
}
