// kill -9 the audit log's writer at random moments: after each kill the file opens, passes integrity_check, and
// holds every entry the writer reported committed — begun ones at least running, ended ones with their result —
// and an entry begun by the dead process reads as interrupted once the log is opened again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { AuditService } from '../../../electron/core/audit/audit-service.js';
import { AuditStore } from '../../../electron/inventory/audit-store.js';
import { runUntilKilled } from '../inventory/killed-writer.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROUNDS = 8;
const dir = mkdtempSync(join(tmpdir(), 'virtdeck-audit-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Round {
  begun: Set<string>;
  ended: Map<string, string>;
}

/** Starts the writer and kills it 0-300 ms after its first commit; the commits it reported. */
async function runWriter(file: string): Promise<Round> {
  const round: Round = { begun: new Set(), ended: new Map() };
  await runUntilKilled(join(HERE, 'audit-crash-writer.ts'), [file], (line, kill) => {
    const [what, id, result] = line.split(' ');
    if (what === 'begun' && id) {
      if (round.begun.size === 0) setTimeout(kill, Math.random() * 300);
      round.begun.add(id);
    } else if (what === 'ended' && id && result) round.ended.set(id, result);
  });
  return round;
}

test(`${ROUNDS} kill -9 during audit writes lose no committed entry`, { timeout: 120_000 }, async () => {
  const file = join(dir, 'audit.sqlite');
  let total = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const round = await runWriter(file);
    expect(round.begun.size).toBeGreaterThan(0);
    const raw = new DatabaseSync(file);
    try {
      expect(raw.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      raw.close();
    }
    // Opened as the app opens it: the dead writer's running entry becomes interrupted.
    const store = AuditStore.open(file);
    const noHost = (): never => {
      throw new Error('no hosts');
    };
    const audit = new AuditService(store, { isOnline: () => false, names: () => [], get: noHost });
    try {
      const byId = new Map((await audit.list({ limit: 100_000 })).entries.map((e) => [e.id, e]));
      for (const id of round.begun) {
        const e = byId.get(id);
        expect(e, `entry ${id} was reported begun`).toBeDefined();
        const result = round.ended.get(id);
        if (result) {
          expect(e!.result).toBe(result);
          if (result === 'error') expect(e!.code).toBe('vm.not-found');
        } else {
          expect(['ok', 'error', 'interrupted']).toContain(e!.result); // killed between its begin and its end report
        }
      }
      expect([...byId.values()].filter((e) => e.result === 'running')).toEqual([]);
      total = byId.size;
    } finally {
      audit.close();
    }
  }
  console.log(`audit crash test: ${ROUNDS} kills, ${total} entries committed`);
});
