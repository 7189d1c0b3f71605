// Every fixture survives parse → toXml unchanged in canonical form, and the model reads it without error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalXml } from '../../../electron/libvirt/xml/canonical.js';
import { normalizeXml, type XmlKind } from '../../../electron/libvirt/xml/normalize.js';

const ROOT = join(import.meta.dirname, '../../fixtures/xml');
const KINDS: XmlKind[] = ['domain', 'pool', 'volume', 'network', 'snapshot'];

describe.each(KINDS)('%s fixtures round-trip', (kind) => {
  const files = readdirSync(join(ROOT, kind)).filter((f) => f.endsWith('.xml'));
  it('has fixtures', () => {
    expect(files.length).toBeGreaterThan(kind === 'domain' ? 30 : 1);
  });
  it.each(files)('%s', (file) => {
    const xml = readFileSync(join(ROOT, kind, file), 'utf8');
    const out = normalizeXml(kind, xml);
    expect(canonicalXml(out)).toBe(canonicalXml(xml));
    // Idempotent: normalizing the output again changes nothing at all.
    expect(normalizeXml(kind, out)).toBe(out);
  });
});
