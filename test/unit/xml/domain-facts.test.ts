// VirtDeck's facts in a domain's <metadata>, as libvirt prints them after domainSetMetadata: one element per fact,
// each with its own namespace URI; other applications' elements are ignored.
import { describe, expect, it } from 'vitest';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import { factElement, factKey, factUri, readFacts, type FactSlot } from '../../../electron/libvirt/xml/domain-facts.js';
import { fitsColumn, type FactColumn } from '../../../shared/model/vm-facts.js';

/** The element as libvirt writes it back: the given element, prefixed by the key, declaring the URI. */
function asLibvirtPrints(slot: FactSlot, value: string): string {
  const [, name, body] = /^<(\w+)>([^]*)<\/\1>$/.exec(factElement(slot, value))!;
  const key = factKey(slot);
  return `<${key}:${name} xmlns:${key}="${factUri(slot)}">${body}</${key}:${name}>`;
}

describe('domain facts', () => {
  it('reads every kind back, text exact (line breaks, markup characters), tags sorted', () => {
    const slots: Array<[FactSlot, string]> = [
      [{ kind: 'lock' }, 'yes'],
      [{ kind: 'owner' }, 'Zoë <ops> & co'],
      [{ kind: 'notes' }, 'line 1\nline 2\r\n  indented'],
      [{ kind: 'tag', tag: 'web' }, 'web'],
      [{ kind: 'tag', tag: 'a/b:c@d' }, 'a/b:c@d'],
      [{ kind: 'tag', tag: '生产' }, '生产'],
      [{ kind: 'field', column: 'due' }, '2026-12-31'],
    ];
    const xml = `<domain type='qemu'><name>x</name><metadata>
      <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0"><libosinfo:os id="x"/></libosinfo:libosinfo>
      <virtdeck:instance xmlns:virtdeck="https://virtdeck.dev/xmlns/1"><virtdeck:image>img</virtdeck:image></virtdeck:instance>
      ${slots.map(([slot, value]) => asLibvirtPrints(slot, value)).join('\n')}
    </metadata></domain>`;
    expect(readFacts(DomainXml.parse(xml))).toEqual({
      locked: true,
      owner: 'Zoë <ops> & co',
      notes: 'line 1\nline 2\r\n  indented',
      tags: ['a/b:c@d', 'web', '生产'],
      fields: { due: '2026-12-31' },
    });
  });

  it('a domain without facts has none; each fact has its own URI', () => {
    expect(readFacts(DomainXml.parse("<domain type='qemu'><name>x</name></domain>"))).toEqual({ locked: false, owner: null, notes: '', tags: [], fields: {} });
    const uris = [factUri({ kind: 'tag', tag: 'a' }), factUri({ kind: 'tag', tag: 'a/b' }), factUri({ kind: 'field', column: 'a' }), factUri({ kind: 'owner' })];
    expect(new Set(uris).size).toBe(uris.length);
    expect(factUri({ kind: 'tag', tag: 'a/b' })).toBe('https://virtdeck.dev/xmlns/1/fact/tag/a%2Fb');
  });

  it('custom column values fit their kind', () => {
    const date: FactColumn = { name: 'due', kind: 'date', choices: [] };
    const choice: FactColumn = { name: 'tier', kind: 'choice', choices: ['gold'] };
    expect([fitsColumn(date, '2026-02-28'), fitsColumn(date, '2026-13-01'), fitsColumn(date, '28.02.2026'), fitsColumn(date, '')]).toEqual([true, false, false, true]);
    expect([fitsColumn(choice, 'gold'), fitsColumn(choice, 'Gold')]).toEqual([true, false]);
    expect(fitsColumn({ name: 'n', kind: 'text', choices: [] }, 'x'.repeat(1025))).toBe(false);
  });
});
