// The storage CLI end to end on test-bed host 2: one clear error line for a missing pool path (nothing defined),
// define --build --start, vol create/upload/download printing SHA-256, list --json, delete with a confirmation step.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../testbed.js';
import { hostAddArgs, knownHostsCopy, runCli, tempHome, uniq } from '../core/helpers.js';

const tb = testbed();
const pools = (): string[] => tb.virsh(2, 'pool-list', '--all', '--name').split('\n').map((s) => s.trim());

describe.skipIf(!tb.available)('virtdeck pool / vol', () => {
  const home = tempHome('vd-pool-cli-');
  const name = uniq('vdst-cli');
  const dir = `/var/lib/libvirt/vdst/${name}`;

  beforeAll(async () => {
    const add = await runCli(home, hostAddArgs(tb, 2, knownHostsCopy(tb, home), 'h2'));
    expect(add.code, add.stderr).toBe(0);
  });

  afterAll(() => {
    for (const cmd of ['pool-destroy', 'pool-delete', 'pool-undefine']) {
      try {
        execFileSync('virsh', ['-c', `qemu+unix:///system?socket=${tb.hosts[1]?.socket}`, cmd, name], { stdio: 'ignore' });
      } catch {
        /* already gone */
      }
    }
  });

  it('walks a dir pool through define → volumes → delete', async () => {
    const missing = await runCli(home, ['pool', 'define', 'h2', name, '--type', 'dir', '--target', dir]);
    expect(missing).toMatchObject({ code: 1, stderr: `virtdeck: target: directory ${dir} does not exist on h2; create it, or build the pool (--build) to have it created\n` });
    expect(pools()).not.toContain(name);
    expect((await runCli(home, ['pool', 'define', 'h2', name, '--type', 'dir', '--target', dir, '--build', '--start'])).stderr).toBe(
      `defined pool h2/${name} (dir, running)\n`,
    );
    const listed = JSON.parse((await runCli(home, ['pool', 'list', '--host', 'h2', '--json'])).stdout) as Array<{ name: string; state: string; targetPath: string }>;
    expect(listed.find((p) => p.name === name)).toMatchObject({ state: 'running', targetPath: dir });

    expect((await runCli(home, ['vol', 'create', `h2/${name}`, 'a.qcow2', '--size', '12x'])).stderr).toBe(
      'virtdeck: bad size "12x": use a number with an optional unit, e.g. 10G, 512M, 1.5T, 20GB\n',
    );
    const created = await runCli(home, ['vol', 'create', `h2/${name}`, 'a.qcow2', '--size', '64M']);
    expect(created.stderr).toMatch(new RegExp(`^created h2/${name}/a\\.qcow2: qcow2, 64 MiB \\([\\d.]+ [KM]iB allocated\\)\n$`));
    const file = join(home, 'up.bin');
    writeFileSync(file, randomBytes(1024 * 1024));
    const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
    const up = await runCli(home, ['vol', 'upload', `h2/${name}/up.raw`, file]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toBe(`${digest}  ${file}\n`);
    expect(up.stderr).toMatch(/100% uploaded 1 MiB of 1 MiB/);
    const down = await runCli(home, ['vol', 'download', `h2/${name}/up.raw`, join(home, 'down.bin')]);
    expect(down.stdout).toBe(`${digest}  ${join(home, 'down.bin')}\n`);
    const vols = JSON.parse((await runCli(home, ['vol', 'list', `h2/${name}`, '--json'])).stdout) as Array<{ name: string; format: string }>;
    expect(vols.map((v) => [v.name, v.format])).toEqual([['a.qcow2', 'qcow2'], ['up.raw', 'raw']]);

    const ask = await runCli(home, ['pool', 'delete', `h2/${name}`, '--delete-data']);
    expect(ask.code).toBe(1);
    expect(ask.stderr).toMatch(/DESTROYS 2 volume\(s\) .*: a\.qcow2, up\.raw\. Then removes the directory .*\nNothing was changed\. Re-run with --yes to do this\.\n$/);
    expect(pools()).toContain(name);
    expect((await runCli(home, ['pool', 'delete', `h2/${name}`, '--delete-data', '--yes'])).code).toBe(0);
    expect(pools()).not.toContain(name);
  });
});
