// Small helpers the stores share: a row as node:sqlite returns it, one row mapped or null, and the rows of one
// host or of all.
import type { DatabaseSync, SQLInputValue, SQLOutputValue } from 'node:sqlite';

export type Row = Record<string, SQLOutputValue>;

/** The first row of `sql` with `params`, mapped; null when there is none. */
export function oneRow<T>(db: DatabaseSync, sql: string, map: (r: Row) => T, ...params: SQLInputValue[]): T | null {
  const row = db.prepare(sql).get(...params);
  return row ? map(row) : null;
}

/** The rows of `sql.all`, or, with a host given, of `sql.ofHost` (whose one parameter is the host); mapped. */
export function hostRows<T>(db: DatabaseSync, sql: { all: string; ofHost: string }, map: (r: Row) => T, host: string | undefined): T[] {
  const rows = host === undefined ? db.prepare(sql.all).all() : db.prepare(sql.ofHost).all(host);
  return rows.map(map);
}
