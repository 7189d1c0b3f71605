// Rollback of a launch cut by a dropped SSH connection, on test-bed host 3 (the figure of issue 8). Right after each
// step (clone, seed, define, boot) succeeds, h3's sshd and every session it serves are killed (by pid, inside the
// host), so the launch's next call dies with the link. While the host is away, what the launch made is still there
// and its address is still held by IPAM; once sshd is back the core reconnects, the undo runs over the new
// connection, nothing of the launch is left, and only then is the address free. A launch whose process is killed
// (the CLI, SIGKILL) is finished by the next process that connects the host. The image is a tiny empty qcow2 (the
// guest never boots an OS: it only has to be running when the link drops).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreError } from '../../../electron/core/errors.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import type { LaunchSpec } from '../../../shared/model/instance.js';
import { guestHost } from '../guest/guest-host.js';
import { defineIsolatedNetwork } from '../guest/guest-setup.js';
import { knownHostsCopy, runCli, spawnCli, sshdControl, sshHostConfig, tempHome, waitFor } from '../core/helpers.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const HOST = 3;
const H = `h${HOST}`;
const P = `vdu${randomBytes(2).toString('hex')}`;
const IMG = `${P}-img`;
const NET = `${P}-net`;
const SUBNET = `10.79.${100 + (randomBytes(1)[0]! % 50)}`;
const GiB = 1024 ** 3;

