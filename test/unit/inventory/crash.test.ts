// kill -9 a writer at random moments; after each kill the file must be intact and hold whole transactions only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { Inventory } from '../../../electron/inventory/index.js';
import { crashSet, CRASH_SET_SIZE, uuidOf } from './fixtures.js';
import { runUntilKilled } from './killed-writer.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROUNDS = 20;
const dir = mkdtempSync(join(tmpdir(), 'virtdeck-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Round {
  committedSync: number;
  committedEvent: number;
  startGen: number;
}

/** Starts the writer, kills it 0-300 ms after its first commit of this round (a loaded machine may take longer than
 *  that to commit anything at all: a kill before it would test nothing), returns the last commits it reported. */
async function runWriter(file: string): Promise<Round> {
  const round: Round = { committedSync: -1, committedEvent: -1, startGen: -1 };
  await runUntilKilled(join(HERE, 'crash-writer.ts'), [file], (line, kill) => {
    const [what, n] = line.split(' ');
    if (what === 'ready') round.startGen = Number(n);
    else if (what === 'sync') {
      if (round.committedSync < 0) setTimeout(kill, Math.random() * 300);
      round.committedSync = Number(n);
    } else if (what === 'event') round.committedEvent = Number(n);
  });
  return round;
}

test(`${ROUNDS} kill -9 during writes leave a consistent inventory`, { timeout: 120_000 }, async () => {
  const file = join(dir, 'inventory.sqlite');
  const setup = Inventory.open(file);
  setup.addHost({ name: 'h', transport: 'ssh', uri: 'qemu:///system' });
  setup.syncHostVms('h', crashSet(0), new Date());
  setup.close();

  let commits = 0;
  let prevGen = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const round = await runWriter(file);
    // Nothing of the writer's own is recovered here: open as the app would (this replays the WAL), then check.
    const inv = Inventory.open(file);
    const raw = new DatabaseSync(file);
    try {
      expect(raw.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      expect(raw.prepare('PRAGMA foreign_key_check').all()).toEqual([]);

      // VMs: exactly the set of one generation, not older than the last commit the writer reported.
      const vms = inv.listVms({ host: 'h' });
      expect(vms).toHaveLength(CRASH_SET_SIZE);
      const gen = vms[0]!.vcpus;
      expect(gen).toBeGreaterThanOrEqual(Math.max(round.committedSync, round.startGen, prevGen));
      const live = vms.map(({ host, firstSeen, lastSeen, ...snapshot }) => snapshot);
      const byUuid = (a: { uuid: string }, b: { uuid: string }) => a.uuid.localeCompare(b.uuid);
      expect(live.sort(byUuid)).toEqual(crashSet(gen).sort(byUuid));

      // Events: "event 1" .. "event E" without gaps or duplicates, E = gen or gen - 1, each row whole.
      const events = inv.listEvents({ host: 'h' });
      expect(events.map((e) => e.message)).toEqual(Array.from({ length: events.length }, (_, i) => `event ${i + 1}`));
      expect([gen - 1, gen]).toContain(events.length);
      expect(events.length).toBeGreaterThanOrEqual(round.committedEvent);
      for (const e of events) {
        const n = Number(e.message.split(' ')[1]);
        expect(e.data).toEqual({ gen: n, pad: 'x'.repeat((n * 37) % 3000) });
      }
      if (gen > round.startGen) commits++;
      prevGen = gen;
    } finally {
      raw.close();
      inv.close();
    }
  }
  // The kills must land while the writer is writing, not before it starts.
  expect(commits).toBeGreaterThanOrEqual(ROUNDS - 2);
  console.log(`crash test: ${ROUNDS} kills, ${prevGen} generations of ${CRASH_SET_SIZE} VMs committed`);
});
