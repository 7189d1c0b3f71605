import { describe, expect, it } from 'vitest';
import { canonicalXml } from '../../../electron/libvirt/xml/canonical.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import { XmlModelError, XmlParseError } from '../../../electron/libvirt/xml/errors.js';
import { normalizeXml } from '../../../electron/libvirt/xml/normalize.js';
import { parsePath } from '../../../electron/libvirt/xml/path.js';
import { convertSize } from '../../../electron/libvirt/xml/units.js';
import { XmlDoc, type XmlSchema } from '../../../electron/libvirt/xml/xml-doc.js';

function parseError(xml: string): XmlParseError {
  try {
    normalizeXml('domain', xml);
  } catch (err) {
    if (err instanceof XmlParseError) return err;
    throw err;
  }
  throw new Error('parsed without error');
}

describe('invalid XML', () => {
  it('reports mismatched tags with line and column', () => {
    const e = parseError("<domain type='qemu'>\n  <name>x</name>\n  <memory>1</vcpu>\n</domain>");
    // xmldom points at the start of the content the bad end tag closes.
    expect([e.line, e.column]).toEqual([3, 11]);
    expect(e.message).toMatch(/^invalid XML at line 3, column 11: .*mismatch: "memory" != "vcpu"/);
  });

  it('reports duplicate attributes, unknown entities, unclosed documents and text', () => {
    expect(parseError("<domain a='1' a='2'/>").message).toMatch(/line 1.*redefined/);
    const entity = parseError('<domain>\n<name>&nbsp;</name></domain>');
    expect(entity.line).toBe(2);
    expect(entity.reason).toMatch(/entity/);
    expect(parseError('<domain><name>x</name>').reason).toMatch(/unclosed|end|missing/i);
    const empty = parseError('');
    expect([empty.line, empty.column]).toEqual([null, null]);
    expect(empty.message).toBe('invalid XML: missing root element');
    expect(parseError('<domain/><domain/>').line).toBe(1);
  });

  it('tells a wrong root element from bad XML', () => {
    expect(() => normalizeXml('network', '<pool/>')).toThrow(XmlModelError);
    expect(() => normalizeXml('snapshot', '<domain/>')).toThrow('expected a <domainsnapshot> document, got <domain>');
  });
});

describe('paths', () => {
  it('parses steps, prefixes, predicates and a trailing attribute', () => {
    expect(parsePath("./a/q:b[@x='1'][@y]/@z")).toEqual({
      elements: [
        { prefix: null, local: 'a', predicates: [] },
        { prefix: 'q', local: 'b', predicates: [{ attr: 'x', value: '1' }, { attr: 'y', value: null }] },
      ],
      attr: 'z',
    });
  });

  it.each(['./a/', './@x/b', './a[x]', './a b', '', './a[@x=1]'])('rejects %j', (path) => {
    if (path === '') expect(parsePath(path)).toEqual({ elements: [], attr: null });
    else expect(() => parsePath(path)).toThrow(XmlModelError);
  });

  it('creates predicate attributes, refuses predicates without values, and unknown prefixes', () => {
    const schema: XmlSchema = { root: 'r', namespaces: {}, order: {} };
    const doc = XmlDoc.create(schema);
    doc.setValue("./a[@type='x']/@v", doc.root, '1');
    expect(doc.toString()).toBe('<r>\n  <a type="x" v="1"/>\n</r>');
    expect(doc.getValue("./a[@type='y']/@v", doc.root)).toBeNull();
    expect(() => doc.setValue('./b[@k]/@v', doc.root, '1')).toThrow(/without a value/);
    expect(() => doc.setValue('./z:c', doc.root, 'v')).toThrow(/unknown namespace prefix z:/);
  });

  it('keeps a compact document compact when adding', () => {
    const d = DomainXml.parse(normalizeXml('domain', '<domain><name>a</name><devices/></domain>'));
    d.title = 't';
    d.addDisk({ targetDev: 'vda' });
    expect(d.toXml()).toBe('<domain><name>a</name><title>t</title><devices><disk><target dev="vda"/></disk></devices></domain>');
  });
});

describe('canonicalXml', () => {
  const base = `<a x="1" y="2"><b>t</b><!--c--><?p d?></a>`;
  it.each([
    ['attribute order and quotes', `<a y='2' x='1'><b>t</b><!--c--><?p d?></a>`],
    ['whitespace between elements', `<?xml version="1.0"?>\n<a x="1" y="2">\n  <b>t</b>\n  <!--c-->\n  <?p d?>\n</a>\n`],
    ['CDATA vs escaped text', `<a x="1" y="2"><b><![CDATA[t]]></b><!--c--><?p d?></a>`],
  ])('equal: %s', (_what, other) => {
    expect(canonicalXml(other)).toBe(canonicalXml(base));
  });

  it.each([
    ['attribute value', `<a x="1" y="3"><b>t</b><!--c--><?p d?></a>`],
    ['text', `<a x="1" y="2"><b>t </b><!--c--><?p d?></a>`],
    ['comment dropped', `<a x="1" y="2"><b>t</b><?p d?></a>`],
    ['element order', `<a x="1" y="2"><!--c--><b>t</b><?p d?></a>`],
    ['extra attribute', `<a x="1" y="2" z=""><b>t</b><!--c--><?p d?></a>`],
    ['pi data', `<a x="1" y="2"><b>t</b><!--c--><?p e?></a>`],
  ])('different: %s', (_what, other) => {
    expect(canonicalXml(other)).not.toBe(canonicalXml(base));
  });

  it('normalizes namespace prefixes but not namespaces', () => {
    const a = `<r xmlns:q="urn:1"><q:e q:at="v"/></r>`;
    expect(canonicalXml(`<r><z:e xmlns:z="urn:1" z:at="v"/></r>`)).toBe(canonicalXml(a));
    expect(canonicalXml(`<r xmlns:q="urn:2"><q:e q:at="v"/></r>`)).not.toBe(canonicalXml(a));
    expect(canonicalXml(a)).toBe('<r xmlns:ns1="urn:1"><ns1:e ns1:at="v"/></r>');
  });

  it('keeps whitespace-only text where it is the whole content', () => {
    expect(canonicalXml('<a><b>  </b></a>')).not.toBe(canonicalXml('<a><b/></a>'));
  });
});

describe('units', () => {
  it.each([
    [1, 'GiB', 'KiB', 1048576],
    [1, 'G', 'KiB', 1048576],
    [1, 'GB', 'bytes', 1e9],
    [1, 'kb', 'b', 1000],
    [1536, 'b', 'KiB', 2],
    [2, 'TiB', 'MiB', 2 * 1024 * 1024],
    [1, 'EiB', 'PiB', 1024],
  ])('%d %s = ? %s', (v, from, to, expected) => {
    expect(convertSize(v, from, to)).toBe(expected);
  });
});
