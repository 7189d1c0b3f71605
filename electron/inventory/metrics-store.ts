// Metrics history in its own SQLite file, in tiers (shared/model/metrics.ts: 10 s for a day, 5 min for 30 days,
// 1 h for a year). Samples are averaged per 10 s slot in memory; a closed slot becomes a tier-0 row and one more
// sample of the coarser tiers' open averages, whose rows follow when their step closes. Closed rows are written
// together once per 5-minute step (and on close). The open averages are rebuilt from the tier-0 rows on open, so
// history survives a restart (of the app or `virtdeck watch`) without a gap.
// Size: one row per series per step; old rows are deleted once an hour (METRIC_PRUNE_EVERY), so the file stays
// under metricBytesBound(). Durability: WAL + synchronous NORMAL (a crash may lose the last 5 minutes, never the file).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import {
  METRIC_PRUNE_EVERY,
  METRIC_TIERS,
  type MetricHistory,
  type MetricPoint,
  type MetricValues,
  tierFor,
} from '../../shared/model/metrics.js';
import { BUSY_TIMEOUT_MS } from './inventory.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS series (
    id INTEGER PRIMARY KEY, host TEXT NOT NULL, vm TEXT NOT NULL, name TEXT NOT NULL, UNIQUE (host, vm));
  -- cpu in tenths of a percent, memory in KiB, rates in bytes/s: small integers take few bytes.
  CREATE TABLE IF NOT EXISTS points (
    tier INTEGER NOT NULL, series INTEGER NOT NULL, t INTEGER NOT NULL,
    cpu INTEGER, mem INTEGER, disk INTEGER, net INTEGER,
    PRIMARY KEY (tier, series, t)) WITHOUT ROWID;`;

const FIELDS = ['cpuPct', 'memKiB', 'diskBps', 'netBps'] as const;
/** Rows per multi-row INSERT (7 parameters each, well under SQLite's limit). */
const INSERT_BATCH = 500;
/**
 * Closed rows are written together once per this many seconds: a tick touches one b-tree page per series, so writing
 * every tick would rewrite hundreds of pages each time. A crash loses at most this span; close() loses nothing.
 */
const FLUSH_EVERY = 300;
const MAX_PENDING = 100_000;

/** Sums and counts of one series over one open step (nulls are not counted). */
interface Bucket {
  start: number;
  sum: number[];
  count: number[];
}

/** A point as the query returns it (integers: cpu in tenths of a percent). */
type PointRow = [t: number, cpu: number | null, mem: number | null, disk: number | null, net: number | null];

type Row = [tier: number, series: number, t: number, cpu: number | null, mem: number | null, disk: number | null, net: number | null];

function emptyBucket(start: number): Bucket {
  return { start, sum: FIELDS.map(() => 0), count: FIELDS.map(() => 0) };
}

function addTo(b: Bucket, v: readonly (number | null)[]): void {
  v.forEach((x, i) => {
    if (x === null || !Number.isFinite(x)) return;
    b.sum[i] = (b.sum[i] ?? 0) + x;
    b.count[i] = (b.count[i] ?? 0) + 1;
  });
}

function averages(b: Bucket): (number | null)[] {
  return FIELDS.map((_, i) => ((b.count[i] ?? 0) > 0 ? (b.sum[i] ?? 0) / (b.count[i] ?? 1) : null));
}

function toRow(tier: number, series: number, b: Bucket): Row {
  const [cpu = null, mem = null, disk = null, net = null] = averages(b);
  const round = (x: number | null, k = 1): number | null => (x === null ? null : Math.round(x * k));
  return [tier, series, b.start, round(cpu, 10), round(mem), round(disk), round(net)];
}

const valuesOf = (v: MetricValues): (number | null)[] => FIELDS.map((f) => v[f]);

export class MetricsStore {
  /** host \0 vm → series id and the name last stored. */
  private readonly ids = new Map<string, { id: number; name: string }>();
  private readonly inserts = new Map<number, StatementSync>();
  /** open[tier] : series id → the step being averaged. */
  private readonly open: Map<number, Bucket>[] = METRIC_TIERS.map(() => new Map());
  private lastPrune = 0;
  /** Closed rows not written yet: they are written once per 5-minute step (one transaction, few pages each). */
  private pending: Row[] = [];
  private pendingStep = 0;

  private readonly pointsQuery: StatementSync;

  private constructor(private readonly db: DatabaseSync) {
    this.pointsQuery = db.prepare('SELECT t, cpu, mem, disk, net FROM points WHERE tier = ? AND series = ? AND t >= ? AND t <= ? ORDER BY t');
    this.pointsQuery.setReturnArrays(true);
    for (const r of db.prepare('SELECT id, host, vm, name FROM series').all()) {
      this.ids.set(`${r.host}\0${r.vm}`, { id: Number(r.id), name: String(r.name) });
    }
    this.restore();
  }

  static open(file: string): MetricsStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new DatabaseSync(file);
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    // The pages a flush touches (one leaf per series and tier, plus the inner pages above them) stay in memory.
    db.exec('PRAGMA cache_size = -32768');
    db.exec(SCHEMA);
    return new MetricsStore(db);
  }

  /** Samples taken at `t` (epoch seconds). */
  record(t: number, points: readonly MetricPoint[]): void {
    const rows: Row[] = [];
    const slot = Math.floor(t / METRIC_TIERS[0].step) * METRIC_TIERS[0].step;
    for (const p of points) {
      const id = this.seriesId(p);
      const open = this.open[0] as Map<number, Bucket>;
      const b = open.get(id);
      if (b && b.start !== slot) this.closeSlot(id, b, rows);
      if (!b || b.start !== slot) open.set(id, emptyBucket(slot));
      addTo(open.get(id) as Bucket, valuesOf(p));
    }
    this.pending.push(...rows);
    const step = Math.floor(t / FLUSH_EVERY);
    if (step !== this.pendingStep || this.pending.length >= MAX_PENDING) {
      this.pendingStep = step;
      this.flush();
    }
    if (t - this.lastPrune >= METRIC_PRUNE_EVERY) {
      this.prune(t);
      this.lastPrune = t;
    }
  }

  /** History of a host (vm null) or a VM (its UUID or name) over the last `sinceSeconds` before `now`, or null when unknown. */
  history(host: string, vm: string | null, sinceSeconds: number, now: number): MetricHistory | null {
    this.flush();
    const s = this.db
      .prepare("SELECT id, vm, name FROM series WHERE host = ? AND (vm = ? OR (vm <> '' AND name = ?)) ORDER BY vm = ? DESC LIMIT 1")
      .get(host, vm ?? '', vm ?? '', vm ?? '');
    if (!s) return null;
    const tier = tierFor(sinceSeconds);
    // Rows as arrays: a 30-day graph is ~8,600 of them, and objects per row cost more than the query.
    const rows = this.pointsQuery.all(tier, Number(s.id), now - sinceSeconds, now) as unknown as PointRow[];
    return {
      host,
      vm: s.vm === '' ? null : String(s.vm),
      name: String(s.name),
      step: METRIC_TIERS[tier]?.step ?? 0,
      points: rows.map(([t, cpu, mem, disk, net]) => [t, cpu === null ? null : cpu / 10, mem, disk, net]),
    };
  }

  /** Writes the open 10 s slots (the coarser tiers are rebuilt from them on the next open) and closes the file. */
  close(): void {
    for (const [id, b] of this.open[0] as Map<number, Bucket>) this.pending.push(toRow(0, id, b));
    this.flush();
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  /** The series' id; it is stored on first sight and when its name changed (a renamed VM). */
  private seriesId(p: MetricPoint): number {
    const key = `${p.host}\0${p.vm ?? ''}`;
    const known = this.ids.get(key);
    if (known?.name === p.name) return known.id;
    const r = this.db
      .prepare('INSERT INTO series (host, vm, name) VALUES (?, ?, ?) ON CONFLICT (host, vm) DO UPDATE SET name = excluded.name RETURNING id')
      .get(p.host, p.vm ?? '', p.name);
    const id = Number(r?.id);
    this.ids.set(key, { id, name: p.name });
    return id;
  }

  /** A closed 10 s slot becomes a tier-0 row and one more sample of each coarser tier's open step. */
  private closeSlot(id: number, slot: Bucket, rows: Row[]): void {
    rows.push(toRow(0, id, slot));
    const avg = averages(slot);
    METRIC_TIERS.forEach((tier, i) => {
      if (i === 0) return;
      const start = Math.floor(slot.start / tier.step) * tier.step;
      const open = this.open[i] as Map<number, Bucket>;
      const b = open.get(id);
      if (b && b.start !== start) rows.push(toRow(i, id, b));
      if (!b || b.start !== start) open.set(id, emptyBucket(start));
      addTo(open.get(id) as Bucket, avg);
    });
  }

  private flush(): void {
    // In key order, each series' rows go into one b-tree leaf after the other instead of hopping between leaves.
    const rows = this.pending.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    this.pending = [];
    if (rows.length === 0) return;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        const batch = rows.slice(i, i + INSERT_BATCH);
        this.insert(batch.length).run(...(batch.flat() as SQLInputValue[]));
      }
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** One INSERT of `n` rows, prepared once per size. */
  private insert(n: number): StatementSync {
    let st = this.inserts.get(n);
    if (!st) {
      st = this.db.prepare(`INSERT OR REPLACE INTO points (tier, series, t, cpu, mem, disk, net) VALUES ${Array(n).fill('(?,?,?,?,?,?,?)').join(',')}`);
      this.inserts.set(n, st);
    }
    return st;
  }

  private prune(now: number): void {
    this.flush();
    const del = this.db.prepare('DELETE FROM points WHERE tier = ? AND series = ? AND t < ?');
    this.db.exec('BEGIN IMMEDIATE');
    for (const { id } of this.ids.values()) METRIC_TIERS.forEach((tier, i) => del.run(i, id, now - tier.keep));
    this.db.exec('COMMIT');
  }

  /** The coarser tiers' open steps, from the tier-0 rows since each step began (at each series' last row). */
  private restore(): void {
    const last = this.db.prepare('SELECT max(t) AS t FROM points WHERE tier = 0 AND series = ?');
    const since = this.db.prepare(
      'SELECT count(cpu) c0, sum(cpu) s0, count(mem) c1, sum(mem) s1, count(disk) c2, sum(disk) s2, count(net) c3, sum(net) s3 ' +
        'FROM points WHERE tier = 0 AND series = ? AND t >= ?',
    );
    for (const { id } of this.ids.values()) {
      const t = last.get(id)?.t;
      if (t === null || t === undefined) continue;
      METRIC_TIERS.forEach((tier, i) => {
        if (i === 0) return;
        const start = Math.floor(Number(t) / tier.step) * tier.step;
        const r = since.get(id, start);
        if (!r) return;
        const b = emptyBucket(start);
        FIELDS.forEach((_, f) => {
          b.count[f] = Number(r[`c${f}`] ?? 0);
          b.sum[f] = Number(r[`s${f}`] ?? 0) / (f === 0 ? 10 : 1);
        });
        (this.open[i] as Map<number, Bucket>).set(id, b);
      });
    }
  }
}
