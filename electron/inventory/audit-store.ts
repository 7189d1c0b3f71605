// The audit log of this home, in its own SQLite file (audit.sqlite): the app and every CLI process append to it.
// Durable: WAL + synchronous FULL. In WAL mode a commit is one append to the WAL file; FULL fsyncs it before the
// commit returns, so an entry reported written survives kill -9 (NORMAL would too: the WAL is in the OS's cache)
// and also a power cut or kernel crash (NORMAL may lose the last commits there). Writes are a handful per user
// action, so the fsync costs nothing anyone sees. Entries on a host keep `host_pending` until their line is on the
// host's own audit file. Old ended entries are pruned (AuditService decides how many are kept).
import type { DatabaseSync } from 'node:sqlite';
import type { AuditArgs, AuditEntry, AuditResult } from '../../shared/model/audit.js';
import { openDurable } from './durable-db.js';
import type { Row } from './sql.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, ended_at TEXT, user TEXT NOT NULL,
    action TEXT NOT NULL, host TEXT, vm TEXT, object TEXT, result TEXT NOT NULL, code TEXT, task_id TEXT,
    args TEXT NOT NULL, pid INTEGER, host_pending INTEGER NOT NULL DEFAULT 0);
  CREATE INDEX IF NOT EXISTS entries_at ON entries (at);
  CREATE INDEX IF NOT EXISTS entries_pending ON entries (host, seq) WHERE host_pending = 1;
  CREATE INDEX IF NOT EXISTS entries_running ON entries (pid) WHERE result = 'running';`;

/** The most rows one list reads before filtering (newest first). */
const SCAN_LIMIT = 100_000;

function toEntry(r: Row): AuditEntry {
  return {
    id: String(r.id),
    at: String(r.at),
    endedAt: r.ended_at === null ? null : String(r.ended_at),
    user: String(r.user),
    action: String(r.action),
    host: r.host === null ? null : String(r.host),
    vm: r.vm === null ? null : String(r.vm),
    object: r.object === null ? null : String(r.object),
    result: String(r.result) as AuditResult,
    code: r.code === null ? null : String(r.code),
    taskId: r.task_id === null ? null : String(r.task_id),
    args: JSON.parse(String(r.args)) as AuditArgs,
  };
}

// No parameter properties here: the kill -9 test runs this file with Node's own type stripping.
export class AuditStore {
  private readonly db: DatabaseSync;

  private constructor(db: DatabaseSync) {
    this.db = db;
  }

  static open(file: string): AuditStore {
    return new AuditStore(openDurable(file, SCHEMA));
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /** A new entry (running, or ended already); `pid` is the process that will end a running one. */
  add(e: AuditEntry, pid: number | null): void {
    this.db
      .prepare(
        `INSERT INTO entries (id, at, ended_at, user, action, host, vm, object, result, code, task_id, args, pid, host_pending)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.id, e.at, e.endedAt, e.user, e.action, e.host, e.vm, e.object, e.result, e.code, e.taskId, JSON.stringify(e.args), pid,
        e.host !== null && e.result !== 'running' ? 1 : 0);
  }

  /** A running entry ends: its result (and the host and VM its call answered, where it had none), and its line is
   *  due on its host. */
  end(id: string, endedAt: string, result: AuditResult, code: string | null, found: { host: string; vm: string | null } | null = null): void {
    this.db
      .prepare(
        `UPDATE entries SET ended_at = ?, result = ?, code = ?, host = coalesce(host, ?), vm = coalesce(vm, ?),
           host_pending = (coalesce(host, ?) IS NOT NULL) WHERE id = ? AND result = 'running'`,
      )
      .run(endedAt, result, code, found?.host ?? null, found?.vm ?? null, found?.host ?? null, id);
  }

  /** Running entries whose process is gone (alive: whether a pid runs) become interrupted, due on their host. */
  interruptDead(alive: (pid: number) => boolean): number {
    const rows = this.db.prepare(`SELECT id, pid FROM entries WHERE result = 'running'`).all();
    let n = 0;
    for (const r of rows) {
      if (r.pid !== null && alive(Number(r.pid))) continue;
      n += Number(
        this.db.prepare(`UPDATE entries SET result = 'interrupted', host_pending = (host IS NOT NULL) WHERE id = ? AND result = 'running'`).run(String(r.id)).changes,
      );
    }
    return n;
  }

  /** Entries at or after `since` and before `until` (ISO), of one host or all, newest first. */
  list(range: { host?: string | undefined; since?: string | undefined; until?: string | undefined }): AuditEntry[] {
    return this.db
      .prepare(
        `SELECT * FROM entries WHERE (?1 IS NULL OR host = ?1) AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at < ?3)
         ORDER BY at DESC LIMIT ${SCAN_LIMIT}`,
      )
      .all(range.host ?? null, range.since ?? null, range.until ?? null)
      .map(toEntry);
  }

  /** Ended entries of `host` whose line is not on the host yet, oldest first. */
  pendingFor(host: string, max: number): AuditEntry[] {
    return this.db.prepare('SELECT * FROM entries WHERE host_pending = 1 AND host = ? ORDER BY seq LIMIT ?').all(host, max).map(toEntry);
  }

  /** Hosts with lines due. */
  pendingHosts(): string[] {
    return this.db.prepare('SELECT DISTINCT host FROM entries WHERE host_pending = 1').all().map((r) => String(r.host));
  }

  /**
   * Drops ended entries older than `before` (ISO), then the oldest ended ones beyond `keepRows`; never one still
   * running (its process may end it) nor one whose line has not reached its host yet (host_pending). How many went.
   */
  prune(before: string, keepRows: number): number {
    const gone = `result != 'running' AND host_pending = 0`;
    let n = Number(this.db.prepare(`DELETE FROM entries WHERE at < ? AND ${gone}`).run(before).changes);
    // The seq of the newest row past the cap: it and every older removable row go.
    const cut = this.db.prepare('SELECT seq FROM entries ORDER BY seq DESC LIMIT 1 OFFSET ?').get(keepRows);
    if (cut) n += Number(this.db.prepare(`DELETE FROM entries WHERE seq <= ? AND ${gone}`).run(Number(cut.seq)).changes);
    return n;
  }

  markSent(ids: readonly string[]): void {
    const stmt = this.db.prepare('UPDATE entries SET host_pending = 0 WHERE id = ?');
    this.db.exec('BEGIN');
    try {
      for (const id of ids) stmt.run(id);
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }
}
