// Changing a VM's hardware on a real host: every change checked in `virsh dumpxml` (config and, for a running
// tiny domain under TCG, live), refusals change nothing, and a foreign <metadata> element survives (c14n).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { waitsForRestart } from '../../../shared/model/hardware.js';
import { testbed } from '../testbed.js';
import { FOREIGN_NS, hwHelpers, refusal } from './hw-helpers.js';
import { defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, sshHostConfig, tempHome, uniq } from './helpers.js';

const tb = testbed();
const HOST = 1;
const H = 'hw1';

describe.skipIf(!tb.available)('VM hardware changes (real host)', () => {
  const home = tempHome('vd-hw-');
  const tag = uniq('hw').slice(3);
  const POOL = `hwpool-${tag}`;
  const DIR = `/var/lib/libvirt/images/${POOL}`;
  const NET = `hwnet-${tag}`;
  const OFF = `hw-off-${tag}`;
  const RUN = `hw-run-${tag}`;
  const OTHER = `hw-other-${tag}`;
  const RENAMED = `hw-renamed-${tag}`;
  const OTHER2 = `hw-other2-${tag}`;
  const IPNET = `hwip-${tag}`;
  const { virsh, quiet, config, live, foreign, startWithAcpi } = hwHelpers(tb, HOST);
  const off = { host: H, vm: OFF };
  const run = { host: H, vm: RUN };
  const disk = (file: string, dev: string) =>
    `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${DIR}/${file}'/><target dev='${dev}' bus='virtio'/></disk>`;
  const cdrom = `<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='hdc' bus='ide'/><readonly/></disk>`;
  const nic = `<interface type='network'><mac address='52:54:00:aa:00:01'/><source network='${NET}'/><model type='virtio'/></interface>`;
  let core: Core;

  beforeAll(async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'vd-hw-net-'));
    writeFileSync(join(tmp, 'net.xml'), `<network><name>${NET}</name><bridge name='vdhw${tag.slice(0, 6)}' stp='off' delay='0'/></network>`);
    virsh('net-define', join(tmp, 'net.xml'));
    virsh('net-start', NET);
    writeFileSync(join(tmp, 'ipnet.xml'), `<network><name>${IPNET}</name><bridge name='vdhi${tag.slice(0, 6)}' stp='off' delay='0'/></network>`);
    virsh('net-define', join(tmp, 'ipnet.xml'));
    virsh('net-start', IPNET);
    virsh('pool-define-as', POOL, 'dir', '--target', DIR);
    virsh('pool-build', POOL);
    virsh('pool-start', POOL);
    for (const v of ['off.qcow2', 'run.qcow2', 'extra.qcow2', 'shared.qcow2']) virsh('vol-create-as', POOL, v, '16M', '--format', 'qcow2');
    virsh('vol-create-as', POOL, 'media.iso', '1M', '--format', 'raw');
    defineTinyDomain(tb, HOST, OFF, disk('off.qcow2', 'vda') + cdrom + nic);
    virsh('metadata', OFF, '--uri', FOREIGN_NS, '--key', 'other', '--set', "<app version='3'><keep a='1'>text &amp; more</keep></app>");
    defineTinyDomain(tb, HOST, RUN, disk('run.qcow2', 'vda') + cdrom + nic.replace('aa:00:01', 'aa:00:02'));
    startWithAcpi(RUN);
    defineTinyDomain(tb, HOST, OTHER, disk('shared.qcow2', 'vda'));
    core = await createCore({ home, autoConnect: false });
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, knownHostsCopy(tb, home), H) });
  });

  afterAll(async () => {
    await core?.close();
    for (const d of [OFF, RUN, OTHER, RENAMED, OTHER2]) purgeDomain(tb, HOST, d);
    quiet(() => virsh('net-destroy', IPNET));
    quiet(() => virsh('net-undefine', IPNET));
    quiet(() => virsh('pool-destroy', POOL));
    quiet(() => virsh('pool-delete', POOL));
    quiet(() => virsh('pool-undefine', POOL));
    quiet(() => virsh('net-destroy', NET));
    quiet(() => virsh('net-undefine', NET));
  });

  describe('a shut-off VM: its config', () => {
    it('vCPUs and memory: the maximums grow to fit; the foreign metadata is unchanged (c14n)', async () => {
      const before = foreign(OFF);
      expect(before).toContain('text &amp; more');
      const r = await core.call('vms.setResources', { ref: off, vcpus: 2, memoryMiB: 64 });
      expect(r).toEqual({ running: false, live: [], config: ['vcpus', 'max-vcpus', 'memory', 'max-memory'] });
      const x = config(OFF);
      expect([x.vcpus, x.currentVcpus, x.memoryKiB, x.currentMemoryKiB]).toEqual([2, null, 65536, 65536]);
      expect(foreign(OFF)).toBe(before);
    });

    it('a maximum below the current value, and --live on a shut-off VM, are refused and change nothing', async () => {
      const before = virsh('dumpxml', '--inactive', OFF);
      expect(await refusal(core.call('vms.setResources', { ref: off, maxVcpus: 1 }))).toBe('vm.max-below-current');
      expect(await refusal(core.call('vms.setResources', { ref: off, vcpus: 1, live: true }))).toBe('vm.live-not-running');
      expect(await refusal(core.call('vms.setResources', { ref: off }))).toBe('vm.no-change');
      expect(virsh('dumpxml', '--inactive', OFF)).toBe(before);
    });

    it('current vCPUs below a larger maximum', async () => {
      await core.call('vms.setResources', { ref: off, vcpus: 1, maxVcpus: 3 });
      const x = config(OFF);
      expect([x.vcpus, x.currentVcpus]).toEqual([3, 1]);
    });

    it('attaches a new volume (next free target, in the pool of the first disk) and detaches it deleting the volume', async () => {
      const r = await core.call('vms.attachDisk', { ref: off, newVolume: { sizeBytes: 32 * 1024 * 1024 } });
      expect(r).toMatchObject({ running: false, live: [], config: ['disk'], target: 'vdb' });
      const d = config(OFF).disks.find((x) => x.targetDev === 'vdb');
      expect([d?.sourceFile, d?.driverType, d?.targetBus]).toEqual([`${DIR}/${OFF}-vdb.qcow2`, 'qcow2', 'virtio']);
      expect(virsh('vol-info', '--pool', POOL, `${OFF}-vdb.qcow2`)).toMatch(/Capacity:\s+32\.00 MiB/);
      await core.call('vms.detachDisk', { ref: off, target: 'vdb', deleteVolume: true });
      expect(config(OFF).disks.map((x) => x.targetDev)).not.toContain('vdb');
      expect(virsh('vol-list', POOL)).not.toContain(`${OFF}-vdb.qcow2`);
      expect(foreign(OFF)).toContain('text &amp; more');
    });

    it('attaches an existing volume on sata, detaches it keeping the volume', async () => {
      const r = await core.call('vms.attachDisk', { ref: off, volume: { pool: POOL, volume: 'extra.qcow2' }, bus: 'sata' });
      expect(r.target).toBe('sda');
      expect(config(OFF).disks.find((x) => x.targetDev === 'sda')?.targetBus).toBe('sata');
      await core.call('vms.detachDisk', { ref: off, target: 'sda' });
      expect(config(OFF).disks.map((x) => x.targetDev)).not.toContain('sda');
      expect(virsh('vol-list', POOL)).toContain('extra.qcow2');
    });

    it('refuses to delete a volume another VM uses, before detaching anything; a taken target and an unknown disk are refused', async () => {
      await core.call('vms.attachDisk', { ref: off, volume: { pool: POOL, volume: 'shared.qcow2' }, target: 'vdc' });
      const before = virsh('dumpxml', '--inactive', OFF);
      expect(await refusal(core.call('vms.detachDisk', { ref: off, target: 'vdc', deleteVolume: true }))).toBe('volume.in-use');
      expect(await refusal(core.call('vms.attachDisk', { ref: off, volume: { pool: POOL, volume: 'extra.qcow2' }, target: 'vdc' }))).toBe('vm.disk-target-taken');
      expect(await refusal(core.call('vms.detachDisk', { ref: off, target: 'vdz' }))).toBe('vm.disk-not-found');
      expect(virsh('dumpxml', '--inactive', OFF)).toBe(before);
      expect(virsh('vol-list', POOL)).toContain('shared.qcow2');
    });

    it('CD-ROM: insert and eject', async () => {
      await core.call('vms.setCdrom', { ref: off, volume: { pool: POOL, volume: 'media.iso' } });
      const drive = () => config(OFF).disks.find((x) => x.device === 'cdrom');
      expect([drive()?.sourceFile, drive()?.driverType]).toEqual([`${DIR}/media.iso`, 'raw']);
      await core.call('vms.setCdrom', { ref: off, volume: null });
      expect(drive()?.sourceFile).toBeNull();
      expect(drive()?.targetDev).toBe('hdc');
    });

    it('NICs: add on a network, link down, remove; an unknown MAC is refused', async () => {
      const r = await core.call('vms.addNic', { ref: off, network: NET, model: 'e1000e' });
      const added = () => config(OFF).interfaces.find((n) => n.mac === r.mac);
      expect([added()?.sourceNetwork, added()?.model]).toEqual([NET, 'e1000e']);
      await core.call('vms.setNicLink', { ref: off, mac: r.mac, up: false });
      expect(added()?.linkState).toBe('down');
      await core.call('vms.removeNic', { ref: off, mac: r.mac });
      expect(added()).toBeUndefined();
      expect(await refusal(core.call('vms.removeNic', { ref: off, mac: r.mac }))).toBe('vm.nic-not-found');
      expect(await refusal(core.call('vms.addNic', { ref: off, network: NET, mac: '52:54:00:aa:00:01' }))).toBe('vm.nic-mac-taken');
    });

    it('a NIC on an IPAM network holds an address; a rename carries the holder; removing the NIC frees it', async () => {
      await core.call('ipam.set', {
        host: H, network: IPNET, settings: { cidr: '10.77.0.0/24', gateway: '10.77.0.1', dns: [], search: [], range: { start: '10.77.0.10', end: '10.77.0.20' }, reserved: [] },
      });
      const other = { host: H, vm: OTHER };
      const holderOf = async (ip: string) => (await core.call('ipam.describe', { host: H, network: IPNET })).addresses.find((a) => a.ip === ip);
      const r = await core.call('vms.addNic', { ref: other, network: IPNET });
      expect(r.ip).toBe('10.77.0.10');
      expect(await holderOf('10.77.0.10')).toMatchObject({ state: 'used', holders: [expect.objectContaining({ holder: `${H}/${OTHER}` })] });
      expect(await refusal(core.call('vms.addNic', { ref: other, network: NET, ip: 'auto' }))).toBe('ipam.not-configured');
      await core.call('vms.rename', { ref: other, newName: OTHER2 });
      expect(await holderOf('10.77.0.10')).toMatchObject({ holders: [expect.objectContaining({ holder: `${H}/${OTHER2}` })] });
      await core.call('vms.removeNic', { ref: { host: H, vm: OTHER2 }, mac: r.mac });
      expect(await holderOf('10.77.0.10')).toMatchObject({ state: 'free' });
    });

    it('boot order and menu', async () => {
      const r = await core.call('vms.setBoot', { ref: off, order: ['cdrom', 'hd'], menu: true });
      expect(r).toEqual({ running: false, live: [], config: ['boot'] });
      expect([config(OFF).bootDevices, config(OFF).bootMenu]).toEqual([['cdrom', 'hd'], true]);
      expect(foreign(OFF)).toContain('text &amp; more');
    });

    it('the hardware view reads the config', async () => {
      const v = await core.call('vms.hardware', { ref: off });
      expect(v.live).toBeNull();
      expect(v.config).toMatchObject({ vcpus: 1, maxVcpus: 3, memoryMiB: 64, maxMemoryMiB: 64, boot: ['cdrom', 'hd'], bootMenu: true });
      expect(v.config.disks.map((d) => d.target).sort()).toEqual(['hdc', 'vda', 'vdc']);
    });
  });

  describe('a running VM: live and config', () => {
    it('vCPUs beyond the live maximum wait for a restart; memory within it applies now', async () => {
      const r = await core.call('vms.setResources', { ref: run, vcpus: 2, memoryMiB: 24 });
      expect(r.config).toEqual(['vcpus', 'max-vcpus', 'memory']);
      expect(r.live).toEqual(['memory']);
      expect(waitsForRestart(r)).toEqual(['vcpus', 'max-vcpus']);
      expect(config(RUN).vcpus).toBe(2);
      expect(live(RUN).vcpus).toBe(1);
    });

    it('with --live only, a live refusal is an error and the config stays', async () => {
      const before = virsh('dumpxml', '--inactive', RUN);
      expect(await refusal(core.call('vms.setResources', { ref: run, vcpus: 4, live: true }))).toBe('vm.change-failed');
      expect(virsh('dumpxml', '--inactive', RUN)).toBe(before);
    });

    it('hot-plugs a new disk into both definitions; a detach the guest does not answer is reported as waiting', async () => {
      const r = await core.call('vms.attachDisk', { ref: run, newVolume: { sizeBytes: 16 * 1024 * 1024, pool: POOL } });
      expect(r).toMatchObject({ running: true, live: ['disk'], config: ['disk'], target: 'vdb' });
      expect(live(RUN).disks.map((d) => d.targetDev)).toContain('vdb');
      expect(config(RUN).disks.map((d) => d.targetDev)).toContain('vdb');
      const d = await core.call('vms.detachDisk', { ref: run, target: 'vdb' });
      expect(config(RUN).disks.map((x) => x.targetDev)).not.toContain('vdb');
      // An OS-less guest may never release it: the answer says so exactly when the live XML still has it.
      expect(d.live.includes('disk')).toBe(!live(RUN).disks.some((x) => x.targetDev === 'vdb'));
    });

    it('a new volume whose hot-plug libvirt refuses is removed again', async () => {
      const vols = virsh('vol-list', POOL);
      const asked = { ref: run, newVolume: { sizeBytes: 1048576, pool: POOL }, bus: 'sata' as const, live: true };
      expect(await refusal(core.call('vms.attachDisk', asked))).toBe('vm.change-failed');
      expect(virsh('vol-list', POOL)).toBe(vols);
    });

    it('CD-ROM media change live', async () => {
      const r = await core.call('vms.setCdrom', { ref: run, volume: { pool: POOL, volume: 'media.iso' } });
      expect(r.live).toEqual(['cdrom']);
      expect(live(RUN).disks.find((x) => x.device === 'cdrom')?.sourceFile).toBe(`${DIR}/media.iso`);
      expect(config(RUN).disks.find((x) => x.device === 'cdrom')?.sourceFile).toBe(`${DIR}/media.iso`);
      await core.call('vms.setCdrom', { ref: run, volume: null, live: true });
      expect(live(RUN).disks.find((x) => x.device === 'cdrom')?.sourceFile).toBeNull();
      expect(config(RUN).disks.find((x) => x.device === 'cdrom')?.sourceFile).toBe(`${DIR}/media.iso`);
    });

    it('NIC hot-plug and link down live', async () => {
      const r = await core.call('vms.addNic', { ref: run, network: NET });
      expect(r.live).toEqual(['nic']);
      expect(live(RUN).interfaces.some((n) => n.mac === r.mac)).toBe(true);
      const l = await core.call('vms.setNicLink', { ref: run, mac: '52:54:00:aa:00:02', up: false });
      expect(l.live).toEqual(['nic-link']);
      expect(live(RUN).interfaces.find((n) => n.mac === '52:54:00:aa:00:02')?.linkState).toBe('down');
      expect(config(RUN).interfaces.find((n) => n.mac === '52:54:00:aa:00:02')?.linkState).toBe('down');
    });

    it('boot order waits for a restart; rename is refused while running', async () => {
      const r = await core.call('vms.setBoot', { ref: run, order: ['network', 'hd'] });
      expect(waitsForRestart(r)).toEqual(['boot']);
      expect(config(RUN).bootDevices).toEqual(['network', 'hd']);
      expect(await refusal(core.call('vms.rename', { ref: run, newName: 'nope' }))).toBe('vm.running');
    });

    it('the hardware view shows both definitions', async () => {
      const v = await core.call('vms.hardware', { ref: run });
      expect(v.running).toBe(true);
      expect(v.live?.vcpus).toBe(1);
      expect(v.config.vcpus).toBe(2);
    });
  });

  describe('the CLI', () => {
    const cliHome = tempHome('vd-hw-cli-');
    beforeAll(async () => {
      const r = await runCli(cliHome, hostAddArgs(tb, HOST, knownHostsCopy(tb, cliHome), H));
      expect(r.stderr).toBe('');
    });

    it('vm set --live on a shut-off VM says so and changes nothing', async () => {
      const before = virsh('dumpxml', '--inactive', OFF);
      const r = await runCli(cliHome, ['vm', 'set', `${H}/${OFF}`, '--cpus', '2', '--live']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/shut off.*--live/);
      expect(virsh('dumpxml', '--inactive', OFF)).toBe(before);
    });

    it('vm set on a running VM says which parts wait for a restart', async () => {
      const r = await runCli(cliHome, ['vm', 'set', `${H}/${RUN}`, '--cpus', '3']);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/after a restart: vCPUs, maximum vCPUs/);
    });

    it('vm disk attach --size, detach --delete-volume, autostart, rename', async () => {
      const a = await runCli(cliHome, ['vm', 'disk', 'attach', `${H}/${OFF}`, '--size', '8M', '--bus', 'scsi']);
      expect(a.code).toBe(0);
      expect(a.stdout.trim()).toBe('sda');
      expect(config(OFF).disks.find((d) => d.targetDev === 'sda')?.targetBus).toBe('scsi');
      const d = await runCli(cliHome, ['vm', 'disk', 'detach', `${H}/${OFF}`, 'sda', '--delete-volume']);
      expect(d.code).toBe(0);
      expect(virsh('vol-list', POOL)).not.toContain(`${OFF}-sda`);
      expect((await runCli(cliHome, ['vm', 'autostart', `${H}/${OFF}`])).code).toBe(0);
      expect(virsh('dominfo', OFF)).toMatch(/Autostart:\s+enable/);
      expect((await runCli(cliHome, ['vm', 'autostart', `${H}/${OFF}`, '--off'])).code).toBe(0);
      expect(virsh('dominfo', OFF)).toMatch(/Autostart:\s+disable/);
      const uuid = virsh('domuuid', OFF);
      const before = foreign(OFF);
      expect((await runCli(cliHome, ['vm', 'rename', `${H}/${OFF}`, RENAMED])).code).toBe(0);
      expect(virsh('domname', uuid)).toBe(RENAMED);
      const list = JSON.parse((await runCli(cliHome, ['vm', 'list', '--host', H, '--json'])).stdout) as Array<{ uuid: string; name: string }>;
      expect(list.find((v) => v.uuid === uuid)?.name).toBe(RENAMED);
      expect(foreign(RENAMED)).toBe(before);
    });
  });
});
