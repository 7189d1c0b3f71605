// Who a submitted definition says it is (root, name, UUID); a malformed text is refused with its position.
import { describe, expect, it } from 'vitest';
import { XmlParseError } from '../../../electron/libvirt/xml/errors.js';
import { definitionIdentity } from '../../../electron/core/xml-edit/definition-identity.js';

describe('definitionIdentity', () => {
  it('reads the root element, name and UUID (lower case)', () => {
    expect(definitionIdentity("<domain type='qemu'>\n  <name>a b</name>\n  <uuid>ABCDEF01-0000-0000-0000-000000000000</uuid>\n</domain>")).toEqual({
      root: 'domain',
      name: 'a b',
      uuid: 'abcdef01-0000-0000-0000-000000000000',
    });
    expect(definitionIdentity('<network><name>n</name></network>')).toEqual({ root: 'network', name: 'n', uuid: null });
  });

  it('refuses a mismatched end tag with its line', () => {
    let err: unknown;
    try {
      definitionIdentity('<domain>\n  <name>x</name>\n  <vcpu><oops>1</vcpu>\n</domain>');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(XmlParseError);
    expect((err as XmlParseError).line).toBe(3);
  });
});
