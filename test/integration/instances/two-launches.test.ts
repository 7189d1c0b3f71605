// Launch as a task call through the one dispatcher, on the real test bed: two launches of the same name on h1 and h2
// each answer their own task id at once; each task shows its own host, steps and progress, and ends on its own
// (here failed after the define step by the explicit test hook, so both roll back and leave nothing behind). The
// image is a tiny empty qcow2 adopted from each host's default pool: nothing boots.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { FAIL_AFTER_ENV } from '../../../electron/core/instances/instance-service.js';
import type { LaunchSpec } from '../../../shared/model/instance.js';
import type { TaskInfo } from '../../../shared/model/task.js';
import { guestHost } from '../guest/guest-host.js';
import { knownHostsCopy, sshHostConfig, tempHome, waitFor } from '../core/helpers.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const HOSTS = [1, 2] as const;
const P = `vdt${randomBytes(2).toString('hex')}`;
const IMG = `${P}-img`;
const VM = `${P}-vm`;
const GiB = 1024 ** 3;

describe.skipIf(!tb.available)('two launches of one name on h1 and h2, as task calls', () => {
  const home = tempHome('vd-tasks-');
  const hosts = HOSTS.map((i) => ({ name: `h${i}`, ...guestHost(tb, i) }));
  let core: Core;
  const failAfter = process.env[FAIL_AFTER_ENV];

  const spec = (host: string): LaunchSpec => ({
    name: VM, host, image: IMG, network: 'default', ip: 'dhcp', virtType: 'qemu', size: { vcpus: 1, memoryMiB: 64, diskBytes: GiB },
    users: [{ name: 'tester', sshAuthorizedKeys: [] }], wait: false,
  });
  const leftovers = (h: (typeof hosts)[number]) => ({
    volumes: h.virsh('vol-list', 'default').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((v) => v.startsWith(VM)),
    domains: h.virsh('list', '--all', '--name').split('\n').map((l) => l.trim()).filter((d) => d === VM),
  });

  beforeAll(async () => {
    core = await createCore({ home, autoConnect: true });
    const kh = knownHostsCopy(tb, home);
    for (const h of hosts) {
      h.virsh('vol-create-as', 'default', `${IMG}.qcow2`, '64M', '--format', 'qcow2');
      await core.call('hosts.add', { config: sshHostConfig(tb, h.index, kh) });
      await core.call('images.add', { host: h.name, source: { kind: 'volume', pool: 'default', volume: `${IMG}.qcow2` }, name: IMG });
    }
  });

  afterAll(async () => {
    if (failAfter === undefined) delete process.env[FAIL_AFTER_ENV];
    else process.env[FAIL_AFTER_ENV] = failAfter;
    await core?.close();
    for (const h of hosts) {
      h.quiet('destroy', VM);
      h.quiet('undefine', VM, '--nvram');
      for (const v of leftovers(h).volumes) h.quiet('vol-delete', '--pool', 'default', v);
      h.quiet('vol-delete', '--pool', 'default', `${IMG}.qcow2`);
    }
  });

  it('each call answers its own task id while the task runs; each task keeps its host, steps and end', async () => {
    process.env[FAIL_AFTER_ENV] = 'define';
    const events: TaskInfo[] = [];
    const off = core.onEvent((e) => e.type === 'task' && events.push(e.task));
    try {
      const ids: string[] = [];
      for (const h of hosts) {
        const answer = await core.dispatch('instances.launch', { spec: spec(h.name) });
        expect(answer).toEqual({ ok: true, value: { taskId: expect.any(String) } });
        const id = (answer as { value: { taskId: string } }).value.taskId;
        // Answered before the end: the task is still running (it has not even planned the launch yet).
        expect(core.tasks.list().find((t) => t.id === id)?.state).toBe('running');
        ids.push(id);
      }
      expect(new Set(ids).size).toBe(2);

      const last = (id: string) => events.filter((e) => e.id === id).at(-1);
      await waitFor('both launches to end', () => ids.every((id) => last(id)?.state !== 'running'), 300_000);
      ids.forEach((id, i) => {
        const host = hosts[i]!.name;
        const mine = events.filter((e) => e.id === id);
        expect(mine.every((e) => e.host === host && e.args.host === host && e.args.name === VM && e.op === 'instance.launch')).toBe(true);
        // Its own progress: the steps it went through, each once, in order.
        expect(mine.at(-1)?.steps.map((s) => [s.name, s.state])).toEqual([
          ['clone', 'succeeded'], ['seed', 'succeeded'], ['define', 'succeeded'], ['boot', 'pending'],
        ]);
        expect(mine.at(-1)).toMatchObject({
          state: 'failed',
          error: { code: 'launch.failed', params: { host, name: VM, cause: { code: 'launch.injected', params: { step: 'define' } } } },
          result: null,
        });
      });
      for (const h of hosts) expect(leftovers(h)).toEqual({ volumes: [], domains: [] });
    } finally {
      off();
    }
  }, 600_000);
});
