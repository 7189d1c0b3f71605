// Definitions of the custom fact columns (schema version 4). The values live on each VM's host (domain metadata);
// what a column is (text, date or a closed list of choices) is this install's own setting.
import type { DatabaseSync } from 'node:sqlite';
import type { FactColumn, FactColumnKind } from '../../shared/model/vm-facts.js';
import type { Row } from './sql.js';

const toColumn = (r: Row): FactColumn => ({
  name: r.name as string,
  kind: r.kind as FactColumnKind,
  choices: JSON.parse(r.choices as string) as string[],
});

export class FactColumnStore {
  // No parameter properties: inventory files also run under Node's type stripping (crash/concurrency tests).
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** By name. */
  list(): FactColumn[] {
    return this.db.prepare('SELECT * FROM fact_columns ORDER BY name').all().map(toColumn);
  }

  /** Adds a column; false when one of that name exists (nothing changes then). */
  add(column: FactColumn): boolean {
    const { changes } = this.db
      .prepare('INSERT INTO fact_columns (name, kind, choices) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING')
      .run(column.name, column.kind, JSON.stringify(column.choices));
    return changes > 0;
  }

  /** False when there was no such column. The values on the hosts stay (shown as plain text by name). */
  remove(name: string): boolean {
    return this.db.prepare('DELETE FROM fact_columns WHERE name = ?').run(name).changes > 0;
  }
}
