// A parsed XML document that is edited in place: paths (see path.ts) find nodes, and setting a
// value whose nodes are missing creates them at the position the schema's child order asks for,
// indented like their neighbours. Everything else in the document is left exactly as parsed.
import { createRequire } from 'node:module';
import type { Attr, Document, Element, Node } from '@xmldom/xmldom';
import { XmlModelError, XmlParseError } from './errors.js';
import { parsePath, type ElementStep } from './path.js';

export interface XmlSchema {
  /** Root element name the document must have. */
  root: string;
  /** Prefixes usable in paths → namespace URI. */
  namespaces: Readonly<Record<string, string>>;
  /** Parent element local name → preferred order of its children (libvirt's own output order). */
  order: Readonly<Record<string, readonly string[]>>;
}

// xmldom is loaded at the first parse, not with this module: a CLI command that parses no XML starts faster.
let xmldomModule: typeof import('@xmldom/xmldom') | undefined;
const xmldom = (): typeof import('@xmldom/xmldom') =>
  (xmldomModule ??= createRequire(import.meta.url)('@xmldom/xmldom') as typeof import('@xmldom/xmldom'));

const ELEMENT = 1;
const ATTRIBUTE = 2;
const TEXT = 3;
const CDATA = 4;
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

function isElement(node: Node | null): node is Element {
  return node !== null && node.nodeType === ELEMENT;
}

function isBlank(node: Node | null): boolean {
  return node !== null && node.nodeType === TEXT && /^\s*$/.test(node.nodeValue ?? '');
}

export function elementChildren(parent: Node): Element[] {
  const out: Element[] = [];
  for (let c = parent.firstChild; c; c = c.nextSibling) if (isElement(c)) out.push(c);
  return out;
}

/** Parses with xmldom, turning any error or warning into an XmlParseError with a position. */
export function parseDocument(xml: string): Document {
  let reason = '';
  const { DOMParser, ParseError } = xmldom();
  const parser = new DOMParser({
    onError: (_level, message) => {
      reason = message;
      throw new Error(message);
    },
  });
  try {
    return parser.parseFromString(xml, 'text/xml');
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    const loc = err.locator as { lineNumber?: number; columnNumber?: number } | undefined;
    const line = loc?.lineNumber ? loc.lineNumber : null;
    throw new XmlParseError(reason || err.message, line, line === null ? null : (loc?.columnNumber ?? null));
  }
}

export class XmlDoc {
  private constructor(
    readonly document: Document,
    readonly schema: XmlSchema,
  ) {}

  static parse(xml: string, schema: XmlSchema): XmlDoc {
    const document = parseDocument(xml);
    const root = document.documentElement;
    if (!root || root.localName !== schema.root || root.namespaceURI !== null) {
      throw new XmlModelError(`expected a <${schema.root}> document, got <${root?.nodeName ?? 'nothing'}>`);
    }
    return new XmlDoc(document, schema);
  }

  static create(schema: XmlSchema): XmlDoc {
    return XmlDoc.parse(`<${schema.root}/>`, schema);
  }

  get root(): Element {
    return this.document.documentElement!;
  }

  toString(): string {
    return new (xmldom().XMLSerializer)().serializeToString(this.document);
  }

  /** One element and what it holds, as XML text (a device for libvirt's attach/detach/update). */
  serialize(node: Element): string {
    return new (xmldom().XMLSerializer)().serializeToString(node);
  }

  /** All nodes (elements, or attributes for a trailing @name) matching path under context. */
  find(path: string, context: Element): Array<Element | Attr> {
    const parsed = parsePath(path);
    let current: Element[] = [context];
    for (const step of parsed.elements) {
      current = current.flatMap((el) => elementChildren(el).filter((c) => this.matches(c, step)));
    }
    if (parsed.attr === null) return current;
    const attr = parsed.attr;
    return current.flatMap((el) => {
      const a = this.attributeNode(el, attr);
      return a ? [a] : [];
    });
  }

  findElements(path: string, context: Element): Element[] {
    if (parsePath(path).attr !== null) throw new XmlModelError(`${path} does not address elements`);
    return this.find(path, context) as Element[];
  }

