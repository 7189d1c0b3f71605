// Opening one of the home's small SQLite files for durable writes: its directory made (0700), WAL with synchronous
// FULL (a commit is fsynced before it returns), its schema applied; closed again when any of that fails.
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { BUSY_TIMEOUT_MS } from './inventory.js';

/** `secret`: the file holds secrets and is made 0600. */
export function openDurable(file: string, schema: string, opts: { secret?: boolean } = {}): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    if (opts.secret && file !== ':memory:') chmodSync(file, 0o600);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec(schema);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
