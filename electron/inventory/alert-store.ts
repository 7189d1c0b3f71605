// Alert rules, delivery targets and history in their own SQLite file beside the metrics (alerts.sqlite): the app and
// `virtdeck watch` may both evaluate rules, so "fires once" is decided here — at most one open row per key (a partial
// unique index), and only the writer whose insert (or clearing update) changed a row delivers it. Durable: WAL +
// synchronous FULL (writes are rare). The file holds SMTP passwords: it is created 0600 in a 0700 directory.
import type { DatabaseSync } from 'node:sqlite';
import {
  ALERT_RULE_IDS,
  type AlertParams,
  type AlertRecord,
  type AlertRule,
  type AlertRuleId,
  type AlertTarget,
  type AlertTargetSpec,
  DEFAULT_ALERT_RULES,
} from '../../shared/model/alerts.js';
import { openDurable } from './durable-db.js';
import type { Row } from './sql.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS rules (id TEXT PRIMARY KEY, enabled INTEGER NOT NULL, threshold REAL);
  CREATE TABLE IF NOT EXISTS targets (id INTEGER PRIMARY KEY, spec TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY, rule TEXT NOT NULL, key TEXT NOT NULL, host TEXT, params TEXT NOT NULL,
    fired_at TEXT NOT NULL, cleared_at TEXT);
  CREATE UNIQUE INDEX IF NOT EXISTS alerts_open ON alerts (key) WHERE cleared_at IS NULL;
  -- VirtDeck's own tasks of every process (app, CLI commands, watch), so that any of them tells its own stops from others'.
  CREATE TABLE IF NOT EXISTS actions (
    task TEXT PRIMARY KEY, host TEXT NOT NULL, subjects TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT);`;

/** A task row still "running" after this long is taken as left by a process that died. */
const ACTION_STALE_MS = 86_400_000;

/** History rows kept; older ones (cleared) are deleted as new ones come. */
export const ALERT_HISTORY_KEEP = 10_000;

function toRecord(r: Row): AlertRecord {
  return {
    id: Number(r.id),
    rule: String(r.rule) as AlertRuleId,
    key: String(r.key),
    host: r.host === null ? null : String(r.host),
    params: JSON.parse(String(r.params)) as AlertParams,
    state: r.cleared_at === null ? 'firing' : 'cleared',
    firedAt: String(r.fired_at),
    clearedAt: r.cleared_at === null ? null : String(r.cleared_at),
  };
}

export class AlertStore {
  private constructor(private readonly db: DatabaseSync) {}

  static open(file: string): AlertStore {
    return new AlertStore(openDurable(file, SCHEMA, { secret: true }));
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /** Every rule: the stored setting, else its default. */
  rules(): AlertRule[] {
    const stored = new Map(this.db.prepare('SELECT id, enabled, threshold FROM rules').all().map((r) => [String(r.id), r]));
    return DEFAULT_ALERT_RULES.map((d) => {
      const r = stored.get(d.id);
      return r ? { id: d.id, enabled: r.enabled === 1, threshold: r.threshold === null ? null : Number(r.threshold) } : { ...d };
    });
  }

  setRule(rule: AlertRule): void {
    if (!ALERT_RULE_IDS.includes(rule.id)) throw new Error(`unknown rule ${rule.id}`);
    this.db
      .prepare('INSERT INTO rules (id, enabled, threshold) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, threshold = excluded.threshold')
      .run(rule.id, rule.enabled ? 1 : 0, rule.threshold);
  }

  targets(): AlertTarget[] {
    return this.db.prepare('SELECT id, spec FROM targets ORDER BY id').all().map((r) => ({ id: Number(r.id), ...(JSON.parse(String(r.spec)) as AlertTargetSpec) }));
  }

  addTarget(spec: AlertTargetSpec): AlertTarget {
    const r = this.db.prepare('INSERT INTO targets (spec) VALUES (?)').run(JSON.stringify(spec));
    return { id: Number(r.lastInsertRowid), ...spec };
  }

  /** False when there is no such target. */
  removeTarget(id: number): boolean {
    return this.db.prepare('DELETE FROM targets WHERE id = ?').run(id).changes > 0;
  }

  /** A VirtDeck task on `host` about `subjects` (names, UUIDs) started (endedAt null) or ended, at `at`. */
  noteAction(task: string, host: string, subjects: readonly string[], at: string, ended: boolean): void {
    this.db
      .prepare('INSERT INTO actions (task, host, subjects, started_at, ended_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (task) DO UPDATE SET ended_at = excluded.ended_at')
      .run(task, host, JSON.stringify(subjects), at, ended ? at : null);
  }

  /** Whether a task about any of `subjects` on `host` runs, or ended at `since` or later; older rows are dropped. */
  actedOn(host: string, subjects: readonly string[], since: string): boolean {
    this.db.prepare('DELETE FROM actions WHERE ended_at < ? OR (ended_at IS NULL AND started_at < ?)').run(since, new Date(Date.parse(since) - ACTION_STALE_MS).toISOString());
    const row = this.db
      .prepare(
        `SELECT 1 FROM actions WHERE host = ? AND (ended_at IS NULL OR ended_at >= ?)
           AND EXISTS (SELECT 1 FROM json_each(actions.subjects) WHERE value IN (SELECT value FROM json_each(?))) LIMIT 1`,
      )
      .get(host, since, JSON.stringify(subjects));
    return row !== undefined;
  }

  /** Opens an alert; null when one with this key is open already (here or in another process). */
  fire(rule: AlertRuleId, key: string, host: string | null, params: AlertParams, at: string): AlertRecord | null {
    const r = this.db
      .prepare('INSERT OR IGNORE INTO alerts (rule, key, host, params, fired_at) VALUES (?, ?, ?, ?, ?)')
      .run(rule, key, host, JSON.stringify(params), at);
    if (r.changes === 0) return null;
    this.db.prepare('DELETE FROM alerts WHERE cleared_at IS NOT NULL AND id <= ?').run(Number(r.lastInsertRowid) - ALERT_HISTORY_KEEP);
    return this.byId(Number(r.lastInsertRowid));
  }

  /** Clears the open alert of this key; null when none is open. */
  clear(key: string, at: string): AlertRecord | null {
    const row = this.db.prepare('UPDATE alerts SET cleared_at = ? WHERE key = ? AND cleared_at IS NULL RETURNING *').get(at, key);
    return row ? toRecord(row) : null;
  }

  /** The alerts firing now. */
  open(): AlertRecord[] {
    return this.db.prepare('SELECT * FROM alerts WHERE cleared_at IS NULL ORDER BY id').all().map(toRecord);
  }

  /** Newest first. */
  history(limit: number): AlertRecord[] {
    return this.db.prepare('SELECT * FROM alerts ORDER BY id DESC LIMIT ?').all(limit).map(toRecord);
  }

  private byId(id: number): AlertRecord | null {
    const row = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(id);
    return row ? toRecord(row) : null;
  }
}
