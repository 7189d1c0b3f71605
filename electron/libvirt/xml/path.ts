// The XPath subset the models use, parsed once so the same path can both find and create nodes:
//   ./a/b[@x='y'][@z]/c        child elements (optionally prefix:name), attribute predicates
//   ./a/@attr                  an attribute as the last step
// A path without a trailing @attr denotes an element whose value is its text.
import { XmlModelError } from './errors.js';

export interface Predicate {
  attr: string;
  /** null: the attribute only has to exist. */
  value: string | null;
}

export interface ElementStep {
  prefix: string | null;
  local: string;
  predicates: Predicate[];
}

export interface ParsedPath {
  elements: ElementStep[];
  /** The attribute addressed by a trailing `@name`, else null. */
  attr: string | null;
}

const cache = new Map<string, ParsedPath>();

export function parsePath(path: string): ParsedPath {
  let parsed = cache.get(path);
  if (!parsed) {
    parsed = parseUncached(path);
    cache.set(path, parsed);
  }
  return parsed;
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;

function parseUncached(path: string): ParsedPath {
  const fail = (why: string): never => {
    throw new XmlModelError(`bad XML path ${JSON.stringify(path)}: ${why}`);
  };
  let rest = path.startsWith('./') ? path.slice(2) : path;
  const elements: ElementStep[] = [];
  let attr: string | null = null;
  while (rest.length > 0) {
    if (attr !== null) fail('attribute must be the last step');
    if (rest.startsWith('@')) {
      const m = NAME.exec(rest.slice(1)) ?? fail('attribute name expected');
      attr = m[0];
      rest = rest.slice(1 + m[0].length);
    } else {
      const m = NAME.exec(rest) ?? fail('element name expected');
      rest = rest.slice(m[0].length);
      const predicates: Predicate[] = [];
      while (rest.startsWith('[')) {
        const p = /^\[@([A-Za-z_][\w.:-]*)(?:=(?:'([^']*)'|"([^"]*)"))?\]/.exec(rest) ?? fail('predicate [@a] or [@a=\'v\'] expected');
        predicates.push({ attr: p[1]!, value: p[2] ?? p[3] ?? null });
        rest = rest.slice(p[0].length);
      }
      const colon = m[0].indexOf(':');
      elements.push({
        prefix: colon < 0 ? null : m[0].slice(0, colon),
        local: colon < 0 ? m[0] : m[0].slice(colon + 1),
        predicates,
      });
    }
    if (rest.startsWith('/')) {
      rest = rest.slice(1);
      if (rest.length === 0) fail('trailing slash');
    } else if (rest.length > 0) {
      fail(`unexpected ${JSON.stringify(rest)}`);
    }
  }
  return { elements, attr };
}
