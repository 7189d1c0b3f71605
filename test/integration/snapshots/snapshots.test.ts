// Snapshots on a real guest (the cloud-init test image) on test-bed host 3, through the core: a file written in
// the guest comes back after revert, for internal (memory) and external (disk-only, reverted by VirtDeck)
// snapshots; deleting the external one merges it and the guest still boots; bad input changes nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from '../../../shared/model/errors.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import { buildInstanceSeed } from '../../../electron/core/cloudinit/index.js';
import { guestImageUnavailable } from '../../guest/guest-image.js';
import { waitFor } from '../guest/guest-agent.js';
import { guestHost } from '../guest/guest-host.js';
import { bootGuest, defineGuest, defineIsolatedNetwork, guestShell, poolDir, removeGuests, waitForAgent } from '../guest/guest-setup.js';
import { hostAddArgs, knownHostsCopy, runCli, sshHostConfig, tempHome } from '../core/helpers.js';
import { testbed } from '../testbed.js';

const HOST = 3;
const NAME = 'vdk-snap-g1';
const OTHER = 'vdk-snap-other';
const NET = 'vdk-snap-net';
const POOL = 'vdk-snap-pool';
const POOL_DIR = poolDir(POOL);
const MAC = '52:54:00:77:53:10';
const ref = { host: 'h3', vm: NAME };

const tb = testbed();
const unavailable = guestImageUnavailable();

