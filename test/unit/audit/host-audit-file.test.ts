// A host's audit file stays bounded: past the bound it is renamed to `.1` (one older generation kept), a rotation
// under way elsewhere (its lock held) is left alone, a crashed rotator's lock is broken, and a read takes the older
// generation's tail when the current file is short. Over this machine's real file system, under a temporary root.
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  appendAuditLines, olderBudget, olderGeneration, readAuditTail, rotationDue,
} from '../../../electron/core/audit/host-audit-file.js';
import { rootedTransport } from '../hosts/rooted-files.js';

const FILE = '/var/lib/virtdeck/audit/audit.jsonl';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function host() {
  const root = mkdtempSync(join(tmpdir(), 'vd-audit-file-'));
  dirs.push(root);
  const read = (p: string): string => readFileSync(join(root, p), 'utf8');
  return { root, t: rootedTransport(root), read };
}

const line = (n: number): Buffer => Buffer.from(`${JSON.stringify({ n, pad: 'x'.repeat(40) })}\n`);
/** One line's bytes (every line here has one digit). */
const L = line(0).length;

describe('the pure parts', () => {
  test('a rotation is due when the append would pass the bound, never for a missing or empty file', () => {
    expect(rotationDue(null, 500, 100)).toBe(false);
    expect(rotationDue(0, 500, 100)).toBe(false);
    expect(rotationDue(60, 40, 100)).toBe(false);
    expect(rotationDue(60, 41, 100)).toBe(true);
    expect(rotationDue(150, 1, 100)).toBe(true);
  });

  test('a read takes of the older generation what the current file leaves of the budget', () => {
    expect(olderBudget(0, 100)).toBe(100);
    expect(olderBudget(30, 100)).toBe(70);
    expect(olderBudget(100, 100)).toBe(0);
    expect(olderGeneration(FILE)).toBe(`${FILE}.1`);
  });
});

describe('rotation on a real file system', () => {
  test('past the bound the file becomes .1; the next rotation replaces that .1', async () => {
    const { t, read } = host();
    const max = 3 * L;
    for (let n = 0; n < 3; n++) await appendAuditLines(t, FILE, line(n), 'ann@desk', max);
    expect(read(FILE)).toBe([0, 1, 2].map((n) => line(n).toString()).join(''));
    await appendAuditLines(t, FILE, line(3), 'ann@desk', max);
    expect(read(olderGeneration(FILE))).toBe([0, 1, 2].map((n) => line(n).toString()).join(''));
    expect(read(FILE)).toBe(line(3).toString());
    for (let n = 4; n < 7; n++) await appendAuditLines(t, FILE, line(n), 'ann@desk', max);
    expect(read(olderGeneration(FILE))).toBe([3, 4, 5].map((n) => line(n).toString()).join(''));
    expect(read(FILE)).toBe(line(6).toString());
    expect((await (await t.files()).list('/var/lib/virtdeck/audit')).sort()).toEqual(['audit.jsonl', 'audit.jsonl.1']); // the lock is gone
  });

  test("another VirtDeck's rotation under way is left alone; a crashed one's lock is broken", async () => {
    const { root, t, read } = host();
    const max = 2 * L;
    for (let n = 0; n < 2; n++) await appendAuditLines(t, FILE, line(n), 'ann@desk', max);
    const lock = join(root, `${FILE}.rotate-lock`);
    writeFileSync(lock, '{"by":"bob@laptop"}');
    await appendAuditLines(t, FILE, line(2), 'ann@desk', max);
    expect(read(FILE)).toBe([0, 1, 2].map((n) => line(n).toString()).join('')); // past the bound by one batch
    expect(read(`${FILE}.rotate-lock`)).toBe('{"by":"bob@laptop"}');

    const old = new Date(Date.now() - 3600_000);
    utimesSync(lock, old, old);
    await appendAuditLines(t, FILE, line(3), 'ann@desk', max); // breaks the stale lock; the next append rotates
    await appendAuditLines(t, FILE, line(4), 'ann@desk', max);
    expect(read(olderGeneration(FILE))).toBe([0, 1, 2, 3].map((n) => line(n).toString()).join(''));
    expect(read(FILE)).toBe(line(4).toString());
  });

  test('a read takes the tail of .1 when the current file is shorter than asked', async () => {
    const { t } = host();
    expect(await readAuditTail(t, FILE, 1000)).toEqual([]);
    for (let n = 0; n < 4; n++) await appendAuditLines(t, FILE, line(n), 'ann@desk', 3 * L);
    const text = (bufs: Buffer[]) => bufs.map((b) => b.toString());
    expect(text(await readAuditTail(t, FILE, 1000))).toEqual([[0, 1, 2].map((n) => line(n).toString()).join(''), line(3).toString()]);
    // One line of current, 40 bytes of .1: the end of line 2 (torn, skipped by the reader).
    expect(text(await readAuditTail(t, FILE, L + 40))).toEqual([line(2).toString().slice(-40), line(3).toString()]);
    expect(text(await readAuditTail(t, FILE, L))).toEqual([line(3).toString()]);
  });
});
