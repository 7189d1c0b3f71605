// The line of a submitted XML text that libvirt's refusal is about, where its message lets us tell: a parse error
// names the line ("(domain_definition):7: …"); a schema error names an element ("Extra element devices in
// interleave", "Element network has extra content: bogus"), found in the text — and inside that element, the first
// line the edit added, which is where the mistake usually is.
import { lineDiff } from './line-diff.js';

const PARSE_LINE = /\(\w+_definition\):(\d+):/;

/** Schema messages of libxml2's RelaxNG validator, the element at fault in the first group. */
const NAMED: readonly RegExp[] = [
  /has extra content: ([\w:.-]+)/,
  /Did not expect element ([\w:.-]+) there/,
  /Expecting element [\w:.-]+, got ([\w:.-]+)/,
  /Invalid attribute [\w:.-]+ for element ([\w:.-]+)/,
  /Element ([\w:.-]+) failed to validate attributes/,
  /Extra element ([\w:.-]+) in interleave/,
  /Element ([\w:.-]+) failed to validate content/,
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 1-based line of `xml` the message `message` names, or null when it names none we can find. */
export function xmlErrorLine(message: string, xml: string, before?: string): number | null {
  const lines = xml.replace(/\r\n/g, '\n').split('\n');
  const parsed = PARSE_LINE.exec(message);
  if (parsed) {
    const n = Number(parsed[1]);
    return n >= 1 && n <= lines.length ? n : null;
  }
  for (const text of message.split('\n')) {
    for (const re of NAMED) {
      const name = re.exec(text)?.[1];
      const span = name === undefined ? null : elementSpan(lines, name);
      if (span) return firstAddedIn(span, xml, before) ?? span.start;
    }
  }
  return null;
}

/** Lines (1-based) from the first `<name` to its end tag (or the same line when it closes itself). */
function elementSpan(lines: readonly string[], name: string): { start: number; end: number } | null {
  const open = new RegExp(`<${escape(name)}(?=[\\s/>]|$)`);
  const close = new RegExp(`</${escape(name)}\\s*>|<${escape(name)}\\b[^>]*/>`);
  const start = lines.findIndex((l) => open.test(l));
  if (start < 0) return null;
  const end = lines.findIndex((l, k) => k >= start && close.test(l));
  return { start: start + 1, end: end < 0 ? lines.length : end + 1 };
}

/** The first line inside `span` that the edit from `before` added (null without `before` or when none was). */
function firstAddedIn(span: { start: number; end: number }, xml: string, before: string | undefined): number | null {
  if (before === undefined) return null;
  const added = lineDiff(before, xml).find((d) => d.op === '+' && d.newLine !== undefined && d.newLine > span.start && d.newLine < span.end);
  return added?.newLine ?? null;
}
