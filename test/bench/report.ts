// Bench results: each bench file records rows; run.sh prints them all as one table at the end.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const RESULTS = resolve(import.meta.dirname, '..', '..', 'test-results', 'bench', 'results.jsonl');

export interface BenchRow {
  bench: string;
  ours: string;
  oursValue: number;
  baseline: string;
  baselineValue: number;
  unit: string;
  /** ours / baseline (lower is better for times, higher for throughput — see `better`). */
  better: 'lower' | 'higher';
  goal?: string;
  note?: string;
}

export function record(row: BenchRow): void {
  mkdirSync(dirname(RESULTS), { recursive: true });
  appendFileSync(RESULTS, `${JSON.stringify(row)}\n`);
  const ratio = row.oursValue / row.baselineValue;
  process.stdout.write(
    `[bench] ${row.bench}: ${row.ours} ${row.oursValue.toFixed(2)} ${row.unit} vs ${row.baseline} ${row.baselineValue.toFixed(2)} ${row.unit} → ratio ${ratio.toFixed(3)}\n`,
  );
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export const benchDir = join(import.meta.dirname);
