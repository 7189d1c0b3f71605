// A simple canonical form for comparing XML documents (not W3C C14N): no XML declaration,
// attributes sorted by namespace URI + local name, whitespace-only text dropped wherever the
// parent also holds elements/comments/PIs, CDATA written as escaped text, and namespace
// prefixes renamed ns1, ns2… in order of first use, all declared on the root.
import type { Element, Node } from '@xmldom/xmldom';
import { parseDocument } from './xml-doc.js';

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string =>
  escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

export function canonicalXml(xml: string): string {
  const doc = parseDocument(xml);
  const prefixes = new Map<string, string>();
  const prefixed = (uri: string | null, local: string): string => {
    if (!uri) return local;
    let p = prefixes.get(uri);
    if (!p) prefixes.set(uri, (p = `ns${prefixes.size + 1}`));
    return `${p}:${local}`;
  };

  const write = (node: Node, keepBlank: boolean): string => {
    switch (node.nodeType) {
      case 1: {
        const el = node as Element;
        const attrs = Array.from(el.attributes)
          .filter((a) => a.namespaceURI !== 'http://www.w3.org/2000/xmlns/')
          .map((a) => ({ key: `${a.namespaceURI ?? ''} ${a.localName}`, text: `${prefixed(a.namespaceURI, a.localName!)}="${escapeAttr(a.value)}"` }))
          .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
        const name = prefixed(el.namespaceURI, el.localName!);
        const kids: Node[] = [];
        for (let c = el.firstChild; c; c = c.nextSibling) kids.push(c);
        const mixed = kids.some((c) => c.nodeType !== 3 && c.nodeType !== 4);
        const inner = kids.map((c) => write(c, !mixed)).join('');
        const open = [name, ...attrs.map((a) => a.text)].join(' ');
        return inner === '' ? `<${open}/>` : `<${open}>${inner}</${name}>`;
      }
      case 3:
      case 4: {
        const text = node.nodeValue ?? '';
        return keepBlank || text.trim() !== '' ? escapeText(text) : '';
      }
      case 7:
        return `<?${node.nodeName} ${node.nodeValue ?? ''}?>`;
      case 8:
        return `<!--${node.nodeValue ?? ''}-->`;
      default:
        return '';
    }
  };

  const parts: string[] = [];
  let rootIndex = -1;
  for (let c = doc.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 7 && c.nodeName === 'xml') continue;
    if (c === doc.documentElement) rootIndex = parts.length;
    parts.push(write(c, false));
  }
  // Namespaces are only known after the walk; declare them on the root element.
  const root = parts[rootIndex];
  if (root !== undefined && prefixes.size > 0) {
    const nameEnd = root.search(/[ />]/);
    const decls = [...prefixes].map(([uri, p]) => ` xmlns:${p}="${escapeAttr(uri)}"`).join('');
    parts[rootIndex] = root.slice(0, nameEnd) + decls + root.slice(nameEnd);
  }
  return parts.filter((p) => p !== '').join('\n');
}
