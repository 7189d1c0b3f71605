// The app and the CLI open the same file: two connections, one of them in another process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { BUSY_TIMEOUT_MS } from '../../../electron/inventory/index.js';
import { useTempInventories } from './helpers.js';
import { vm } from './fixtures.js';

const t = useTempInventories();
const HERE = fileURLToPath(new URL('.', import.meta.url));

/** Runs a Node script (ESM) in a child on this Node; resolves with its stdout once `until` appears in it. */
function child(script: string, args: string[], until: string): Promise<{ done: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', join(HERE, 'ts-resolve.mjs'), '--input-type=module', '-e', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: HERE,
    });
    let out = '';
    let err = '';
    const done = new Promise<string>((res, rej) =>
      p.on('close', (code) => (code === 0 ? res(out) : rej(new Error(`child exited ${code}: ${err}`)))),
    );
    done.catch(reject);
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(until)) resolve({ done });
    });
  });
}

test('two instances on one file see each other’s writes', () => {
  const a = t.open();
  const b = t.open(join(t.dir(), 'inventory.sqlite'));
  a.addHost({ name: 'h1', transport: 'local', uri: 'qemu:///system' });
  b.syncHostVms('h1', [vm(1)], new Date());
  a.upsertVm('h1', vm(1, { locked: true }), new Date());
  expect(b.getVm('h1', 'vm-1')!.locked).toBe(true);
  expect(() => b.addHost({ name: 'h1', transport: 'local', uri: 'x' })).toThrow(expect.objectContaining({ code: 'host-exists' }));
});

test('a writer waits for another process’s write transaction instead of failing', async () => {
  const file = join(t.dir(), 'inventory.sqlite');
  const inv = t.open(file);
  const holdMs = 600;
  // The other process takes the write lock, holds it, then commits a host of its own.
  const holder = await child(
    `import { DatabaseSync } from 'node:sqlite';
     const db = new DatabaseSync(process.argv[1]);
     db.exec('BEGIN IMMEDIATE');
     db.prepare("INSERT INTO hosts (name, config) VALUES ('other', ?)").run(JSON.stringify({ name: 'other', transport: 'local', uri: 'qemu:///system' }));
     console.log('locked');
     setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});`,
    [file],
    'locked',
  );
  const started = performance.now();
  inv.addHost({ name: 'mine', transport: 'local', uri: 'qemu:///system' }); // blocks until the other commits
  const waited = performance.now() - started;
  await holder.done;
  expect(waited).toBeGreaterThan(holdMs / 3);
  expect(waited).toBeLessThan(BUSY_TIMEOUT_MS);
  expect(inv.listHosts().map((h) => h.name)).toEqual(['mine', 'other']);
});

test('several processes opening a fresh file at once all succeed (migration runs once)', async () => {
  const file = join(t.dir(), 'sub', 'inventory.sqlite');
  const script = `import { Inventory } from '../../../electron/inventory/index.js';
    const inv = Inventory.open(process.argv[1]);
    inv.addHost({ name: process.argv[2], transport: 'local', uri: 'qemu:///system' });
    inv.close();
    console.log('ok');`;
  const runs = await Promise.all(['p1', 'p2', 'p3', 'p4'].map((name) => child(script, [file, name], 'ok')));
  await Promise.all(runs.map((r) => r.done));
  expect(t.open(file).listHosts().map((h) => h.name)).toEqual(['p1', 'p2', 'p3', 'p4']);
});
