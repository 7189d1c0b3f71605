// Who a submitted definition says it is: its root element, <name> and <uuid>, read with the XML model's parser
// (so a malformed text is refused as xml.parse with its line and column before libvirt sees it).
import { elementChildren, parseDocument } from '../../libvirt/xml/xml-doc.js';

export interface DefinitionIdentity {
  root: string;
  name: string | null;
  uuid: string | null;
}

export function definitionIdentity(xml: string): DefinitionIdentity {
  const root = parseDocument(xml).documentElement;
  if (!root) return { root: '', name: null, uuid: null };
  const child = (tag: string): string | null => elementChildren(root).find((e) => e.localName === tag)?.textContent?.trim() || null;
  return { root: root.localName ?? '', name: child('name'), uuid: child('uuid')?.toLowerCase() ?? null };
}
