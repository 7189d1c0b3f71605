// Metrics history under a fake clock: 200 VMs and 3 hosts over 30 simulated days. The database must stay under the
// stated bound (shared/model/metrics.ts) and a 30-day graph query must answer in < 100 ms.
// Sampling: every 10 s for the first two days (the 10 s tier fills, is pruned and reuses its pages) and the last day
// (what a 1-day graph shows); every 5 minutes in between, where the 10 s points would be gone a day later anyway and
// the 5-minute and hourly tiers get one row per step either way. VD_BENCH_METRICS_FULL=1 samples every 10 s throughout
// (52 M samples: about half an hour of CPU on a loaded 2-core machine).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MetricsStore } from '../../electron/inventory/metrics-store.js';
import { type MetricPoint, metricBytesBound } from '../../shared/model/metrics.js';
import { median, record } from './report.js';

const VMS = 200;
const HOSTS = 3;
const DAYS = Number(process.env.VD_BENCH_METRICS_DAYS ?? '30');
const T0 = 1_800_000_000;
const QUERY_BUDGET_MS = 100;
const FULL = process.env.VD_BENCH_METRICS_FULL === '1';

/** Seconds to the next sample at `t` (see the header). */
function gap(t: number, end: number): number {
  return FULL || t < T0 + 2 * 86_400 || t >= end - 86_400 ? 10 : 300;
}

function tick(t: number): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let i = 0; i < VMS; i++) {
    const host = `h${(i % HOSTS) + 1}`;
    // Varying values, so rows have realistic widths (memory ~ 1-4 GiB in KiB, rates up to ~100 MB/s).
    points.push({
      host, vm: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `vm-${i}`,
      cpuPct: ((t / 10 + i * 7) % 1000) / 10, memKiB: 1_048_576 + ((t + i * 4099) % 3_145_728),
      diskBps: (t * 31 + i * 977) % 100_000_000, netBps: (t * 17 + i * 131) % 10_000_000,
    });
  }
  for (let h = 1; h <= HOSTS; h++) {
    points.push({ host: `h${h}`, vm: null, name: `h${h}`, cpuPct: (t / 10) % 100, memKiB: 20_000_000 + (t % 1000), diskBps: t % 1e8, netBps: t % 1e7 });
  }
  return points;
}

describe('metrics history', () => {
  it(`${VMS} VMs, ${DAYS} simulated days: size bound and the 30-day graph query`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'vd-metrics-bench-'));
    const file = join(dir, 'metrics.sqlite');
    try {
      const end = T0 + DAYS * 86_400;
      let s = MetricsStore.open(file);
      const started = performance.now();
      for (let t = T0; t < end; t += gap(t, end)) s.record(t, tick(t));
      const writeS = (performance.now() - started) / 1000;
      s.close();
      const bytes = statSync(file).size;
      const bound = metricBytesBound(VMS + HOSTS, DAYS);
      s = MetricsStore.open(file);
      const times: number[] = [];
      let points = 0;
      for (let i = 0; i < 21; i++) {
        const t0 = performance.now();
        const vm = i * 9; // on host h(vm % HOSTS + 1), as tick() places it
        points = s.history(`h${(vm % HOSTS) + 1}`, `vm-${vm}`, 30 * 86_400, end)?.points.length ?? 0;
        times.push(performance.now() - t0);
      }
      s.close();
      const ms = median(times);
      record({
        bench: `metrics: ${VMS} VMs + ${HOSTS} hosts, ${DAYS} days (${FULL ? 'all' : 'first 2 and last'} days at 10 s; written in ${writeS.toFixed(0)} s)`,
        ours: 'database bytes', oursValue: bytes, baseline: 'stated bound', baselineValue: bound, unit: 'B', better: 'lower', goal: '< 1',
      });
      record({
        bench: `metrics: 30-day graph query of one VM (${points} points)`,
        ours: 'history()', oursValue: ms, baseline: 'budget', baselineValue: QUERY_BUDGET_MS, unit: 'ms', better: 'lower', goal: '< 1',
      });
      expect(points).toBeGreaterThan(Math.min(DAYS, 30) * 288 - 2);
      expect(bytes).toBeLessThanOrEqual(bound);
      expect(ms).toBeLessThan(QUERY_BUDGET_MS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 4 * 3600_000);
});
