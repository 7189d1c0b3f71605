// The line diff shown before a define: every line kept, removed or added, with its numbers; unified hunks.
import { describe, expect, it } from 'vitest';
import { hasChanges, lineDiff, unifiedDiff } from '../../../shared/model/line-diff.js';

const ops = (a: string, b: string): string => lineDiff(a, b).map((d) => `${d.op}${d.text}`).join('|');

describe('lineDiff', () => {
  it('keeps equal texts as they are (no change)', () => {
    const d = lineDiff('a\nb\n', 'a\nb');
    expect(d.map((x) => x.op)).toEqual([' ', ' ']);
    expect(hasChanges(d)).toBe(false);
    expect(hasChanges(lineDiff('', ''))).toBe(false);
  });

  it('finds a changed line among kept ones, with both line numbers', () => {
    const d = lineDiff('<a>\n  <m>1</m>\n  <n/>\n</a>', '<a>\n  <m>2</m>\n  <n/>\n</a>');
    expect(d.map((x) => `${x.op}${x.text}`)).toEqual([' <a>', '-  <m>1</m>', '+  <m>2</m>', '   <n/>', ' </a>']);
    expect(d[1]).toEqual({ op: '-', text: '  <m>1</m>', oldLine: 2 });
    expect(d[2]).toEqual({ op: '+', text: '  <m>2</m>', newLine: 2 });
    expect(d[3]).toEqual({ op: ' ', text: '  <n/>', oldLine: 3, newLine: 3 });
  });

  it('inserts and removes lines in the middle (the longest common run is kept)', () => {
    expect(ops('a\nb\nc\nd', 'a\nx\nc\nd\ne')).toBe(' a|-b|+x| c| d|+e');
    expect(ops('a\nb\nc', 'c')).toBe('-a|-b| c');
    expect(ops('', 'a')).toBe('+a');
    expect(ops('a\r\nb', 'a\nb')).toBe(' a| b');
  });
});

describe('unifiedDiff', () => {
  it('writes hunks with three lines of context and their ranges', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join('\n');
    const after = before.replace('l10', 'L10').replace('l19', 'l19\nnew');
    expect(unifiedDiff(lineDiff(before, after), { before: 'old', after: 'new' })).toBe(
      ['--- old', '+++ new', '@@ -7,7 +7,7 @@', ' l7', ' l8', ' l9', '-l10', '+L10', ' l11', ' l12', ' l13',
        '@@ -17,4 +17,5 @@', ' l17', ' l18', ' l19', '+new', ' l20', ''].join('\n'),
    );
  });

  it('is empty without changes; an insertion at the very start counts from line 0', () => {
    expect(unifiedDiff(lineDiff('a', 'a'), { before: 'x', after: 'y' })).toBe('');
    expect(unifiedDiff(lineDiff('a', 'z\na'), { before: 'x', after: 'y' }, 0)).toBe('--- x\n+++ y\n@@ -0,0 +1,1 @@\n+z\n');
  });
});
