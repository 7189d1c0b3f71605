// Table-driven property checks shared by the model tests. For each property of a model opened on a
// fixture: the getter reads the expected value; the setter's value reads back, survives toXml() and
// re-parsing, and shows up in the text; writing the old value back (and, separately, removing it and
// writing it again) gives the original document in canonical form, so nothing else was disturbed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalXml } from '../../../electron/libvirt/xml/canonical.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/xml');

export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export interface Opened {
  obj: object;
  toXml(): string;
}

export interface PropCase {
  prop: string;
  read: unknown;
  /** Omitted for read-only properties. */
  write?: unknown;
  /** Text the serialized document must contain after the write. */
  snippet?: string;
  /** What the property reads as once removed; default null ([] for lists). Presence flags: false. */
  empty?: unknown;
}

const get = (o: object, prop: string): unknown => (o as Record<string, unknown>)[prop];
const set = (o: object, prop: string, v: unknown): void => {
  (o as Record<string, unknown>)[prop] = v;
};

export function propSuite(title: string, file: string, open: (xml: string) => Opened, cases: PropCase[]): void {
  describe(title, () => {
    const original = fixture(file);
    const canonical = canonicalXml(original);

    it.each(cases)('$prop', (c) => {
      const a = open(original);
      expect(get(a.obj, c.prop)).toEqual(c.read);
      if (!('write' in c)) {
        expect(() => set(a.obj, c.prop, c.read)).toThrow(TypeError);
        return;
      }
      set(a.obj, c.prop, c.write);
      expect(get(a.obj, c.prop)).toEqual(c.write);
      const out = a.toXml();
      if (c.snippet) expect(out).toContain(c.snippet);
      expect(canonicalXml(out)).not.toBe(canonical);

      const b = open(out);
      expect(get(b.obj, c.prop)).toEqual(c.write);
      set(b.obj, c.prop, c.read);
      expect(canonicalXml(b.toXml())).toBe(canonical);

      const empty = 'empty' in c ? c.empty : Array.isArray(c.read) ? [] : null;
      if (JSON.stringify(c.read) !== JSON.stringify(empty)) {
        const d = open(original);
        set(d.obj, c.prop, empty);
        expect(get(d.obj, c.prop)).toEqual(empty);
        expect(canonicalXml(d.toXml())).not.toBe(canonical);
        set(d.obj, c.prop, c.read);
        expect(canonicalXml(d.toXml())).toBe(canonical);
      }
    });
  });
}

/** The accessor properties a model class declares (own and inherited, up to the generic base). */
export function accessorsOf(cls: { prototype: object }, stopAt: { prototype: object }): string[] {
  const names: string[] = [];
  for (let p: object | null = cls.prototype; p && p !== stopAt.prototype; p = Object.getPrototypeOf(p)) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(p))) {
      if (d.get && !names.includes(name)) names.push(name);
    }
  }
  return names;
}
