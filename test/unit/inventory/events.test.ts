import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from 'vitest';
import { EVENTS_PER_VM, Inventory, SCHEMA_VERSION } from '../../../electron/inventory/index.js';
import { useTempInventories } from './helpers.js';
import { uuidOf } from './fixtures.js';

const t = useTempInventories();

/** 10 events: even ones on h1 (about vm 1), odd ones on h2, the last without host. */
function seeded(): { inv: Inventory; ids: number[] } {
  const inv = t.open();
  const ids: number[] = [];
  for (let i = 0; i < 10; i++) {
    ids.push(
      inv.appendEvent({
        host: i === 9 ? null : i % 2 === 0 ? 'h1' : 'h2',
        vmUuid: i % 2 === 0 ? uuidOf(1) : null,
        kind: 'k',
        message: `m${i}`,
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        ...(i === 3 ? { data: { nested: [1, 'two', null], ok: true } } : {}),
      }),
    );
  }
  return { inv, ids };
}

const messages = (events: { message: string }[]) => events.map((e) => e.message);

test('append returns increasing ids; list returns everything oldest first', () => {
  const { inv, ids } = seeded();
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  expect(new Set(ids).size).toBe(10);
  const all = inv.listEvents();
  expect(messages(all)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);
  expect(all[3]).toEqual({ id: ids[3], host: 'h2', vmUuid: null, kind: 'k', message: 'm3', at: '2026-01-01T00:00:03.000Z', data: { nested: [1, 'two', null], ok: true } });
  expect(all[0]!.data).toBeNull();
});

test('limit alone gives the latest events, oldest first', () => {
  const { inv } = seeded();
  expect(messages(inv.listEvents({ limit: 3 }))).toEqual(['m7', 'm8', 'm9']);
  expect(inv.listEvents({ limit: 0 })).toEqual([]);
  expect(() => inv.listEvents({ limit: -1 })).toThrow(expect.objectContaining({ code: 'invalid' }));
});

test('sinceId tails the history; with limit it pages forward', () => {
  const { inv, ids } = seeded();
  expect(messages(inv.listEvents({ sinceId: ids[6] }))).toEqual(['m7', 'm8', 'm9']);
  expect(messages(inv.listEvents({ sinceId: ids[2], limit: 2 }))).toEqual(['m3', 'm4']);
  expect(inv.listEvents({ sinceId: ids[9] })).toEqual([]);
  expect(messages(inv.listEvents({ sinceId: 0, limit: 1 }))).toEqual(['m0']);
});

test('filters by host and by VM combine with limit and sinceId', () => {
  const { inv, ids } = seeded();
  expect(messages(inv.listEvents({ host: 'h2' }))).toEqual(['m1', 'm3', 'm5', 'm7']);
  expect(messages(inv.listEvents({ vmUuid: uuidOf(1), limit: 2 }))).toEqual(['m6', 'm8']);
  expect(messages(inv.listEvents({ host: 'h1', vmUuid: uuidOf(1), sinceId: ids[4] }))).toEqual(['m6', 'm8']);
  expect(inv.listEvents({ host: 'h3' })).toEqual([]);
});

test('ids are never reused, even after the newest rows were pruned', () => {
  const { inv, ids } = seeded();
  const db = new DatabaseSync(join(t.dir(), 'inventory.sqlite'));
  db.prepare('DELETE FROM events WHERE id >= ?').run(ids[8]!);
  db.close();
  const next = inv.appendEvent({ host: null, vmUuid: null, kind: 'k', message: 'after', at: new Date() });
  expect(next).toBeGreaterThan(ids[9]!);
});

test('a VM keeps its latest EVENTS_PER_VM events; other VMs and host events are not touched', () => {
  const inv = Inventory.open(':memory:'); // a thousand appends without a thousand fsyncs
  const append = (vmUuid: string | null, message: string) => inv.appendEvent({ host: 'h1', vmUuid, kind: 'k', message, at: new Date(0) });
  append(uuidOf(2), 'other vm');
  append(null, 'host event');
  for (let i = 0; i < EVENTS_PER_VM + 5; i++) append(uuidOf(1), `e${i}`);
  const kept = inv.listEvents({ vmUuid: uuidOf(1) });
  expect(kept).toHaveLength(EVENTS_PER_VM);
  expect([kept[0]!.message, kept.at(-1)!.message]).toEqual(['e5', `e${EVENTS_PER_VM + 4}`]);
  expect(messages(inv.listEvents({ vmUuid: uuidOf(2) }))).toEqual(['other vm']);
  expect(messages(inv.listEvents()).filter((m) => !m.startsWith('e'))).toEqual(['other vm', 'host event']);
  inv.close();
});

test('opening a file from before the bound prunes its history to the bound, per VM', () => {
  const file = join(t.dir(), 'inventory.sqlite');
  t.open(file).close();
  // Back to a schema-2 file with an unbounded history of one VM (written as that version would: no pruning).
  const db = new DatabaseSync(file);
  db.exec(`ALTER TABLE ip_reservations DROP COLUMN note; ALTER TABLE ip_reservations DROP COLUMN by_who; ALTER TABLE ip_reservations DROP COLUMN home; ALTER TABLE ipam_networks DROP COLUMN on_host;
    DROP TABLE fact_columns; ALTER TABLE vms DROP COLUMN owner; ALTER TABLE vms DROP COLUMN notes; ALTER TABLE vms DROP COLUMN fields;
    ALTER TABLE vms DROP COLUMN xml_digest; DROP TABLE pending_undo; ALTER TABLE ip_reservations DROP COLUMN task_id; PRAGMA user_version = 2`);
  const insert = db.prepare("INSERT INTO events (host, vm_uuid, kind, message, at) VALUES ('h1', ?, 'k', ?, 'a')");
  db.exec('BEGIN');
  for (let i = 0; i < EVENTS_PER_VM + 20; i++) insert.run(uuidOf(1), `e${i}`);
  insert.run(uuidOf(2), 'other vm');
  insert.run(null, 'host event');
  db.exec('COMMIT');
  db.close();
  const inv = t.open(file);
  const kept = inv.listEvents({ vmUuid: uuidOf(1) });
  expect(kept).toHaveLength(EVENTS_PER_VM);
  expect(kept[0]!.message).toBe('e20');
  expect(inv.listEvents()).toHaveLength(EVENTS_PER_VM + 2);
  const check = new DatabaseSync(file);
  expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
  check.close();
});
