// Base of every model: a view on one element of an XmlDoc. Typed properties are getter/setter
// pairs built from the helpers below; a getter returns null when the XML lacks the value, a
// setter creates what is missing, and null removes it.
import type { Element } from '@xmldom/xmldom';
import { XmlModelError } from './errors.js';
import { convertSize } from './units.js';
import type { XmlDoc } from './xml-doc.js';

type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;
type WritableKeys<T> = {
  [K in keyof T]-?: T[K] extends (...args: never[]) => unknown
    ? never
    : IfEquals<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }, K, never>;
}[keyof T];

/** The settable properties of a model, all optional: what add…()/create() accept as initial values. */
export type Settable<T> = { [K in WritableKeys<T>]?: T[K] };

/** How a boolean is spelled: an element that exists or not, or an attribute yes/no or on/off. */
export type BoolStyle = 'presence' | 'yesno' | 'onoff';

export abstract class XmlNodeModel {
  constructor(
    readonly doc: XmlDoc,
    readonly node: Element,
  ) {}

  /** Sets each given property through its setter (undefined skips it); returns this. */
  assign(init: Settable<this>): this {
    for (const [key, value] of Object.entries(init)) {
      if (value !== undefined) (this as unknown as Record<string, unknown>)[key] = value;
    }
    return this;
  }

  protected getString(path: string): string | null {
    return this.doc.getValue(path, this.node);
  }

  protected setString(path: string, value: string | null): void {
    this.doc.setValue(path, this.node, value);
  }

  protected getInt(path: string): number | null {
    const raw = this.getString(path);
    if (raw === null || raw.trim() === '') return null;
    const n = Number(raw.trim());
    return Number.isInteger(n) ? n : null;
  }

  protected setInt(path: string, value: number | null): void {
    if (value !== null && !Number.isInteger(value)) throw new XmlModelError(`${path}: ${value} is not an integer`);
    this.setString(path, value === null ? null : String(value));
  }

  /** presence: false when absent; yesno/onoff: null when absent. */
  protected getBool(path: string, style: BoolStyle): boolean | null {
    if (style === 'presence') return this.doc.find(path, this.node).length > 0;
    const raw = this.getString(path);
    if (raw === null) return null;
    return raw === (style === 'yesno' ? 'yes' : 'on');
  }

  protected setBool(path: string, style: BoolStyle, value: boolean | null): void {
    if (style === 'presence') {
      if (value) this.doc.ensureElement(path, this.node);
      else this.doc.remove(path, this.node);
      return;
    }
    const [yes, no] = style === 'yesno' ? ['yes', 'no'] : ['on', 'off'];
    this.setString(path, value === null ? null : value ? yes : no);
  }

  /** A value from a closed set; anything else in the XML reads as null. */
  protected getEnum<E extends string>(path: string, values: readonly E[]): E | null {
    const raw = this.getString(path);
    return values.includes(raw as E) ? (raw as E) : null;
  }

  protected setEnum<E extends string>(path: string, values: readonly E[], value: E | null): void {
    if (value !== null && !values.includes(value)) {
      throw new XmlModelError(`${path}: ${JSON.stringify(value)} is not one of ${values.join(', ')}`);
    }
    this.setString(path, value);
  }

  /** A scaled integer element (text + @unit), read in `unit` (e.g. 'KiB', 'bytes'). */
  protected getSize(path: string, unit: string, defaultUnit: string): number | null {
    const value = this.getInt(path);
    if (value === null) return null;
    return convertSize(value, this.getString(`${path}/@unit`) ?? defaultUnit, unit);
  }

  /** Writes value in `unit`, replacing whatever unit the XML had. */
  protected setSize(path: string, unit: string, value: number | null): void {
    this.setInt(path, value);
    if (value !== null) this.setString(`${path}/@unit`, unit);
  }

  /** Every element matching path, wrapped. */
  protected list<T>(path: string, wrap: (doc: XmlDoc, el: Element) => T): T[] {
    return this.doc.findElements(path, this.node).map((el) => wrap(this.doc, el));
  }

  /** A new child element `name` under parentPath ('.' = this node), wrapped. */
  protected addChild<T>(parentPath: string, name: string, wrap: (doc: XmlDoc, el: Element) => T): T {
    const parent = parentPath === '.' ? this.node : this.doc.ensureElement(parentPath, this.node);
    return wrap(this.doc, this.doc.appendElement(parent, name));
  }
}

/** A model for an element that lives in a list (a device, a DHCP host…) and can be removed. */
export abstract class XmlListItem extends XmlNodeModel {
  remove(): void {
    this.doc.removeNode(this.node);
  }

  /** This element alone as XML (what libvirt's device calls take). */
  toXml(): string {
    return this.doc.serialize(this.node);
  }
}

/** A model of a whole document (domain, network, pool, volume, snapshot): a view on its root, serialized whole. */
export abstract class XmlRootModel extends XmlNodeModel {
  constructor(doc: XmlDoc) {
    super(doc, doc.root);
  }

  toXml(): string {
    return this.doc.toString();
  }
}
