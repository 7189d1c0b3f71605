// A line diff between two texts (an XML definition now and as edited): what the XML editor and `virtdeck vm
// edit|define` show before a define. Longest common subsequence after trimming the common head and tail, so an
// edit of a few lines in a long definition stays cheap.

export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
  /** 1-based line in the old text (absent for an added line). */
  oldLine?: number;
  /** 1-based line in the new text (absent for a removed line). */
  newLine?: number;
}

const linesOf = (s: string): string[] => (s === '' ? [] : s.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n'));

/** Every line of both texts, in order, each kept, removed or added. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = linesOf(before);
  const b = linesOf(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  // lcs[i][j]: length of the longest common subsequence of midA[i..] and midB[j..].
  const lcs: number[][] = Array.from({ length: midA.length + 1 }, () => new Array<number>(midB.length + 1).fill(0));
  for (let i = midA.length - 1; i >= 0; i--) {
    const row = lcs[i] as number[];
    const next = lcs[i + 1] as number[];
    for (let j = midB.length - 1; j >= 0; j--) {
      row[j] = midA[i] === midB[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const out: DiffLine[] = [];
  const keep = (i: number, j: number): void => void out.push({ op: ' ', text: a[i] as string, oldLine: i + 1, newLine: j + 1 });
  for (let k = 0; k < head; k++) keep(k, k);
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      keep(head + i++, head + j++);
    } else if (j < midB.length && (i === midA.length || (lcs[i]?.[j + 1] ?? 0) > (lcs[i + 1]?.[j] ?? 0))) {
      out.push({ op: '+', text: midB[j] as string, newLine: head + ++j });
    } else {
      out.push({ op: '-', text: midA[i] as string, oldLine: head + ++i });
    }
  }
  for (let k = 0; k < tail; k++) keep(a.length - tail + k, b.length - tail + k);
  return out;
}

/** True when the diff has any added or removed line. */
export const hasChanges = (diff: readonly DiffLine[]): boolean => diff.some((d) => d.op !== ' ');

/** The diff in the unified format (`---`/`+++` headers, `@@` hunks with `context` lines around each change). */
export function unifiedDiff(diff: readonly DiffLine[], labels: { before: string; after: string }, context = 3): string {
  const changed = diff.map((d, k) => (d.op === ' ' ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  const hunks: Array<[number, number]> = [];
  for (const k of changed) {
    const from = Math.max(0, k - context);
    const to = Math.min(diff.length - 1, k + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }
  const lines = [`--- ${labels.before}`, `+++ ${labels.after}`];
  for (const [from, to] of hunks) {
    const part = diff.slice(from, to + 1);
    const oldCount = part.filter((d) => d.op !== '+').length;
    const newCount = part.filter((d) => d.op !== '-').length;
    const oldStart = oldCount ? (part.find((d) => d.oldLine !== undefined)?.oldLine ?? 0) : startBefore(diff, from, 'oldLine');
    const newStart = newCount ? (part.find((d) => d.newLine !== undefined)?.newLine ?? 0) : startBefore(diff, from, 'newLine');
    lines.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const d of part) lines.push(`${d.op}${d.text}`);
  }
  return `${lines.join('\n')}\n`;
}

/** For a hunk with no line on one side: the line number before it on that side (0 at the start). */
function startBefore(diff: readonly DiffLine[], from: number, side: 'oldLine' | 'newLine'): number {
  for (let k = from - 1; k >= 0; k--) {
    const n = diff[k]?.[side];
    if (n !== undefined) return n;
  }
  return 0;
}