describe.skipIf(!tb.available)(`launch rollback after a dropped SSH connection on ${H}`, () => {
  const home = tempHome('vd-undo-');
  const h = guestHost(tb, HOST);
  let core: Core;
  let publicKey = '';
  const sshd = sshdControl(tb, HOST);
  const volumes = () => h.virsh('vol-list', 'default').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((v) => v.startsWith(P) && v !== `${IMG}.qcow2`);
  const domains = () => h.virsh('list', '--all', '--name').split('\n').map((l) => l.trim()).filter((d) => d.startsWith(P));
  const used = async () => (await core.ipam.describe(H, NET)).addresses.filter((a) => a.state === 'used').map((a) => [a.ip, a.holders.map((x) => x.source)]);
  const spec = (name: string): LaunchSpec => ({
    name, host: H, image: IMG, network: NET, ip: 'auto', virtType: 'qemu', size: { vcpus: 1, memoryMiB: 64, diskBytes: GiB },
    users: [{ name: 'tester', sshAuthorizedKeys: [publicKey] }], wait: true, waitTimeoutSec: 600,
  });

  beforeAll(async () => {
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'vdu-test', '-f', join(home, 'id')]);
    publicKey = readFileSync(join(home, 'id.pub'), 'utf8').trim();
    defineIsolatedNetwork(h, { name: NET, bridge: `${P}br`, gateway: `${SUBNET}.1` });
    h.virsh('vol-create-as', 'default', `${IMG}.qcow2`, '64M', '--format', 'qcow2');
    core = await createCore({ home, autoConnect: true });
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, knownHostsCopy(tb, home)) });
    await core.images.adopt(H, 'default', `${IMG}.qcow2`, { name: IMG });
    await core.ipam.set(H, NET, { cidr: `${SUBNET}.0/24`, gateway: `${SUBNET}.1`, dns: [], search: [], range: { start: `${SUBNET}.10`, end: `${SUBNET}.20` }, reserved: [] });
  });

  afterAll(async () => {
    sshd.start();
    await core?.close();
    for (const d of domains()) {
      h.quiet('destroy', d);
      h.quiet('undefine', d, '--nvram');
    }
    for (const v of [...volumes(), `${IMG}.qcow2`]) h.quiet('vol-delete', '--pool', 'default', v);
    h.quiet('net-destroy', NET);
    h.quiet('net-undefine', NET);
  });

  // What the launch has made on the host once the step succeeded (the link drops right then).
  const madeBy: Record<string, (name: string) => { volumes: string[]; domain: string | null }> = {
    clone: (n) => ({ volumes: [`${n}.qcow2`], domain: null }),
    seed: (n) => ({ volumes: [`${n}-seed.iso`, `${n}.qcow2`], domain: null }),
    define: (n) => ({ volumes: [`${n}-seed.iso`, `${n}.qcow2`], domain: 'shut off' }),
    boot: (n) => ({ volumes: [`${n}-seed.iso`, `${n}.qcow2`], domain: 'running' }),
  };

  for (const [step, made] of Object.entries(madeBy)) {
    it(`the link drops after "${step}": everything stays (address held) until h3 is back, then nothing is left and the address is free`, async () => {
      const name = `${P}-${step}`;
      let dropped = false;
      const off = core.onEvent((e) => {
        if (dropped || e.type !== 'task' || e.task.op !== 'instance.launch' || e.task.args.name !== name || e.task.host !== H) return;
        if (e.task.steps.find((s) => s.name === step)?.state !== 'succeeded') return;
        dropped = true;
        sshd.drop(); // synchronously, before the launch goes on to its next step
      });
      const failed = core.instances.launch(spec(name)).then(() => null, (err: unknown) => err as Error);
      try {
        await waitFor(`${H} offline after the drop`, () => dropped && core.hostRegistry.info(H).status !== 'online', 60_000, 20);

        // The host is away: the launch's objects are still there, and its address is held for it.
        const want = made(name);
        expect(volumes().sort()).toEqual(want.volumes.sort());
        expect(want.domain === null ? domains() : h.virsh('domstate', name)).toEqual(want.domain ?? []);
        expect(await used()).toEqual([[`${SUBNET}.10`, ['reservation']]]);
        expect(core.undo.pending(H).map((u) => u.task)).toEqual([`launch ${name}`]);
      } finally {
        off();
        sshd.start();
      }

      const err = await failed;
      console.log(`[undo] drop after ${step}: ${err?.message}`);
      expect(err).toMatchObject({ code: 'launch.failed', params: { host: H, name } });
      expect((err as CoreError).params.rolledBack).toEqual(expect.arrayContaining([`default/${name}.qcow2`, `${SUBNET}.10`]));
      expect(((err as CoreError).params.rolledBack as string[]).at(-1)).toBe(`${SUBNET}.10`);
      expect(domains()).toEqual([]);
      expect(volumes()).toEqual([]);
      expect(await used()).toEqual([]);
      expect(core.undo.pending()).toEqual([]);
    }, 240_000);
  }

  it('the process dies in the middle of a launch (SIGKILL): the next process that connects h3 removes what it made, then frees the address', async () => {
    const name = `${P}-crash`;
    const cliHome = home; // the same inventory, as the app and the CLI share it
    const args = ['launch', H, name, '--image', IMG, '--network', NET, '--cpus', '1', '--memory', '64M', '--disk', '1G', '--ssh-key', join(home, 'id.pub'), '--virt-type', 'qemu', '--wait'];
    const child = spawnCli(cliHome, args);
    let stderr = '';
    const booted = new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('[boot] succeeded')) resolve();
      });
      child.on('exit', () => reject(new Error(`the launch ended before its boot step: ${stderr}`)));
    });
    await booted;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    // Nobody undid it: the domain runs, its disks are there, the address is held by the dead task's pending undo.
    expect(h.virsh('domstate', name)).toBe('running');
    expect(volumes().sort()).toEqual([`${name}-seed.iso`, `${name}.qcow2`]);
    expect(await used()).toEqual([[`${SUBNET}.10`, ['reservation']]]);
    expect(core.undo.pending(H)).toMatchObject([{ task: `launch ${name}`, state: 'running' }]);

    // Any command that connects h3 finishes the undo before it exits.
    const list = await runCli(cliHome, ['vm', 'list', '--host', H]);
    expect(list.code, list.stderr).toBe(0);
    expect(domains()).toEqual([]);
    expect(volumes()).toEqual([]);
    expect(await used()).toEqual([]);
    expect(core.undo.pending()).toEqual([]);
  }, 240_000);
});
