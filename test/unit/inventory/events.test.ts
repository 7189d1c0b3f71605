import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from 'vitest';
import type { Inventory } from '../../../electron/inventory/index.js';
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
