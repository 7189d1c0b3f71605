// Finding the line libvirt's refusal is about, from its own messages (as libvirt 9.0 words them).
import { describe, expect, it } from 'vitest';
import { xmlErrorLine } from '../../../shared/model/xml-error-line.js';

const before = ["<domain type='qemu'>", '  <name>a</name>', '  <devices>', "    <serial type='pty'/>", '  </devices>', '</domain>'].join('\n');
const edited = before.replace("    <serial type='pty'/>", "    <serial type='pty'/>\n    <bogus/>");
const schema = (...lines: string[]): string =>
  ['XML document failed to validate against schema: Unable to validate doc against /usr/share/libvirt/schemas/domain.rng', ...lines].join('\n');

describe('xmlErrorLine', () => {
  it('takes the line of a parse error', () => {
    expect(xmlErrorLine('(domain_definition):5: Opening and ending tag mismatch: bogus line 4 and devices', edited)).toBe(5);
    expect(xmlErrorLine('(network_definition):99: oops', edited)).toBeNull();
  });

  it('finds the line the edit added inside the element the schema names', () => {
    const msg = schema('Extra element devices in interleave', 'Element domain failed to validate content');
    expect(xmlErrorLine(msg, edited, before)).toBe(5);
    // Without the text before the edit: the element's own line.
    expect(xmlErrorLine(msg, edited)).toBe(3);
  });

  it('finds an element named as extra content, or by other schema wordings', () => {
    const net = "<network>\n  <name>n</name>\n  <bogus/>\n</network>";
    expect(xmlErrorLine('…network.rng\nElement network has extra content: bogus', net)).toBe(3);
    expect(xmlErrorLine('Did not expect element bogus there', net)).toBe(3);
    expect(xmlErrorLine('Invalid attribute x for element name', net)).toBe(2);
    expect(xmlErrorLine('Expecting element name, got bogus', net)).toBe(3);
  });

  it('is null when the message names no line or element of the text', () => {
    expect(xmlErrorLine('unsupported configuration: no emulator', edited, before)).toBeNull();
    expect(xmlErrorLine(schema('Extra element nowhere in interleave'), edited, before)).toBeNull();
  });

  it('does not take an element for another whose name it begins', () => {
    const x = '<domain>\n  <devicesx/>\n  <devices>\n  </devices>\n</domain>';
    expect(xmlErrorLine('Extra element devices in interleave', x)).toBe(3);
  });
});
