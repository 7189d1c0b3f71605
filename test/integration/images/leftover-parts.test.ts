// Half-downloaded images left in a pool directory by downloads that died (test-bed host 1, over real SSH): the
// app's core removes them when it connects to the host — not a fresh one, not one a process still has open, nothing
// else — and refreshes the pool, so libvirt stops listing them.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { testbed } from '../testbed.js';
import { knownHostsCopy, sshHostConfig, tempHome, uniq, waitFor } from '../core/helpers.js';

const tb = testbed();
const HOST = 1;
const H = 'h1';
const POOL = uniq('vdpart');
const DIR = `/var/lib/libvirt/${POOL}`;
const STALE = `${DIR}/old.qcow2.0badf00d.part`;
const HELD = `${DIR}/busy.qcow2.c0ffee00.part`;
const FRESH = `${DIR}/new.qcow2.12345678.part`;
const FOREIGN = `${DIR}/notes.part`;

const virsh = (...args: string[]): string => tb.virsh(HOST, ...args);
const inHost = (...argv: string[]): string =>
  execFileSync(`${tb.dir}/bin/tbns`, [String(HOST), ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const exists = (path: string): boolean => inHost('sh', '-c', 'test -e "$1" && echo yes || echo no', 'sh', path) === 'yes';
const volumeList = (): string => virsh('vol-list', POOL);

describe.skipIf(!tb.available)('leftover download parts are swept on connect (real host)', () => {
  const home = tempHome('vd-parts-');
  let core: Core;
  let holderPid = '';

  beforeAll(async () => {
    virsh('pool-define-as', POOL, 'dir', '--target', DIR);
    virsh('pool-build', POOL);
    virsh('pool-start', POOL);
    for (const f of [STALE, HELD, FRESH, FOREIGN]) inHost('sh', '-c', 'echo partial > "$1"', 'sh', f);
    for (const f of [STALE, HELD, FOREIGN]) inHost('touch', '-d', '1 hour ago', f);
    // A download still writing: a process on the host holds the part open.
    const holder = spawn(`${tb.dir}/bin/tbns`, [String(HOST), 'sh', '-c', 'exec 3<"$1"; echo $$; exec sleep 600', 'sh', HELD], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    holderPid = String(((await once(holder.stdout, 'data')) as [Buffer])[0]).trim();
    virsh('pool-refresh', POOL);
  });

  afterAll(async () => {
    await core?.close();
    if (holderPid) inHost('kill', holderPid);
    for (const cmd of [['pool-destroy', POOL], ['pool-undefine', POOL]]) {
      try {
        execFileSync('virsh', ['-c', `qemu+unix:///system?socket=${tb.hosts[HOST - 1]?.socket}`, ...cmd], { stdio: 'ignore' });
      } catch {
        /* already gone */
      }
    }
    inHost('rm', '-rf', DIR);
  });

  it('connecting removes the stale part only, and libvirt no longer lists it', async () => {
    expect(volumeList()).toContain('old.qcow2.0badf00d.part');
    core = await createCore({ home }); // as the app runs it
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, knownHostsCopy(tb, home), H) });
    await waitFor('the stale part to go', () => !exists(STALE), 60_000, 200);
    await waitFor('the pool to be refreshed', () => !volumeList().includes('old.qcow2.0badf00d.part'), 60_000, 200);
    expect([HELD, FRESH, FOREIGN].map(exists)).toEqual([true, true, true]);
  });

  it('a held part goes once its process is gone', async () => {
    expect(await core.images.removeLeftovers(H)).toEqual([]);
    const pid = holderPid;
    inHost('kill', pid);
    holderPid = '';
    await waitFor('the holder to end', () => inHost('sh', '-c', 'kill -0 "$1" 2>/dev/null && echo alive || echo gone', 'sh', pid) === 'gone', 30_000, 200);
    expect(await core.images.removeLeftovers(H)).toEqual([HELD]);
    expect([HELD, FRESH, FOREIGN].map(exists)).toEqual([false, true, true]);
  });
});