  /** Text of the first match (attribute value or element text), null when nothing matches. */
  getValue(path: string, context: Element): string | null {
    const node = this.find(path, context)[0];
    if (!node) return null;
    return node.nodeType === ATTRIBUTE ? (node as Attr).value : (node.textContent ?? '');
  }

  /**
   * Sets the first match, creating the path when missing. null removes it and the parents it leaves
   * empty — except an element that holds more than its text (attributes, children): it only loses the text.
   */
  setValue(path: string, context: Element, value: string | null): void {
    const parsed = parsePath(path);
    if (value === null) {
      const node = this.find(path, context)[0];
      if (!node) return;
      // An element that carries more than its text (attributes, children) only loses the text.
      if (node.nodeType === ELEMENT && !this.isEmptyBut(node as Element, parsed.elements.at(-1)!, true)) {
        this.setText(node as Element, '');
      } else {
        this.removeAndPrune(node, parsed.elements, context);
      }
      return;
    }
    const el = this.ensure(parsed.elements, context);
    if (parsed.attr !== null) this.setAttribute(el, parsed.attr, value);
    else this.setText(el, value);
  }

  /** Removes the first match whatever it holds, then parents on the path it leaves empty. */
  remove(path: string, context: Element): void {
    const node = this.find(path, context)[0];
    if (node) this.removeAndPrune(node, parsePath(path).elements, context);
  }

  /** Returns the element at path under context, creating missing steps (with predicate attributes). */
  ensureElement(path: string, context: Element): Element {
    const parsed = parsePath(path);
    if (parsed.attr !== null) throw new XmlModelError(`${path} does not address an element`);
    return this.ensure(parsed.elements, context);
  }

  /** Creates a new child element (prefix:name allowed) under parent at its ordered position. */
  appendElement(parent: Element, qname: string): Element {
    const colon = qname.indexOf(':');
    let child: Element;
    if (colon < 0) {
      child = this.document.createElement(qname);
    } else {
      const uri = this.namespace(qname.slice(0, colon));
      // Reuse the prefix the document already binds to this namespace (it may differ from ours).
      const inScope = parent.lookupPrefix(uri);
      const prefix = inScope ?? qname.slice(0, colon);
      child = this.document.createElementNS(uri, `${prefix}:${qname.slice(colon + 1)}`);
      if (inScope === null) child.setAttributeNS(XMLNS_NS, `xmlns:${prefix}`, uri);
    }
    this.insertOrdered(parent, child);
    return child;
  }

  /** Removes a node; for elements also the indentation before it. */
  removeNode(node: Element | Attr): void {
    if (node.nodeType === ATTRIBUTE) {
      const attr = node as Attr;
      attr.ownerElement?.removeAttributeNode(attr);
      return;
    }
    const parent = node.parentNode;
    if (!parent) return;
    if (isBlank(node.previousSibling)) parent.removeChild(node.previousSibling!);
    parent.removeChild(node);
    let onlyBlank = true;
    for (let c = parent.firstChild; c; c = c.nextSibling) if (!isBlank(c)) onlyBlank = false;
    if (onlyBlank) while (parent.firstChild) parent.removeChild(parent.firstChild);
  }

  setText(el: Element, value: string): void {
    for (let c = el.firstChild; c; ) {
      const next = c.nextSibling;
      if (c.nodeType === TEXT || c.nodeType === CDATA) el.removeChild(c);
      c = next;
    }
    if (value !== '') el.appendChild(this.document.createTextNode(value));
  }

  private namespace(prefix: string): string {
    const uri = this.schema.namespaces[prefix];
    if (!uri) throw new XmlModelError(`unknown namespace prefix ${prefix}:`);
    return uri;
  }

  private matches(el: Element, step: ElementStep): boolean {
    if (el.localName !== step.local) return false;
    if (el.namespaceURI !== (step.prefix === null ? null : this.namespace(step.prefix))) return false;
    return step.predicates.every((p) => {
      const a = this.attributeNode(el, p.attr);
      return a !== null && (p.value === null || a.value === p.value);
    });
  }

