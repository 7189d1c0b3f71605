// An external snapshot revert cut by a dropped SSH connection, on test-bed host 3: the link drops (sshd and its
// sessions killed inside h3) as the revert is about to stop the VM, after it made a new overlay and defined the VM
// on it. While h3 is away that half-made state is visible; once sshd is back, the undo puts the previous
// definition back and removes the overlay, and the VM runs on as before. A tiny OS-less domain with a qcow2 disk
// is enough: no guest has to boot.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { guestHost } from '../guest/guest-host.js';
import { defineTinyDomain, knownHostsCopy, purgeDomain, sshdControl, sshHostConfig, tempHome, waitFor } from '../core/helpers.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const HOST = 3;
const H = `h${HOST}`;
const P = `vdr${randomBytes(2).toString('hex')}`;

describe.skipIf(!tb.available)(`external revert after a dropped SSH connection on ${H}`, () => {
  const home = tempHome('vd-revert-');
  const h = guestHost(tb, HOST);
  const sshd = sshdControl(tb, HOST);
  const ref = { host: H, vm: P };
  let core: Core;
  let dir = '';
  const files = () => h.inHost('ls', dir).stdout.split('\n').filter((f) => f.startsWith(P)).sort();
  const diskSource = (inactive: boolean) =>
    /<disk type='file' device='disk'>[\s\S]*?<source file='([^']+)'/.exec(h.virsh('dumpxml', P, ...(inactive ? ['--inactive'] : [])))?.[1];

  beforeAll(async () => {
    h.virsh('vol-create-as', 'default', `${P}.qcow2`, '64M', '--format', 'qcow2');
    const path = h.virsh('vol-path', '--pool', 'default', `${P}.qcow2`);
    dir = path.slice(0, path.lastIndexOf('/'));
    defineTinyDomain(tb, HOST, P, `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${path}'/><target dev='vda' bus='virtio'/></disk>`);
    h.virsh('start', P);
    core = await createCore({ home, autoConnect: true });
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, knownHostsCopy(tb, home)) });
  });

  afterAll(async () => {
    sshd.start();
    await core?.close();
    for (const s of h.virsh('snapshot-list', P, '--name').split('\n').filter(Boolean)) h.quiet('snapshot-delete', P, s, '--metadata');
    purgeDomain(tb, HOST, P);
    h.inHost('sh', '-c', 'rm -f -- "$1"/"$2".*', 'sh', dir, P);
    h.quiet('pool-refresh', 'default');
  });

  it('the link drops as the VM is about to stop: once h3 is back the previous definition returns and the new overlay is gone', async () => {
    const snap = await core.snapshots.create(ref, { name: 'e1', kind: 'external' });
    const top = snap.disks.find((d) => d.target === 'vda')?.overlay ?? '';
    expect(diskSource(true)).toBe(top);
    const before = files();

    let dropped = false;
    const failed = core.snapshots
      .revert(ref, 'e1', {
        progress: (_f, message) => {
          if (message?.code !== 'note.stopping-vm') return;
          dropped = true;
          sshd.drop(); // synchronously, before the revert sends the stop
        },
      })
      .then(() => null, (err: unknown) => err as Error);
    try {
      await waitFor(`${H} offline after the drop`, () => dropped && core.hostRegistry.info(H).status !== 'online', 60_000, 20);
      // Half made, while the host is away: the VM is defined on a new overlay (it still runs on the old top).
      const made = files().filter((f) => !before.includes(f));
      expect(made).toEqual([expect.stringMatching(new RegExp(`^${P}\\.e1-r[0-9a-z]+\\.qcow2$`))]);
      expect(diskSource(true)).toBe(`${dir}/${made[0]}`);
      expect(core.undo.pending(H).map((u) => u.task)).toEqual([`revert ${P} to e1`]);
    } finally {
      sshd.start();
    }

    const err = await failed;
    console.log(`[undo] revert cut by the drop: ${err?.message}`);
    // Everything was undone, so the error is the stop's own (words: "…; nothing was changed"), not undo.pending.
    expect(err).toMatchObject({ code: 'snapshot.stop-failed', params: { vm: P } });
    expect(diskSource(true)).toBe(top);
    expect(diskSource(false)).toBe(top);
    expect(h.virsh('domstate', P)).toBe('running');
    expect(files()).toEqual(before);
    expect(core.undo.pending()).toEqual([]);
  }, 240_000);
});
