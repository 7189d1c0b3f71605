// The sweep of half-downloaded images, run on this machine as a `local` host (the same commands an SSH host runs):
// only VirtDeck's own part names, only when nothing wrote to them for a while or the download is known to be over,
// and never while a process holds one open.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostSession } from '../../../electron/core/hosts/host-session.js';
import { partFile, removeStaleParts } from '../../../electron/core/images/part-files.js';
import { LocalTransport } from '../../../electron/core/hosts/local-transport.js';

// Only the parts of a session the sweep uses: its name and its transport (this machine's).
const session = { config: { name: 'local', transport: 'local', uri: 'qemu:///system' }, transport: new LocalTransport() } as unknown as HostSession;
const hourAgo = new Date(Date.now() - 3600_000);

describe.skipIf(process.platform !== 'linux')('removeStaleParts (this machine as the host)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  const pool = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'vd-parts-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const file = (path: string, old: boolean): string => {
    writeFileSync(path, 'partial image');
    if (old) utimesSync(path, hourAgo, hourAgo);
    return path;
  };
  /** A process holding `path` open, as a running download does. */
  const holder = async (path: string): Promise<ChildProcess> => {
    const p = spawn('sh', ['-c', 'exec 3<"$1"; echo ready; exec sleep 600', 'sh', path], { stdio: ['ignore', 'pipe', 'ignore'] });
    cleanups.push(() => p.kill());
    await once(p.stdout!, 'data');
    return p;
  };

  it('removes old parts nobody holds; keeps fresh ones, held ones and files that are not its own parts', async () => {
    const dir = pool();
    const stale = file(partFile(join(dir, 'a.qcow2')), true);
    const fresh = file(partFile(join(dir, 'b.qcow2')), false);
    const held = file(partFile(join(dir, 'c.qcow2')), true);
    const foreign = file(join(dir, 'notes.part'), true);
    await holder(held);
    expect(await removeStaleParts(session, [dir])).toEqual([stale]);
    expect([stale, fresh, held, foreign].map(existsSync)).toEqual([false, true, true, true]);
  });

  it('a download known to be over goes at once, unless something still holds it', async () => {
    const dir = pool();
    const ended = file(partFile(join(dir, 'd.qcow2')), false);
    const endedHeld = file(partFile(join(dir, 'e.qcow2')), false);
    const p = await holder(endedHeld);
    expect(await removeStaleParts(session, [dir], new Set([ended, endedHeld]))).toEqual([ended]);
    expect(existsSync(endedHeld)).toBe(true);
    p.kill();
    await once(p, 'exit');
    expect(await removeStaleParts(session, [dir], new Set([endedHeld]))).toEqual([endedHeld]);
  });
});
