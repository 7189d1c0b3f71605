// The metrics history with a fake clock (the recorded times are the clock): tiers, roll-ups, pruning, restart, size.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricsStore } from '../../../electron/inventory/metrics-store.js';
import { type MetricPoint, metricBytesBound, metricRowsBound, tierFor } from '../../../shared/model/metrics.js';

const DAY = 86_400;
const T0 = 1_800_000_000; // a round multiple of 3600
let dir = '';
const open: MetricsStore[] = [];

function store(): MetricsStore {
  dir ||= mkdtempSync(join(tmpdir(), 'vd-metrics-'));
  const s = MetricsStore.open(join(dir, 'metrics.sqlite'));
  open.push(s);
  return s;
}

function closeAll(): void {
  for (const s of open.splice(0)) s.close();
}

afterEach(() => {
  closeAll();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

const vm = (name: string, cpuPct: number | null, memKiB: number | null = 1024): MetricPoint => ({
  host: 'h1', vm: `uuid-${name}`, name, cpuPct, memKiB, diskBps: 100, netBps: null,
});

/** Records `vm(name, cpu(t))` every `every` seconds from `from` (inclusive) to `to` (exclusive). */
function feed(s: MetricsStore, from: number, to: number, every: number, cpu: (t: number) => number, name = 'a'): void {
  for (let t = from; t < to; t += every) s.record(t, [vm(name, cpu(t))]);
}

function rows(tier: number): number {
  const db = new DatabaseSync(join(dir, 'metrics.sqlite'), { readOnly: true });
  const n = Number(db.prepare('SELECT count(*) AS n FROM points WHERE tier = ?').get(tier)?.n);
  db.close();
  return n;
}

describe('metric tiers', () => {
  it('picks the finest tier that holds the span', () => {
    expect([3600, DAY, 2 * DAY, 30 * DAY, 31 * DAY, 365 * DAY, 400 * DAY].map(tierFor)).toEqual([0, 0, 1, 1, 2, 2, 2]);
  });
});

describe('MetricsStore', () => {
  it('keeps 10 s averages of the samples in each slot (1 Hz ticks of the app)', () => {
    const s = store();
    feed(s, T0, T0 + 60, 1, (t) => (t % 2 === 0 ? 0 : 100));
    s.record(T0 + 60, [vm('a', 0)]); // closes the last slot
    const h = s.history('h1', 'a', 3600, T0 + 60);
    expect(h?.step).toBe(10);
    expect(h?.points.map((p) => p[0])).toEqual([0, 10, 20, 30, 40, 50].map((d) => T0 + d));
    expect(h?.points.every((p) => p[1] === 50 && p[2] === 1024 && p[3] === 100 && p[4] === null)).toBe(true);
  });

  it('rolls 10 s slots up into 5 min and 1 h averages', () => {
    const s = store();
    // 0 % for the first 5 minutes of each 10, 100 % for the next five; two hours.
    feed(s, T0, T0 + 7200 + 20, 10, (t) => ((t - T0) % 600 < 300 ? 0 : 100));
    const fiveMin = s.history('h1', 'uuid-a', 2 * DAY, T0 + 7200);
    expect(fiveMin?.step).toBe(300);
    expect(fiveMin?.points.slice(0, 4).map((p) => [p[0] - T0, p[1]])).toEqual([[0, 0], [300, 100], [600, 0], [900, 100]]);
    expect(fiveMin?.points).toHaveLength(24);
    const hourly = s.history('h1', 'a', 60 * DAY, T0 + 7200);
    expect(hourly?.step).toBe(3600);
    expect(hourly?.points.map((p) => [p[0] - T0, p[1]])).toEqual([[0, 50], [3600, 50]]);
  });

  it('averages only known values: a null sample does not count as 0', () => {
    const s = store();
    s.record(T0, [vm('a', 80, null)]);
    s.record(T0 + 1, [vm('a', null, 2048)]);
    s.record(T0 + 2, [vm('a', Number.NaN, null)]);
    s.record(T0 + 10, [vm('a', 0)]);
    expect(s.history('h1', 'a', 3600, T0 + 10)?.points[0]).toEqual([T0, 80, 2048, 100, null]);
  });

  it('drops rows older than their tier keeps (pruned hourly)', () => {
    const s = store();
    feed(s, T0, T0 + 2 * DAY + 3600, 10, () => 10);
    const now = T0 + 2 * DAY + 3600;
    const day = s.history('h1', 'a', DAY, now); // writes what is pending
    expect(rows(0)).toBeLessThanOrEqual((DAY + 3600) / 10 + 1);
    expect(rows(0)).toBeGreaterThanOrEqual(DAY / 10);
    expect(rows(1)).toBe((2 * DAY + 3600) / 300 - 1); // every closed 5-minute step is kept (30 days)
    expect(day?.points[0]?.[0]).toBeGreaterThanOrEqual(now - DAY);
  });

  it('history written before a restart is there after it, and the open 5 min and 1 h steps go on', () => {
    let s = store();
    feed(s, T0, T0 + 150, 10, () => 100); // 15 slots at 100 %
    s.close();
    open.splice(0);
    s = store();
    expect(s.history('h1', 'a', 3600, T0 + 150)?.points).toHaveLength(15);
    feed(s, T0 + 150, T0 + 3600 + 20, 10, () => 0); // the rest of the hour at 0 % (and one slot after it)
    const fiveMin = s.history('h1', 'a', 2 * DAY, T0 + 3600);
    expect(fiveMin?.points[0]).toEqual([T0, 50, 1024, 100, null]); // 15 slots of 100 and 15 of 0
    const hourly = s.history('h1', 'a', 60 * DAY, T0 + 3600);
    expect(hourly?.points[0]?.[1]).toBeCloseTo((15 * 100) / 360, 1);
  });

  it('finds a VM by name or UUID, a renamed VM by its new name, and the host series apart', () => {
    const s = store();
    s.record(T0, [vm('old', 1), { host: 'h1', vm: null, name: 'h1', cpuPct: 7, memKiB: 1, diskBps: null, netBps: null }]);
    s.record(T0 + 10, [{ ...vm('old', 2), name: 'new' }, { host: 'h1', vm: null, name: 'h1', cpuPct: 7, memKiB: 1, diskBps: null, netBps: null }]);
    s.record(T0 + 20, [{ ...vm('old', 2), name: 'new' }]);
    expect(s.history('h1', 'new', 3600, T0 + 20)?.points).toHaveLength(2);
    expect(s.history('h1', 'uuid-old', 3600, T0 + 20)?.name).toBe('new');
    expect(s.history('h1', 'old', 3600, T0 + 20)).toBeNull();
    expect(s.history('h1', null, 3600, T0 + 20)?.points.map((p) => p[1])).toEqual([7]);
    expect(s.history('h2', null, 3600, T0 + 20)).toBeNull();
  });

  it('stays under the stated size bound (10 series, 1.5 simulated days)', () => {
    const s = store();
    const series = 10;
    const end = T0 + 1.5 * DAY;
    for (let t = T0; t < end; t += 10) {
      s.record(t, Array.from({ length: series }, (_, i) => ({
        ...vm(`v${i}`, (t / 10 + i) % 100, 500_000 + i), diskBps: (t * 7) % 100_000, netBps: (t * 13) % 1_000_000,
      })));
    }
    closeAll();
    const file = join(dir, 'metrics.sqlite');
    const bytes = statSync(file).size;
    expect(rows(0)).toBeGreaterThan(series * (DAY / 10)); // a full day of 10 s rows is there to weigh
    expect(rows(0) + rows(1) + rows(2)).toBeLessThanOrEqual(series * metricRowsBound(1.5));
    expect(bytes).toBeLessThanOrEqual(metricBytesBound(series, 1.5));
  }, 120_000);
});