describe.skipIf(!!unavailable || !tb.available)(`snapshots of a real guest on test-bed host ${HOST}`, () => {
  const work = mkdtempSync(join(tmpdir(), 'vd-snap-'));
  const home = tempHome('vd-snap-home-');
  const h = guestHost(tb, HOST);
  const { virsh, inHost } = h;
  const timings: Record<string, number> = {};
  let core: Core;
  let imagePath = '';

  const cleanup = () => removeGuests(h, { domains: [NAME, OTHER], pool: POOL, network: NET });
  const sh = guestShell(h, NAME);
  const mark = (v: string) => sh(`echo ${v} > /root/vdk-marker && sync`);
  const marker = () => sh('cat /root/vdk-marker');
  const waitAgent = async (label: string) => {
    timings[label] = await waitForAgent(h, NAME, `the guest agent (${label})`);
  };
  const diskSource = (inactive: boolean) => {
    const xml = virsh('dumpxml', NAME, ...(inactive ? ['--inactive'] : []));
    return /<disk type='file' device='disk'>[\s\S]*?<source file='([^']+)'/.exec(xml)?.[1] ?? null;
  };
  const exists = (path: string) => inHost('test', '-e', path).status === 0;
  // Other suites restart host 3's sshd; the core reconnects by itself.
  const online = () => waitFor('h3 online', 60_000, () => core.hostRegistry.isOnline('h3'));

  beforeAll(async () => {
    cleanup();
    const seed = buildInstanceSeed({
      hostname: NAME,
      users: [],
      sshPwauth: false,
      packages: [],
      runcmd: [],
      network: { mode: 'static', mac: MAC, address: '10.77.53.10/24', gateway: '10.77.53.1', dns: [], search: [] },
    });
    defineIsolatedNetwork(h, { name: NET, bridge: 'vdksnap0', gateway: '10.77.53.1' });
    imagePath = defineGuest(h, { name: NAME, memoryMiB: 768, pool: POOL, mac: MAC, nic: { network: NET }, seedIso: seed.iso }).diskPath;

    const kh = knownHostsCopy(tb, home);
    core = await createCore({ home, autoConnect: false });
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, kh) });
    timings['first boot'] = await bootGuest(h, NAME);
  }, 900_000);

  afterAll(async () => {
    console.log(`[snapshots] timings (s): ${JSON.stringify(timings)}`);
    await core?.close();
    cleanup();
    rmSync(work, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }, 120_000);

  it('internal snapshot of the running guest (with memory): revert brings the file content back', async () => {
    await online();
    await mark('one');
    const snap = await core.call('snapshots.create', { ref, spec: { name: 'i1', kind: 'internal', description: 'before two' } });
    expect(snap).toMatchObject({ name: 'i1', kind: 'internal', memory: true, current: true, state: 'running', description: 'before two' });
    await mark('two');
    expect(await marker()).toBe('two');
    const t0 = Date.now();
    await core.call('snapshots.revert', { ref, name: 'i1' });
    timings.internalRevert = (Date.now() - t0) / 1000;
    expect(virsh('domstate', NAME)).toBe('running');
    await waitAgent('after internal revert');
    expect(await marker()).toBe('one');
  }, 600_000);

  it('a snapshot name that exists is refused and nothing changes (core and CLI)', async () => {
    await online();
    const before = await core.call('snapshots.list', { ref });
    await expect(core.call('snapshots.create', { ref, spec: { name: 'i1', kind: 'external' } })).rejects.toMatchObject({
      code: 'snapshot.exists',
      params: { host: 'h3', vm: NAME, name: 'i1' },
    });
    const cliHome = tempHome('vd-snap-cli-');
    try {
      const add = await runCli(cliHome, hostAddArgs(tb, HOST, knownHostsCopy(tb, cliHome), 'h3'));
      expect(add.code, add.stderr).toBe(0);
      const dup = await runCli(cliHome, ['snap', 'create', `h3/${NAME}`, 'i1', '--external']);
      expect(dup.code).toBe(1);
      // the refusal names its input (the snapshot dialog shows it on the name field; the CLI prefixes it)
      expect(dup.stderr).toMatch(/^virtdeck: name: VM "vdk-snap-g1" on h3 already has a snapshot named "i1"; nothing was changed\n$/);
      const bad = await runCli(cliHome, ['snap', 'create', `h3/${NAME}`, '../evil']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('snapshot name "../evil" must be');
      const list = await runCli(cliHome, ['snap', 'list', `h3/${NAME}`]);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(/i1 \*\s+internal\+memory\s+running/);
    } finally {
      rmSync(cliHome, { recursive: true, force: true });
    }
    expect(await core.call('snapshots.list', { ref })).toEqual(before);
    expect(diskSource(false)).toBeNull(); // still the pool volume: no overlay was made
  }, 120_000);

  let overlay = '';
  it('external disk-only snapshot: revert (done by VirtDeck) brings the file back; the discarded overlay is gone', async () => {
    await online();
    await mark('three');
    const snap = await core.call('snapshots.create', { ref, spec: { name: 'e1', kind: 'external' } });
    expect(snap).toMatchObject({ name: 'e1', kind: 'external', memory: false, current: true, parent: 'i1' });
    const vda = snap.disks.find((d) => d.target === 'vda');
    expect(vda?.mode).toBe('external');
    expect(vda?.image).toBe(`${POOL}/${NAME}.qcow2`);
    overlay = vda?.overlay ?? '';
    expect(diskSource(false)).toBe(overlay);
    expect(snap.disks.find((d) => d.target === 'sda')?.mode).toBe('no');
    await mark('four');
    expect(await marker()).toBe('four');

    const t0 = Date.now();
    const reverted = await core.call('snapshots.revert', { ref, name: 'e1' });
    timings.externalRevert = (Date.now() - t0) / 1000;
    expect(reverted.current).toBe(true);
    expect(virsh('domstate', NAME)).toBe('running');
    const fresh = diskSource(true) ?? '';
    expect(fresh).toMatch(new RegExp(`^${POOL_DIR}/${NAME}\\.e1-r[0-9a-z]+\\.qcow2$`));
    expect(diskSource(false)).toBe(fresh);
    expect(exists(overlay)).toBe(false);
    expect(inHost('qemu-img', 'info', '-U', fresh).stdout).toContain(`backing file: ${imagePath}`);
    await waitAgent('boot after external revert');
    expect(await marker()).toBe('three');
  }, 600_000);

  it('reverting while another VM uses the disk is refused and nothing changes', async () => {
    await online();
    await mark('five');
    writeFileSync(join(work, 'other.xml'), `<domain type='qemu'><name>${OTHER}</name><memory unit='MiB'>32</memory>
      <os><type arch='x86_64' machine='pc'>hvm</type></os>
      <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${imagePath}'/>
      <target dev='vda' bus='virtio'/></disk></devices></domain>`);
    virsh('define', join(work, 'other.xml'));
    try {
      const xmlBefore = virsh('dumpxml', NAME, '--inactive');
      const listBefore = await core.call('snapshots.list', { ref });
      const files = inHost('ls', POOL_DIR).stdout;
      await expect(core.call('snapshots.revert', { ref, name: 'e1' })).rejects.toMatchObject({
        code: 'volume.in-use',
        params: { uses: [report('volume.used-by', { host: 'h3', volume: imagePath, users: [report('user.vm', { name: OTHER })] })] },
      });
      expect(virsh('dumpxml', NAME, '--inactive')).toBe(xmlBefore);
      expect(await core.call('snapshots.list', { ref })).toEqual(listBefore);
      expect(inHost('ls', POOL_DIR).stdout).toBe(files);
      expect(virsh('domstate', NAME)).toBe('running');
      expect(await marker()).toBe('five');
    } finally {
      virsh('undefine', OTHER);
    }
  }, 120_000);

  it('deleting the external snapshot merges the overlay (block commit + pivot); the guest still boots', async () => {
    await online();
    await mark('six');
    const top = diskSource(false) ?? '';
    const t0 = Date.now();
    await core.call('snapshots.delete', { ref, name: 'e1' });
    timings.externalDelete = (Date.now() - t0) / 1000;
    const after = await core.call('snapshots.list', { ref });
    expect(after.map((s) => s.name)).toEqual(['i1']);
    expect(diskSource(false)).toBe(imagePath);
    expect(diskSource(true)).toBe(imagePath);
    expect(exists(top)).toBe(false);
    expect(await marker()).toBe('six');
    virsh('destroy', NAME);
    virsh('start', NAME);
    await waitAgent('boot after merge');
    expect(await marker()).toBe('six');
    expect(inHost('qemu-img', 'info', '-U', imagePath).stdout).toMatch(/backing file: .*base\.qcow2/);
  }, 600_000);
});
