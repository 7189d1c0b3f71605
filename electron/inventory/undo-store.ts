// Pending undo of multi-step tasks (schema version 3): one row per task that changed a host, with the steps that
// take its changes back. The row outlives the process, so a task cut short by a dropped connection or a crash is
// finished later. The steps are opaque JSON here; the core knows what they mean.
import type { DatabaseSync } from 'node:sqlite';
import { InventoryError } from './errors.js';
import { hostRows, oneRow, type Row } from './sql.js';

export type UndoState = 'running' | 'undo';

export interface StoredUndo {
  id: string;
  host: string;
  /** What the task was doing, for people (e.g. "launch web1"). */
  task: string;
  /** "pid:token" of the process that owns the row. */
  owner: string;
  state: UndoState;
  /** In the order the changes were made. */
  steps: unknown[];
  /** Why the last attempt to undo stopped, if one did. */
  error: string | null;
  created: string;
}

const toUndo = (r: Row): StoredUndo => ({
  id: r.id as string,
  host: r.host as string,
  task: r.task as string,
  owner: r.owner as string,
  state: r.state as UndoState,
  steps: JSON.parse(r.steps as string) as unknown[],
  error: (r.error as string | null) ?? null,
  created: r.created as string,
});

export class UndoStore {
  // No parameter properties: inventory files also run under Node's type stripping (crash/concurrency tests).
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  add(u: Omit<StoredUndo, 'error'>): void {
    this.db
      .prepare('INSERT INTO pending_undo (id, host, task, owner, state, steps, created) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(u.id, u.host, u.task, u.owner, u.state, JSON.stringify(u.steps), u.created);
  }

  get(id: string): StoredUndo | null {
    return oneRow(this.db, 'SELECT * FROM pending_undo WHERE id = ?', toUndo, id);
  }

  /** Oldest first. */
  list(host?: string): StoredUndo[] {
    const sql = { all: 'SELECT * FROM pending_undo ORDER BY created, id', ofHost: 'SELECT * FROM pending_undo WHERE host = ? ORDER BY created, id' };
    return hostRows(this.db, sql, toUndo, host);
  }

  setSteps(id: string, steps: unknown[]): void {
    this.change('UPDATE pending_undo SET steps = ? WHERE id = ?', JSON.stringify(steps), id);
  }

  setState(id: string, state: UndoState): void {
    this.change('UPDATE pending_undo SET state = ? WHERE id = ?', state, id);
  }

  setError(id: string, error: string | null): void {
    this.change('UPDATE pending_undo SET error = ? WHERE id = ?', error, id);
  }

  /** Takes the row over from owner `from` (compare-and-set): false when another process took it first. */
  claim(id: string, from: string, to: string): boolean {
    return this.db.prepare("UPDATE pending_undo SET owner = ?, state = 'undo' WHERE id = ? AND owner = ?").run(to, id, from).changes > 0;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM pending_undo WHERE id = ?').run(id).changes > 0;
  }

  private change(sql: string, value: string | null, id: string): void {
    if (this.db.prepare(sql).run(value, id).changes === 0) throw new InventoryError('invalid', `no pending undo ${id}`);
  }
}
