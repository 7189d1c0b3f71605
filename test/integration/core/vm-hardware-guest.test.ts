// Hardware hot-plug seen from inside a real guest (the cloud-init test image, TCG) on test-bed host 2: a new
// 1 GiB disk shows in the guest's lsblk with that size and is gone after the detach; a NIC hot-added on an IPAM
// network shows its MAC in `ip -o link`, the IPAM view names the VM, and removing it frees the address; vCPUs 1→2
// and memory 1→1.5 GiB set in the config reach the guest after a restart (nproc, MemTotal).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { buildInstanceSeed } from '../../../electron/core/cloudinit/index.js';
import { guestImageUnavailable } from '../../guest/guest-image.js';
import { waitFor } from '../guest/guest-agent.js';
import { guestHost } from '../guest/guest-host.js';
import { defineGuest, defineIsolatedNetwork, guestShell, removeGuests, waitForAgent } from '../guest/guest-setup.js';
import { testbed } from '../testbed.js';
import { knownHostsCopy, sshHostConfig, tempHome } from './helpers.js';

const HOST = 2;
const NAME = 'vdk-hw-g1';
const NET = 'vdk-hw-net';
const POOL = 'vdk-hw-pool';
const MAC = '52:54:00:77:48:10';
const ref = { host: 'h2', vm: NAME };
const GiB = 1024 ** 3;

const tb = testbed();
const unavailable = guestImageUnavailable();

describe.skipIf(!!unavailable || !tb.available)(`hardware hot-plug in a real guest on test-bed host ${HOST}`, () => {
  const home = tempHome('vd-hw-guest-');
  const h = guestHost(tb, HOST);
  let core: Core;
  const cleanup = () => removeGuests(h, { domains: [NAME], pool: POOL, network: NET });
  const sh = guestShell(h, NAME);
  const liveHas = (needle: string) => h.virsh('dumpxml', NAME).includes(needle);
  /** Asks the guest until `check` holds for its answer (hot-plug reaches the guest in its own time). */
  const untilGuest = async (what: string, cmd: string, check: (out: string) => boolean): Promise<string> => {
    for (const t0 = Date.now(); ; ) {
      const out = await sh(cmd);
      if (check(out)) return out;
      if (Date.now() - t0 > 180_000) throw new Error(`the guest never showed ${what}; last answer:\n${out}`);
      await new Promise((res) => setTimeout(res, 1000));
    }
  };

  beforeAll(async () => {
    cleanup();
    const seed = buildInstanceSeed({
      hostname: NAME,
      users: [],
      sshPwauth: false,
      packages: [],
      runcmd: [],
      network: { mode: 'static', mac: MAC, address: '10.77.48.10/24', gateway: '10.77.48.1', dns: [], search: [] },
    });
    defineIsolatedNetwork(h, { name: NET, bridge: 'vdkhw0', gateway: '10.77.48.1' });
    defineGuest(h, { name: NAME, memoryMiB: 1024, vcpus: 1, pool: POOL, mac: MAC, nic: { network: NET }, seedIso: seed.iso });
    core = await createCore({ home, autoConnect: false });
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, knownHostsCopy(tb, home)) });
    // A loaded machine boots a TCG guest slowly: wait for its agent longer than the usual boot.
    h.virsh('start', NAME);
    await waitForAgent(h, NAME, 'the guest agent', 1_500_000);
  }, 1_600_000);

  afterAll(async () => {
    await core?.close();
    cleanup();
  }, 120_000);

  it('a hot-added 1 GiB disk shows in lsblk with its size; detached, it is gone', async () => {
    const r = await core.call('vms.attachDisk', { ref, newVolume: { sizeBytes: GiB, pool: POOL } });
    expect(r).toMatchObject({ running: true, live: ['disk'], config: ['disk'], target: 'vdb' });
    const vdb = (out: string) => out.split('\n').find((l) => l.startsWith('vdb'));
    const lsblk = 'lsblk -b -d -n -o NAME,SIZE';
    const seen = await untilGuest('vdb', lsblk, (out) => vdb(out) !== undefined);
    expect(vdb(seen)?.split(/\s+/)).toEqual(['vdb', String(GiB)]);

    await core.call('vms.detachDisk', { ref, target: 'vdb', deleteVolume: false });
    await waitFor('vdb released by the guest', 120_000, () => !liveHas("dev='vdb'"));
    expect(vdb(await sh(lsblk))).toBeUndefined();
    expect(h.virsh('dumpxml', '--inactive', NAME)).not.toContain("dev='vdb'");
  }, 600_000);

  it('a NIC hot-added on an IPAM network shows its MAC in the guest and holds an address until removed', async () => {
    await core.call('ipam.set', {
      host: 'h2', network: NET, settings: { cidr: '10.77.48.0/24', gateway: '10.77.48.1', dns: [], search: [], range: { start: '10.77.48.50', end: '10.77.48.60' }, reserved: [] },
    });
    const holder = async (ip: string) => (await core.call('ipam.describe', { host: 'h2', network: NET })).addresses.find((a) => a.ip === ip);
    const r = await core.call('vms.addNic', { ref, network: NET });
    expect(r.live).toEqual(['nic']);
    expect(r.ip).toBe('10.77.48.50');
    await untilGuest(r.mac, 'ip -o link', (out) => out.includes(r.mac));
    expect(await holder('10.77.48.50')).toMatchObject({ state: 'used', holders: [expect.objectContaining({ holder: `h2/${NAME}` })] });
    await core.call('vms.removeNic', { ref, mac: r.mac });
    await untilGuest(`no ${r.mac}`, 'ip -o link', (out) => !out.includes(r.mac));
    expect(await holder('10.77.48.50')).toMatchObject({ state: 'free' });
  }, 600_000);

  it('vCPUs 1→2 and memory 1→1.5 GiB in the config: after a restart nproc is 2 and MemTotal follows', async () => {
    const memTotalKiB = async () => Number(/MemTotal:\s+(\d+) kB/.exec(await sh('cat /proc/meminfo'))?.[1]);
    expect((await sh('nproc')).trim()).toBe('1');
    const before = await memTotalKiB();
    expect(before).toBeLessThanOrEqual(1024 * 1024);

    const r = await core.call('vms.setResources', { ref, vcpus: 2, memoryMiB: 1536, config: true });
    expect(r.config).toEqual(expect.arrayContaining(['vcpus', 'memory']));
    expect(r.live).toEqual([]);
    // A guest-initiated reboot keeps the same QEMU process: the new config needs a stop and a start.
    await core.call('vms.action', { ref, action: 'destroy' });
    await waitFor('the guest off', 60_000, () => h.virsh('domstate', NAME).trim() === 'shut off');
    await core.call('vms.action', { ref, action: 'start' });
    await waitForAgent(h, NAME, 'the guest agent after the restart', 1_500_000);

    expect((await sh('nproc')).trim()).toBe('2');
    const after = await memTotalKiB();
    // MemTotal is the RAM less what the kernel keeps for itself: above the old size, at most the new one.
    expect(after).toBeGreaterThan(1024 * 1024);
    expect(after).toBeLessThanOrEqual(1536 * 1024);
  }, 1_700_000);
});
