// The local audit log stays bounded: entries older than the kept days go, then the oldest beyond the kept rows —
// never one still running, nor one whose line has not reached its host yet. Over a real audit.sqlite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { AUDIT_KEEP_DAYS, AuditService } from '../../../electron/core/audit/audit-service.js';
import { AuditStore } from '../../../electron/inventory/audit-store.js';
import type { AuditEntry } from '../../../shared/model/audit.js';

const dir = mkdtempSync(join(tmpdir(), 'vd-audit-prune-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (id: string, at: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id, at, endedAt: at, user: 'ann@desk', action: 'vms.setNotes', host: null, vm: 'web', object: null, result: 'ok', code: null, taskId: null, args: {}, ...over,
});
const ids = (store: AuditStore) => store.list({}).map((e) => e.id).sort();

test('old ended entries go, then the oldest past the row cap; running and host-pending ones stay', () => {
  const store = AuditStore.open(join(dir, 'a.sqlite'));
  try {
    store.add(entry('old', '2025-01-01T00:00:00.000Z'), null);
    store.add(entry('old-running', '2025-01-02T00:00:00.000Z', { result: 'running', endedAt: null }), process.pid);
    store.add(entry('old-pending', '2025-01-03T00:00:00.000Z', { host: 'h1' }), null); // its line is not on h1 yet
    for (let n = 1; n <= 4; n++) store.add(entry(`new-${n}`, `2026-12-0${n}T00:00:00.000Z`), null);
    expect(store.prune('2026-01-01T00:00:00.000Z', 10)).toBe(1);
    expect(ids(store)).toEqual(['new-1', 'new-2', 'new-3', 'new-4', 'old-pending', 'old-running']);
    // Keep 3 rows: the newest 3 stay, and of the older ones what may go goes.
    expect(store.prune('2026-01-01T00:00:00.000Z', 3)).toBe(1);
    expect(ids(store)).toEqual(['new-2', 'new-3', 'new-4', 'old-pending', 'old-running']);
    store.markSent(['old-pending']); // its line reached h1
    expect(store.prune('2026-01-01T00:00:00.000Z', 3)).toBe(1);
    expect(ids(store)).toEqual(['new-2', 'new-3', 'new-4', 'old-running']);
  } finally {
    store.close();
  }
});

test('the service prunes when it opens: a year is kept', () => {
  const file = join(dir, 'b.sqlite');
  const store = AuditStore.open(file);
  const now = Date.now();
  const daysAgo = (d: number) => new Date(now - d * 86_400_000).toISOString();
  store.add(entry('kept', daysAgo(AUDIT_KEEP_DAYS - 1)), null);
  store.add(entry('dropped', daysAgo(AUDIT_KEEP_DAYS + 1)), null);
  store.close();
  const noHost = (): never => {
    throw new Error('no hosts');
  };
  const audit = new AuditService(AuditStore.open(file), { isOnline: () => false, names: () => [], get: noHost });
  audit.close();
  const reopened = AuditStore.open(file);
  try {
    expect(ids(reopened)).toEqual(['kept']);
  } finally {
    reopened.close();
  }
});
