// Snapshots on a real guest (the cloud-init test image) on test-bed host 3, through the core: a file written in
// the guest comes back after revert, for internal (memory) and external (disk-only, reverted by VirtDeck)
// snapshots; deleting the external one merges it and the guest still boots; bad input changes nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { buildInstanceSeed } from '../../../electron/core/cloudinit/index.js';
import { guestImage, guestImageUnavailable } from '../../guest/guest-image.js';
import { agentAnswers, agentExec, quietVirsh, waitFor } from '../cloudinit/guest-agent.js';
import { knownHostsCopy, runCli, tempHome } from '../core/helpers.js';
import { testbed } from '../testbed.js';

const HOST = 3;
const NAME = 'vdk-snap-g1';
const OTHER = 'vdk-snap-other';
const NET = 'vdk-snap-net';
const POOL = 'vdk-snap-pool';
const POOL_DIR = `/var/lib/libvirt/images/${POOL}`;
const MAC = '52:54:00:77:53:10';
const ref = { host: 'h3', vm: NAME };

const tb = testbed();
const unavailable = guestImageUnavailable();

describe.skipIf(!!unavailable || !tb.available)(`snapshots of a real guest on test-bed host ${HOST}`, () => {
  const work = mkdtempSync(join(tmpdir(), 'vd-snap-'));
  const home = tempHome('vd-snap-home-');
  const hostVirsh = quietVirsh(tb);
  const virsh = (...args: string[]) => hostVirsh(HOST, ...args);
  const quiet = (...args: string[]) => {
    try {
      virsh(...args);
    } catch {
      // cleanup of something that is not there
    }
  };
  const inHost = (...argv: string[]) => spawnSync(join(tb.dir, 'bin', 'tbns'), [String(HOST), ...argv], { encoding: 'utf8' });
  const serialLog = join(tb.dir, 'hosts', `h${HOST}`, 'log', 'qemu', `${NAME}.serial.log`);
  const timings: Record<string, number> = {};
  let core: Core;
  let imagePath = '';

  const cleanup = () => {
    for (const d of [NAME, OTHER]) {
      quiet('destroy', d);
      quiet('undefine', d, '--snapshots-metadata');
    }
    quiet('pool-destroy', POOL);
    inHost('rm', '-rf', POOL_DIR);
    quiet('pool-undefine', POOL);
    quiet('net-destroy', NET);
    quiet('net-undefine', NET);
  };
  const sh = async (cmd: string) => (await agentExec(hostVirsh, HOST, NAME, ['/bin/sh', '-c', cmd])).stdout.trim();
  const mark = (v: string) => sh(`echo ${v} > /root/vdk-marker && sync`);
  const marker = () => sh('cat /root/vdk-marker');
  const waitAgent = async (label: string) => {
    const t0 = Date.now();
    try {
      await waitFor(`the guest agent (${label})`, 400_000, () => agentAnswers(hostVirsh, HOST, NAME));
    } catch (e) {
      let tail = '(no serial log)';
      try {
        tail = readFileSync(serialLog, 'utf8').split('\n').slice(-30).join('\n');
      } catch {
        // no log
      }
      throw new Error(`${(e as Error).message}\n--- serial console tail ---\n${tail}`);
    }
    timings[label] = (Date.now() - t0) / 1000;
  };
  const diskSource = (inactive: boolean) => {
    const xml = virsh('dumpxml', NAME, ...(inactive ? ['--inactive'] : []));
    return /<disk type='file' device='disk'>[\s\S]*?<source file='([^']+)'/.exec(xml)?.[1] ?? null;
  };
  const exists = (path: string) => inHost('test', '-e', path).status === 0;
  // Other suites restart host 3's sshd; the core reconnects by itself.
  const online = () => waitFor('h3 online', 60_000, () => core.hostRegistry.isOnline('h3'));

  beforeAll(async () => {
    const image = guestImage();
    cleanup();
    const seed = buildInstanceSeed({
      hostname: NAME,
      users: [],
      sshPwauth: false,
      packages: [],
      runcmd: [],
      network: { mode: 'static', mac: MAC, address: '10.77.53.10/24', gateway: '10.77.53.1', dns: [], search: [] },
    });
    writeFileSync(join(work, 'seed.iso'), seed.iso);
    writeFileSync(join(work, 'net.xml'), `<network><name>${NET}</name><bridge name='vdksnap0' stp='off' delay='0'/>
      <ip address='10.77.53.1' netmask='255.255.255.0'/></network>`);
    virsh('net-define', join(work, 'net.xml'));
    virsh('net-start', NET);
    virsh('pool-define-as', POOL, 'dir', '--target', POOL_DIR);
    virsh('pool-build', POOL);
    virsh('pool-start', POOL);
    virsh('vol-create-as', POOL, 'base.qcow2', String(statSync(image.qcow2).size), '--format', 'raw');
    virsh('vol-upload', '--pool', POOL, 'base.qcow2', image.qcow2);
    virsh('pool-refresh', POOL);
    const basePath = virsh('vol-path', '--pool', POOL, 'base.qcow2');
    virsh('vol-create-as', POOL, `${NAME}.qcow2`, '4G', '--format', 'qcow2', '--backing-vol', basePath, '--backing-vol-format', 'qcow2');
    imagePath = virsh('vol-path', '--pool', POOL, `${NAME}.qcow2`);
    virsh('vol-create-as', POOL, 'seed.iso', String(seed.iso.length), '--format', 'raw');
    virsh('vol-upload', '--pool', POOL, 'seed.iso', join(work, 'seed.iso'));
    writeFileSync(join(work, 'domain.xml'), `<domain type='qemu'>
  <name>${NAME}</name>
  <memory unit='MiB'>768</memory>
  <vcpu>2</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type><boot dev='hd'/></os>
  <features><acpi/><apic/></features>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <disk type='volume' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source pool='${POOL}' volume='${NAME}.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='volume' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source pool='${POOL}' volume='seed.iso'/>
      <target dev='sda' bus='scsi'/>
      <readonly/>
    </disk>
    <controller type='scsi' model='virtio-scsi'/>
    <interface type='network'><source network='${NET}'/><mac address='${MAC}'/><model type='virtio'/></interface>
    <serial type='pty'><log file='/var/log/libvirt/qemu/${NAME}.serial.log' append='off'/><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
    <memballoon model='none'/>
  </devices>
</domain>`);
    virsh('define', join(work, 'domain.xml'));

    const kh = knownHostsCopy(tb, home);
    core = await createCore({ home, autoConnect: false });
    const h = tb.hosts[HOST - 1]!;
    await core.handlers['hosts.add']({
      config: { name: h.name, transport: 'ssh', ssh: { host: h.sshHost, port: h.sshPort, user: 'root', identityFile: tb.keyFile }, uri: 'qemu:///system', knownHostsFile: kh },
    });
    virsh('start', NAME);
    await waitAgent('first boot');
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
    const snap = await core.handlers['snapshots.create']({ ref, spec: { name: 'i1', kind: 'internal', description: 'before two' } });
    expect(snap).toMatchObject({ name: 'i1', kind: 'internal', memory: true, current: true, state: 'running', description: 'before two' });
    await mark('two');
    expect(await marker()).toBe('two');
    const t0 = Date.now();
    await core.handlers['snapshots.revert']({ ref, name: 'i1' });
    timings.internalRevert = (Date.now() - t0) / 1000;
    expect(virsh('domstate', NAME)).toBe('running');
    await waitAgent('after internal revert');
    expect(await marker()).toBe('one');
  }, 600_000);

  it('a snapshot name that exists is refused and nothing changes (core and CLI)', async () => {
    await online();
    const before = await core.handlers['snapshots.list']({ ref });
    await expect(core.handlers['snapshots.create']({ ref, spec: { name: 'i1', kind: 'external' } })).rejects.toMatchObject({
      code: 'exists',
      message: expect.stringContaining('already has a snapshot named "i1"'),
    });
    const cliHome = tempHome('vd-snap-cli-');
    try {
      const h = tb.hosts[HOST - 1]!;
      const add = await runCli(cliHome, ['host', 'add', 'h3', '--ssh', `root@${h.sshHost}:${h.sshPort}`, '--identity', tb.keyFile, '--known-hosts', knownHostsCopy(tb, cliHome)]);
      expect(add.code, add.stderr).toBe(0);
      const dup = await runCli(cliHome, ['snap', 'create', `h3/${NAME}`, 'i1', '--external']);
      expect(dup.code).toBe(1);
      expect(dup.stderr).toMatch(/^virtdeck: VM "vdk-snap-g1" on h3 already has a snapshot named "i1"; nothing was changed\n$/);
      const bad = await runCli(cliHome, ['snap', 'create', `h3/${NAME}`, '../evil']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('snapshot name "../evil" must be');
      const list = await runCli(cliHome, ['snap', 'list', `h3/${NAME}`]);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(/i1 \*\s+internal\+memory\s+running/);
    } finally {
      rmSync(cliHome, { recursive: true, force: true });
    }
    expect(await core.handlers['snapshots.list']({ ref })).toEqual(before);
    expect(diskSource(false)).toBeNull(); // still the pool volume: no overlay was made
  }, 120_000);

  let overlay = '';
  it('external disk-only snapshot: revert (done by VirtDeck) brings the file back; the discarded overlay is gone', async () => {
    await online();
    await mark('three');
    const snap = await core.handlers['snapshots.create']({ ref, spec: { name: 'e1', kind: 'external' } });
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
    const reverted = await core.handlers['snapshots.revert']({ ref, name: 'e1' });
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
      const listBefore = await core.handlers['snapshots.list']({ ref });
      const files = inHost('ls', POOL_DIR).stdout;
      await expect(core.handlers['snapshots.revert']({ ref, name: 'e1' })).rejects.toThrow(
        `${imagePath} is in use by VM "${OTHER}" (defined) on h3; reverting to "e1" would change a disk it uses. Nothing was changed`,
      );
      expect(virsh('dumpxml', NAME, '--inactive')).toBe(xmlBefore);
      expect(await core.handlers['snapshots.list']({ ref })).toEqual(listBefore);
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
    await core.handlers['snapshots.delete']({ ref, name: 'e1' });
    timings.externalDelete = (Date.now() - t0) / 1000;
    const after = await core.handlers['snapshots.list']({ ref });
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
