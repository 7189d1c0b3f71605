// Ctrl+C in the CLI while it follows a transfer task, on test-bed host 2: the task is cancelled through the door,
// stops cleanly (an upload's new volume is deleted again; a download leaves neither the file nor its .part) and the
// CLI exits 130 saying "cancelled".
import { closeSync, existsSync, openSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../testbed.js';
import { hostAddArgs, knownHostsCopy, runCli, spawnCli, tempHome, uniq } from '../core/helpers.js';

const tb = testbed();
const GiB = 1024 ** 3;

/** Runs the CLI, sends SIGINT once its stderr shows the task under way (`started`); its exit code and output. */
function interruptedCli(home: string, args: string[], started: RegExp): Promise<{ code: number | null; signal: string | null; stderr: string; interrupted: boolean }> {
  return new Promise((resolve) => {
    const child = spawnCli(home, args);
    let stderr = '';
    let interrupted = false;
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!interrupted && started.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stdout?.resume();
    child.on('close', (code, signal) => resolve({ code, signal, stderr, interrupted }));
  });
}

describe.skipIf(!tb.available)('virtdeck vol upload/download, Ctrl+C', () => {
  const home = tempHome('vd-cancel-cli-');
  const pool = uniq('vdst-cancel');
  const dir = `/var/lib/libvirt/vdst/${pool}`;
  const vols = (): string[] => tb.virsh(2, 'vol-list', pool).split('\n').slice(2).map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean);

  beforeAll(async () => {
    const add = await runCli(home, hostAddArgs(tb, 2, knownHostsCopy(tb, home), 'h2'));
    expect(add.code, add.stderr).toBe(0);
    const define = await runCli(home, ['pool', 'define', 'h2', pool, '--type', 'dir', '--target', dir, '--build', '--start']);
    expect(define.code, define.stderr).toBe(0);
  });

  afterAll(async () => {
    await runCli(home, ['pool', 'delete', `h2/${pool}`, '--delete-data', '--yes']);
  });

  it('an upload cancelled by Ctrl+C exits 130 and leaves no new volume', async () => {
    // 1 GiB of zeros (a sparse local file): far more than arrives before the interrupt does.
    const file = join(home, 'big.raw');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, GiB);
    closeSync(fd);
    const r = await interruptedCli(home, ['vol', 'upload', `h2/${pool}/big.raw`, file], /\[upload\] running/);
    expect(r.interrupted, r.stderr).toBe(true);
    expect(r.stderr).toMatch(/virtdeck: cancelled\n$/);
    expect(r.code, r.stderr).toBe(130);
    expect(vols()).not.toContain('big.raw');
  });

  it('a download cancelled by Ctrl+C exits 130 and leaves neither the file nor its .part', async () => {
    const made = await runCli(home, ['vol', 'create', `h2/${pool}`, 'src.raw', '--size', '1G', '--format', 'raw']);
    expect(made.code, made.stderr).toBe(0);
    const file = join(home, 'down.raw');
    const r = await interruptedCli(home, ['vol', 'download', `h2/${pool}/src.raw`, file], /\d+% /);
    expect(r.interrupted, r.stderr).toBe(true);
    expect(r.stderr).toMatch(/virtdeck: cancelled\n$/);
    expect(r.code, r.stderr).toBe(130);
    expect([existsSync(file), existsSync(`${file}.part`)]).toEqual([false, false]);
    expect(vols()).toContain('src.raw');
  });
});
