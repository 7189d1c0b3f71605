// Prints test-results/bench/results.jsonl as a table of ratios.
import { readFileSync } from 'node:fs';
const file = process.argv[2];
const rows = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
const table = [['bench', 'ours', 'baseline', 'ratio', 'goal', 'note']];
for (const r of rows) {
  table.push([
    r.bench,
    `${fmt(r.oursValue)} ${r.unit} (${r.ours})`,
    `${fmt(r.baselineValue)} ${r.unit} (${r.baseline})`,
    `${(r.oursValue / r.baselineValue).toFixed(3)}× (${r.better} is better)`,
    r.goal ?? '',
    r.note ?? '',
  ]);
}
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
for (const row of table) console.log(row.map((c, i) => c.padEnd(widths[i])).join(' | ').trimEnd());
