// Clones of the real cloud-init guest (the test/guest image, TCG): the source boots once on test-bed host 1 (so it
// has a machine id, SSH host keys, its address), is shut down and recorded as a VirtDeck instance with an IPAM
// address; a linked clone on h1 and a full clone on h2 then each boot with their own hostname, IPAM address, MAC,
// /etc/machine-id and SSH host key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core.js';
import { buildInstanceSeed } from '../../../electron/core/cloudinit/index.js';
import { guestImageUnavailable } from '../../guest/guest-image.js';
import { waitFor } from '../guest/guest-agent.js';
import { seedVolume } from '../guest/guest-domain.js';
import { guestHost, type GuestHost } from '../guest/guest-host.js';
import { defineGuest, defineIsolatedNetwork, guestShell, poolDir, removeGuests, waitForAgent } from '../guest/guest-setup.js';
import { testbed } from '../testbed.js';
import { coreWithHosts, tempHome } from './helpers.js';

const NAME = 'vdk-cl-g1';
const [LINKED, FULL] = [`${NAME}-linked`, `${NAME}-full`];
const NET = 'vdk-cl-net';
const POOL = 'vdk-cl-pool';
const MAC = '52:54:00:77:49:10';
const IPAM = { cidr: '10.77.49.0/24', gateway: '10.77.49.1', dns: [], search: [], range: { start: '10.77.49.50', end: '10.77.49.60' }, reserved: [] };

const tb = testbed();
const unavailable = guestImageUnavailable();

interface Identity {
  hostname: string;
  machineId: string;
  hostKey: string;
  addresses: string;
  links: string;
}

describe.skipIf(!!unavailable || !tb.available)('clones of a real cloud-init guest boot as themselves', () => {
  const home = tempHome('vd-clone-guest-');
  const [h1, h2] = [guestHost(tb, 1), guestHost(tb, 2)];
  let core: Core;
  let source: Identity;
  const cleanup = () => {
    removeGuests(h1, { domains: [NAME, LINKED], pool: POOL, network: NET });
    removeGuests(h2, { domains: [FULL], pool: POOL, network: NET });
  };
  const identity = async (h: GuestHost, domain: string): Promise<Identity> => {
    const sh = guestShell(h, domain);
    return {
      hostname: await sh('hostname'),
      machineId: await sh('cat /etc/machine-id'),
      hostKey: await sh('cat /etc/ssh/ssh_host_ed25519_key.pub'),
      addresses: await sh('ip -o -4 addr show scope global'),
      links: await sh('ip -o link'),
    };
  };
  /** Once the guest (started) answers and cloud-init is through (long: TCG on a loaded machine), who it is. */
  const settled = async (h: GuestHost, domain: string): Promise<Identity> => {
    await waitForAgent(h, domain, `${domain}'s agent`, 1_500_000);
    const sh = guestShell(h, domain);
    // cloud-init is through for this instance (a clone's disk has its source's boot-finished of the source's id).
    const through = `grep -q '^iid-${domain}-' /var/lib/cloud/data/instance-id && test -f /var/lib/cloud/instance/boot-finished && echo yes || echo no`;
    for (const t0 = Date.now(); (await sh(through).catch(() => 'no')) !== 'yes'; ) {
      if (Date.now() - t0 > 600_000) throw new Error(`cloud-init never finished in ${domain}`);
      await new Promise((res) => setTimeout(res, 3000));
    }
    return identity(h, domain);
  };

  beforeAll(async () => {
    cleanup();
    const seed = buildInstanceSeed({
      hostname: NAME, users: [], sshPwauth: false, packages: [], runcmd: [],
      network: { mode: 'static', mac: MAC, address: '10.77.49.10/24', gateway: '10.77.49.1', dns: [], search: [] },
    });
    for (const h of [h1, h2]) defineIsolatedNetwork(h, { name: NET, bridge: 'vdkcl0', gateway: '10.77.49.1' });
    defineGuest(h1, { name: NAME, memoryMiB: 768, pool: POOL, mac: MAC, nic: { network: NET }, seedIso: seed.iso });
    for (const cmd of [['pool-define-as', POOL, 'dir', '--target', poolDir(POOL)], ['pool-build', POOL], ['pool-start', POOL]]) h2.virsh(...cmd);
    h1.virsh('start', NAME);
    source = await settled(h1, NAME);
    h1.virsh('shutdown', NAME);
    await waitFor(`${NAME} shut off`, 300_000, () => h1.virsh('domstate', NAME) === 'shut off');

    // As a launch leaves it: the instance record and its address held.
    core = await coreWithHosts(tb, home, [1, 2]);
    const uuid = h1.virsh('domuuid', NAME);
    for (const host of ['h1', 'h2']) await core.call('ipam.set', { host, network: NET, settings: IPAM });
    const at = new Date().toISOString();
    core.inventory.instances.reserve({ host: 'h1', network: NET, ip: '10.77.49.10', vmName: NAME, vmUuid: uuid, taskId: null, createdAt: at });
    core.inventory.instances.addInstance({ host: 'h1', vmUuid: uuid, vmName: NAME, image: 'test', pool: POOL, seedVolume: seedVolume(NAME), createdAt: at });
    await waitFor(`${NAME} in the inventory`, 30_000, () => core.vms.list({ host: 'h1' }).some((v) => v.uuid === uuid));
  }, 1_800_000);

  afterAll(async () => {
    await core?.close();
    cleanup();
  }, 120_000);

  const expectItsOwn = (c: Identity, name: string, r: { ip: string | null; macs: string[] }) => {
    expect(source.hostname).toBe(NAME);
    expect(c.hostname).toBe(name);
    expect(r.ip).toMatch(/^10\.77\.49\.(5\d|60)\/24$/);
    expect(c.addresses).toContain(` ${r.ip} `);
    expect(c.addresses).not.toContain('10.77.49.10/');
    expect(c.links).toContain(r.macs[0]);
    expect(c.links).not.toContain(MAC);
    expect(c.machineId).toMatch(/^[0-9a-f]{32}$/);
    expect(c.machineId).not.toBe(source.machineId);
    expect(c.hostKey).toMatch(/^ssh-ed25519 /);
    expect(c.hostKey.split(' ')[1]).not.toBe(source.hostKey.split(' ')[1]);
  };

  it('a linked clone on h1 boots with its own hostname, address, MAC, machine id and SSH host key', async () => {
    const r = await core.call('vms.clone', { ref: { host: 'h1', vm: NAME }, name: LINKED, linked: true, start: true });
    const c = r.clones[0]!;
    expectItsOwn(await settled(h1, LINKED), LINKED, c);
    h1.virsh('destroy', LINKED);
  }, 1_800_000);

  it('a full clone on h2 (its base copied there) boots with its own hostname, address, MAC, machine id and SSH host key', async () => {
    const r = await core.call('vms.clone', { ref: { host: 'h1', vm: NAME }, name: FULL, dest: 'h2', start: true });
    const c = r.clones[0]!;
    expect(c.host).toBe('h2');
    expectItsOwn(await settled(h2, FULL), FULL, c);
    h2.virsh('destroy', FULL);
  }, 1_800_000);
});
