// `launch auto` onto a host that lacks the image, on the real test bed: the network exists on h2 only, the image
// on h1 only, so placement picks h2 with the image copied from h1 first — a step of the launch task with its
// progress; the copy arrives with the same SHA-256, registered on h2, and the VM runs there on it. The image is a
// tiny empty qcow2 (the guest never boots an OS; the launch does not wait for cloud-init).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import type { TaskInfo } from '../../../shared/model/task.js';
import { guestHost } from '../guest/guest-host.js';
import { defineIsolatedNetwork } from '../guest/guest-setup.js';
import { knownHostsCopy, sshHostConfig, tempHome } from '../core/helpers.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const P = `vdi${randomBytes(2).toString('hex')}`;
const IMG = `${P}-img`;
const NET = `${P}-net`;
const VM = `${P}-vm`;
const SUBNET = `10.79.${150 + (randomBytes(1)[0]! % 50)}`;
const GiB = 1024 ** 3;

describe.skipIf(!tb.available)('launch auto onto a host without the image', () => {
  const home = tempHome('vd-imgcopy-');
  const [h1, h2] = [guestHost(tb, 1), guestHost(tb, 2)];
  let core: Core;
  const sha = (h: typeof h1) => h.inHost('sha256sum', h.virsh('vol-path', '--pool', 'default', `${IMG}.qcow2`)).stdout.split(' ')[0];

  beforeAll(async () => {
    defineIsolatedNetwork(h2, { name: NET, bridge: `${P}br`, gateway: `${SUBNET}.1` });
    h1.virsh('vol-create-as', 'default', `${IMG}.qcow2`, '64M', '--format', 'qcow2');
    core = await createCore({ home, autoConnect: true });
    const kh = knownHostsCopy(tb, home);
    for (const i of [1, 2]) await core.call('hosts.add', { config: sshHostConfig(tb, i, kh) });
    await core.images.adopt('h1', 'default', `${IMG}.qcow2`, { name: IMG });
    await core.ipam.set('h2', NET, { cidr: `${SUBNET}.0/24`, gateway: `${SUBNET}.1`, dns: [], search: [], range: null, reserved: [] });
  });

  afterAll(async () => {
    await core?.close();
    h2.quiet('destroy', VM);
    h2.quiet('undefine', VM, '--nvram');
    for (const v of [`${VM}.qcow2`, `${VM}-seed.iso`, `${IMG}.qcow2`]) h2.quiet('vol-delete', '--pool', 'default', v);
    h1.quiet('vol-delete', '--pool', 'default', `${IMG}.qcow2`);
    h2.quiet('net-destroy', NET);
    h2.quiet('net-undefine', NET);
  });

  it('places it on h2, copies the image there first (a task step with progress, same SHA-256, registered), then runs the VM on it', async () => {
    const seen: TaskInfo[] = [];
    const off = core.onEvent((e) => {
      if (e.type === 'task' && e.task.op === 'instance.launch' && e.task.args.name === VM) seen.push(e.task);
    });
    const r = await core.instances.launch({
      name: VM, host: 'auto', image: IMG, network: NET, ip: 'auto', virtType: 'qemu', size: { vcpus: 1, memoryMiB: 64, diskBytes: GiB },
      users: [{ name: 'tester', sshAuthorizedKeys: [] }], wait: false,
    });
    off();

    expect(r.host).toBe('h2');
    expect(r.placement.candidates.find((c) => c.host === 'h2')).toMatchObject({ problem: null, imageFrom: 'h1' });
    const last = seen.at(-1)!;
    expect(last.steps.map((s) => s.name)).toEqual(['image', 'clone', 'seed', 'define', 'boot']);
    expect(seen.some((t) => t.message?.code === 'note.copied-of')).toBe(true);
    expect(sha(h2)).toBe(sha(h1));
    expect(core.inventory.instances.getImage('h2', IMG)).toMatchObject({ pool: 'default', volume: `${IMG}.qcow2` });
    expect(h2.virsh('domstate', VM)).toBe('running');
    expect(h2.virsh('vol-dumpxml', '--pool', 'default', `${VM}.qcow2`)).toContain(`${IMG}.qcow2`);
  }, 300_000);
});