  private attributeNode(el: Element, name: string): Attr | null {
    const colon = name.indexOf(':');
    if (colon < 0) return el.getAttributeNode(name);
    return el.getAttributeNodeNS(this.namespace(name.slice(0, colon)), name.slice(colon + 1));
  }

  private setAttribute(el: Element, name: string, value: string): void {
    const colon = name.indexOf(':');
    if (colon < 0) el.setAttribute(name, value);
    else el.setAttributeNS(this.namespace(name.slice(0, colon)), name, value);
  }

  private ensure(steps: ElementStep[], context: Element): Element {
    let current = context;
    for (const step of steps) {
      const existing = elementChildren(current).find((c) => this.matches(c, step));
      if (existing) {
        current = existing;
        continue;
      }
      const created = this.appendElement(current, step.prefix ? `${step.prefix}:${step.local}` : step.local);
      for (const p of step.predicates) {
        if (p.value === null) throw new XmlModelError(`cannot create ${step.local}[@${p.attr}] without a value`);
        this.setAttribute(created, p.attr, p.value);
      }
      current = created;
    }
    return current;
  }

  /** Removes node, then each ancestor on the path (up to context) that is left with nothing of its own. */
  private removeAndPrune(node: Element | Attr, steps: ElementStep[], context: Element): void {
    let parent = node.nodeType === ATTRIBUTE ? (node as Attr).ownerElement : (node.parentNode as Element | null);
    let stepIndex = node.nodeType === ATTRIBUTE ? steps.length - 1 : steps.length - 2;
    this.removeNode(node);
    while (parent && parent !== context && stepIndex >= 0) {
      if (!this.isEmptyBut(parent, steps[stepIndex]!, false)) return;
      const next = parent.parentNode as Element | null;
      this.removeNode(parent);
      parent = next;
      stepIndex--;
    }
  }

  /** True when el holds nothing but the attributes its path step names (and, if allowed, text). */
  private isEmptyBut(el: Element, step: ElementStep, textAllowed: boolean): boolean {
    for (const a of Array.from(el.attributes)) {
      if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:') && !step.predicates.some((p) => p.attr === a.name)) {
        return false;
      }
    }
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (!(textAllowed && (c.nodeType === TEXT || c.nodeType === CDATA)) && !isBlank(c)) return false;
    }
    return true;
  }

  private rank(parent: Element, child: Element): number {
    if (child.namespaceURI !== null) return -1;
    return this.schema.order[parent.localName ?? '']?.indexOf(child.localName ?? '') ?? -1;
  }

  private insertOrdered(parent: Element, child: Element): void {
    const children = elementChildren(parent);
    const rank = this.rank(parent, child);
    const ref = rank < 0 ? undefined : children.find((c) => this.rank(parent, c) > rank);
    if (ref) {
      const before = ref.previousSibling;
      parent.insertBefore(child, ref);
      if (isBlank(before)) parent.insertBefore(before!.cloneNode(false), ref);
      return;
    }
    const last = children.at(-1);
    if (last) {
      const after = last.nextSibling;
      if (isBlank(last.previousSibling)) parent.insertBefore(last.previousSibling!.cloneNode(false), after);
      parent.insertBefore(child, after);
      return;
    }
    const indent = this.indentOf(parent);
    let hasText = false;
    for (let c = parent.firstChild; c; c = c.nextSibling) if (!isBlank(c)) hasText = true;
    if (indent === null || hasText) {
      parent.appendChild(child);
      return;
    }
    while (parent.firstChild) parent.removeChild(parent.firstChild);
    parent.appendChild(this.document.createTextNode(`\n${indent}  `));
    parent.appendChild(child);
    parent.appendChild(this.document.createTextNode(`\n${indent}`));
  }

  /** Indentation of el's own line, or null when the document is not pretty-printed there. */
  private indentOf(el: Element): string | null {
    if (el === this.root) return '';
    const prev = el.previousSibling;
    if (!isBlank(prev) || !prev!.nodeValue!.includes('\n')) return null;
    const ws = prev!.nodeValue!;
    return ws.slice(ws.lastIndexOf('\n') + 1);
  }
}
