// Live migration of the real cloud-init guest (test/guest image, TCG) h1 → h2 with storage copy: its read-only
// NoCloud seed CD-ROM, which libvirt's NBD copy leaves out, is copied first by VirtDeck to the same path; after the
// move the guest's agent answers on h2 with the same boot ID, the seed is on h2 with the same bytes, and the VM's
// one inventory row (and its instance record) moved; with --delete-source h1 keeps neither disk nor seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core.js';
import { guestImageUnavailable } from '../../guest/guest-image.js';
import { diskVolume, seedVolume } from '../guest/guest-domain.js';
import { guestHost } from '../guest/guest-host.js';
import { defineGuest, defineIsolatedNetwork, guestShell, poolDir, removeGuests, staticSeedIso, waitForAgent } from '../guest/guest-setup.js';
import { testbed } from '../testbed.js';
import { coreWithHosts, tempHome, waitFor } from '../core/helpers.js';

const NAME = 'vdk-mig-g1';
const NET = 'vdk-mig-net';
const POOL = 'vdk-mig-pool';
const MAC = '52:54:00:77:49:10';

const tb = testbed();
const unavailable = guestImageUnavailable();

describe.skipIf(!!unavailable || !tb.available)(`live migration of a real cloud-init guest h1 → h2 ${unavailable ?? ''}`, () => {
  const home = tempHome('vd-mig-guest-');
  const [h1, h2] = [guestHost(tb, 1), guestHost(tb, 2)];
  let core: Core;
  const cleanup = () => {
    for (const h of [h1, h2]) removeGuests(h, { domains: [NAME], pool: POOL, network: NET });
  };
  const sha = (h: typeof h1, volume: string) => h.inHost('sha256sum', `${poolDir(POOL)}/${volume}`).stdout.split(' ')[0];

  beforeAll(async () => {
    cleanup();
    for (const h of [h1, h2]) defineIsolatedNetwork(h, { name: NET, bridge: 'vdkmig0', gateway: '10.77.49.1' });
    defineGuest(h1, { name: NAME, memoryMiB: 512, pool: POOL, mac: MAC, nic: { network: NET }, seedIso: staticSeedIso(NAME, MAC, '10.77.49.10/24', '10.77.49.1') });
    // The target has the same (empty) pool; the base image is not there: the NBD copy takes the whole disk.
    h2.virsh('pool-define-as', POOL, 'dir', '--target', poolDir(POOL));
    h2.virsh('pool-build', POOL);
    h2.virsh('pool-start', POOL);
    core = await coreWithHosts(tb, home, [1, 2]);
    h1.virsh('start', NAME);
    await waitForAgent(h1, NAME, 'the guest agent', 1_500_000);
    // Moved once cloud-init is done, a settled guest: one run that moved it mid cloud-init on a machine at load 23
    // ended in a guest kernel Oops on h2 (cause not known).
    for (const t0 = Date.now(); (await guestShell(h1, NAME)('test -e /var/lib/cloud/instance/boot-finished && echo done || true')) !== 'done'; ) {
      if (Date.now() - t0 > 900_000) throw new Error('cloud-init never finished in the guest');
      await new Promise((r) => setTimeout(r, 5000));
    }
  }, 1_600_000);

  afterAll(async () => {
    await core?.close();
    cleanup();
  }, 120_000);

  it('copies the seed CD-ROM first, moves the running guest, which still answers on h2 with the same boot ID', async () => {
    const uuid = h1.virsh('domuuid', NAME);
    await waitFor('the VM in the inventory', () => core.vms.list({ host: 'h1' }).some((v) => v.uuid === uuid), 10_000);
    core.inventory.instances.addInstance({
      host: 'h1', vmUuid: uuid, vmName: NAME, image: 'test-guest', pool: POOL, seedVolume: seedVolume(NAME), createdAt: new Date().toISOString(),
    });
    const bootId = await guestShell(h1, NAME)('cat /proc/sys/kernel/random/boot_id');
    const seedSum = sha(h1, seedVolume(NAME));

    const r = await core.call('migration.migrate', { ref: { host: 'h1', vm: NAME }, dest: 'h2', deleteSource: true });

    const seedPath = `${poolDir(POOL)}/${seedVolume(NAME)}`;
    const diskPath = `${poolDir(POOL)}/${diskVolume(NAME)}`;
    expect(r).toMatchObject({ host: 'h2', name: NAME, uuid, copiedDisks: [seedPath, diskPath] });
    expect(r.deletedSourceVolumes.sort()).toEqual([diskPath, seedPath].sort());
    expect(h2.virsh('domstate', NAME)).toBe('running');
    expect(h1.virsh('list', '--all', '--name').split('\n')).not.toContain(NAME);
    expect(sha(h2, seedVolume(NAME))).toBe(seedSum);
    expect(h1.inHost('test', '-e', seedPath).status).not.toBe(0);
    await waitForAgent(h2, NAME, 'the guest agent on h2', 300_000);
    expect(await guestShell(h2, NAME)('cat /proc/sys/kernel/random/boot_id')).toBe(bootId);
    await waitFor('the source row gone', () => !core.vms.list({ host: 'h1' }).some((v) => v.uuid === uuid), 10_000);
    expect(core.vms.list().filter((v) => v.uuid === uuid).map((v) => v.host)).toEqual(['h2']);
    expect(core.inventory.instances.getInstance('h2', uuid)).toMatchObject({ seedVolume: seedVolume(NAME) });
  }, 900_000);
});
