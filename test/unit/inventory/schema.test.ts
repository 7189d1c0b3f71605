import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from 'vitest';
import { Inventory, InventoryError, SCHEMA_VERSION } from '../../../electron/inventory/index.js';
import { useTempInventories } from './helpers.js';

const t = useTempInventories();

function pragma(file: string, name: string): unknown {
  const db = new DatabaseSync(file);
  try {
    return Object.values(db.prepare(`PRAGMA ${name}`).get()!)[0];
  } finally {
    db.close();
  }
}

test('open creates directories, the file and the current schema in WAL mode', () => {
  const file = join(t.dir(), 'a', 'b', 'inventory.sqlite');
  t.open(file).close();
  expect(existsSync(file)).toBe(true);
  expect(pragma(file, 'user_version')).toBe(SCHEMA_VERSION);
  expect(pragma(file, 'journal_mode')).toBe('wal');
  const db = new DatabaseSync(file);
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all();
  db.close();
  expect(tables.map((r) => r.name)).toEqual(expect.arrayContaining(['events', 'hosts', 'vms']));
});

test('an empty existing file is migrated; re-opening keeps data and does not migrate again', () => {
  const file = join(t.dir(), 'inventory.sqlite');
  writeFileSync(file, '');
  const inv = t.open(file);
  inv.addHost({ name: 'h1', transport: 'local', uri: 'qemu:///system' });
  inv.appendEvent({ host: 'h1', vmUuid: null, kind: 'k', message: 'm', at: new Date(0) });
  inv.close();
  const again = t.open(file);
  expect(again.listHosts().map((h) => h.name)).toEqual(['h1']);
  expect(again.listEvents()).toHaveLength(1);
  expect(pragma(file, 'user_version')).toBe(SCHEMA_VERSION);
});

test('a file from a newer schema is refused', () => {
  const file = join(t.dir(), 'inventory.sqlite');
  t.open(file).close();
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
  db.close();
  expect(() => Inventory.open(file)).toThrow(expect.objectContaining({ code: 'schema-too-new' }));
  expect(() => Inventory.open(file)).toThrow(InventoryError);
});

test('a file that is not a database is refused, not overwritten', () => {
  const file = join(t.dir(), 'inventory.sqlite');
  writeFileSync(file, 'not a database, just text that is long enough to have a header\n'.repeat(10));
  const size = statSync(file).size;
  expect(() => Inventory.open(file)).toThrow(/not a database/);
  expect(statSync(file).size).toBe(size);
});

test('foreign keys are enforced and events cannot be updated', () => {
  const file = join(t.dir(), 'inventory.sqlite');
  const inv = t.open(file);
  inv.appendEvent({ host: null, vmUuid: null, kind: 'k', message: 'm', at: new Date() });
  const db = new DatabaseSync(file);
  try {
    expect(() => db.exec("UPDATE events SET message = 'x'")).toThrow(/append-only/);
    expect(() =>
      db.exec(`INSERT INTO vms (host, uuid, name, state, vcpus, memory_mib, autostart, persistent, disks, nics, ips,
        first_seen, last_seen) VALUES ('nohost', 'u', 'n', 'running', 1, 1, 0, 0, '[]', '[]', '[]', 'a', 'b')`),
    ).toThrow(/FOREIGN KEY/);
  } finally {
    db.close();
  }
});
