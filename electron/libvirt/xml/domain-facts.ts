// A VM's shared facts (lock, owner, notes, tags, custom column values) in its domain <metadata>, one element per fact.
//
// Why one element each: libvirt's domainSetMetadata replaces the whole element of one namespace URI, atomically under
// the daemon's domain lock. Giving every fact (and every tag) its own URI makes each write touch only that fact, so
// two VirtDeck installs adding different tags, or one setting the owner while the other edits the notes, never
// overwrite each other: there is nothing to read-modify-write. Writers of the same fact resolve to the last one.
import type { VmFacts } from '../../../shared/model/vm-facts.js';
import { elementChildren } from './xml-doc.js';
import type { DomainXml } from './domain.js';

/** Every fact's namespace URI starts with this; what follows names the fact. */
export const FACTS_NS = 'https://virtdeck.dev/xmlns/1/fact/';

export type FactSlot =
  | { kind: 'lock' }
  | { kind: 'owner' }
  | { kind: 'notes' }
  | { kind: 'tag'; tag: string }
  | { kind: 'field'; column: string };

/** The namespace URI of one fact: a tag's and a column's name are percent-encoded into it. */
export function factUri(slot: FactSlot): string {
  switch (slot.kind) {
    case 'tag':
      return `${FACTS_NS}tag/${encodeURIComponent(slot.tag)}`;
    case 'field':
      return `${FACTS_NS}field/${encodeURIComponent(slot.column)}`;
    default:
      return `${FACTS_NS}${slot.kind}`;
  }
}

/** The namespace prefix libvirt writes the element with (one per kind; each element declares its own URI). */
export const factKey = (slot: FactSlot): string => `vd${slot.kind}`;

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** The element domainSetMetadata takes for `slot` holding `value` (libvirt adds the namespace). */
export function factElement(slot: FactSlot, value: string): string {
  const name = slot.kind === 'field' ? 'value' : slot.kind;
  return `<${name}>${escapeText(value)}</${name}>`;
}

export const NO_FACTS: VmFacts = { locked: false, owner: null, notes: '', tags: [], fields: {} };

/** The facts in a parsed domain (live or config); an element that is not VirtDeck's is left alone. */
export function readFacts(xml: DomainXml): VmFacts {
  const facts: VmFacts = { locked: false, owner: null, notes: '', tags: [], fields: {} };
  for (const meta of xml.doc.findElements('./metadata', xml.node)) {
    for (const el of elementChildren(meta)) {
      const uri = el.namespaceURI ?? '';
      if (!uri.startsWith(FACTS_NS)) continue;
      const name = uri.slice(FACTS_NS.length);
      const text = el.textContent ?? '';
      if (name === 'lock') facts.locked = true;
      else if (name === 'owner') facts.owner = text;
      else if (name === 'notes') facts.notes = text;
      else if (name.startsWith('tag/')) facts.tags.push(text);
      else if (name.startsWith('field/')) facts.fields[decodeURIComponent(name.slice('field/'.length))] = text;
    }
  }
  facts.tags.sort();
  return facts;
}
