// Console devices, per-device boot order and NIC sources on a real host (tiny domains, TCG): every change checked in
// `virsh dumpxml` (config and, for the running domain, live); refusals change nothing; foreign metadata survives.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { hwDiff } from '../../../shared/model/hardware-diff.js';
import { waitsForRestart } from '../../../shared/model/hardware.js';
import { testbed } from '../testbed.js';
import { FOREIGN_NS, hwHelpers, refusal } from './hw-helpers.js';
import { defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, sshHostConfig, tempHome, uniq } from './helpers.js';

const tb = testbed();
const HOST = 1;
const H = 'hw1';
const AGENT = 'org.qemu.guest_agent.0';

describe.skipIf(!tb.available)('VM console devices, boot order per device, NIC sources (real host)', () => {
  const home = tempHome('vd-hwd-');
  const tag = uniq('hwd').slice(4);
  const NET = `hwdnet-${tag}`;
  const NET2 = `hwdnet2-${tag}`;
  const IPNET = `hwdip-${tag}`;
  const BR = `vdhd${tag.slice(0, 6)}`;
  const OFF = `hwd-off-${tag}`;
  const RUN = `hwd-run-${tag}`;
  const BARE = `hwd-bare-${tag}`;
  const MAC_OFF = '52:54:00:ad:00:01';
  const MAC_RUN = '52:54:00:ad:00:02';
  const { virsh, quiet, config, live, foreign, startWithAcpi } = hwHelpers(tb, HOST);
  const off = { host: H, vm: OFF };
  const run = { host: H, vm: RUN };
  const nic = (mac: string) => `<interface type='network'><mac address='${mac}'/><source network='${NET}'/><model type='virtio'/></interface>`;
  const cdrom = `<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='hdc' bus='ide'/><readonly/></disk>`;
  let core: Core;

  beforeAll(async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'vd-hwd-net-'));
    const defineNet = (name: string, bridge: string) => {
      writeFileSync(join(tmp, `${name}.xml`), `<network><name>${name}</name><bridge name='${bridge}' stp='off' delay='0'/></network>`);
      virsh('net-define', join(tmp, `${name}.xml`));
      virsh('net-start', name);
    };
    defineNet(NET, BR);
    defineNet(NET2, `vdhe${tag.slice(0, 6)}`);
    defineNet(IPNET, `vdhf${tag.slice(0, 6)}`);
    defineTinyDomain(tb, HOST, OFF, cdrom + nic(MAC_OFF));
    virsh('metadata', OFF, '--uri', FOREIGN_NS, '--key', 'other', '--set', "<app version='3'><keep a='1'>text &amp; more</keep></app>");
    // The agent channel is a port of a virtio-serial controller, which QEMU cannot hot-plug: RUN has one, BARE none.
    defineTinyDomain(tb, HOST, RUN, nic(MAC_RUN) + `<controller type='virtio-serial' index='0'/>`);
    startWithAcpi(RUN);
    defineTinyDomain(tb, HOST, BARE);
    virsh('start', BARE);
    core = await createCore({ home, autoConnect: false });
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, knownHostsCopy(tb, home), H) });
  });

  afterAll(async () => {
    await core?.close();
    for (const d of [OFF, RUN, BARE]) purgeDomain(tb, HOST, d);
    for (const n of [NET, NET2, IPNET]) {
      quiet(() => virsh('net-destroy', n));
      quiet(() => virsh('net-undefine', n));
    }
  });

  describe('a shut-off VM', () => {
    it('graphics vnc (libvirt adds its video card), agent on, serial off; again: nothing changes', async () => {
      const before = foreign(OFF);
      const r = await core.call('vms.setDevices', { ref: off, graphics: 'vnc', agent: true, serial: false });
      expect(r).toEqual({ running: false, live: [], config: ['graphics', 'serial', 'agent'] });
      const x = config(OFF);
      expect(x.graphics.map((g) => [g.type, g.listen])).toEqual([['vnc', '127.0.0.1']]);
      expect(x.videos.length).toBe(1);
      expect(x.channels.map((c) => c.targetName)).toEqual([AGENT]);
      expect([x.serials.length, x.consoles.length]).toEqual([0, 0]);
      expect(foreign(OFF)).toBe(before);
      const xml = virsh('dumpxml', '--inactive', OFF);
      expect(await core.call('vms.setDevices', { ref: off, graphics: 'vnc', agent: true, serial: false })).toEqual({ running: false, live: [], config: [] });
      expect(virsh('dumpxml', '--inactive', OFF)).toBe(xml);
    });

    it('graphics none takes the video card too; serial on, agent off; the view reads them', async () => {
      await core.call('vms.setDevices', { ref: off, graphics: 'none', serial: true, agent: false });
      const x = config(OFF);
      expect([x.graphics.length, x.videos.length, x.serials.length, x.channels.length]).toEqual([0, 0, 1, 0]);
      const v = await core.call('vms.hardware', { ref: off });
      expect(v.config).toMatchObject({ graphics: [], video: [], serial: true, agent: false });
    });

    it('boot order per device replaces <os><boot>, and back; an unknown device is refused and changes nothing', async () => {
      await core.call('vms.setBoot', { ref: off, order: ['hd'] });
      const r = await core.call('vms.setBoot', { ref: off, deviceOrder: [MAC_OFF, 'hdc'] });
      expect(r).toEqual({ running: false, live: [], config: ['boot'] });
      let x = config(OFF);
      expect(x.bootDevices).toEqual([]);
      expect([x.interfaces[0]?.bootOrder, x.disks[0]?.bootOrder]).toEqual([1, 2]);
      expect((await core.call('vms.hardware', { ref: off })).config.bootOrder).toEqual([MAC_OFF, 'hdc']);
      const before = virsh('dumpxml', '--inactive', OFF);
      expect(await refusal(core.call('vms.setBoot', { ref: off, deviceOrder: ['vdq'] }))).toBe('vm.boot-device-not-found');
      expect(virsh('dumpxml', '--inactive', OFF)).toBe(before);
      await core.call('vms.setBoot', { ref: off, order: ['cdrom', 'hd'] });
      x = config(OFF);
      expect([x.bootDevices, x.interfaces[0]?.bootOrder, x.disks[0]?.bootOrder]).toEqual([['cdrom', 'hd'], null, null]);
      expect(foreign(OFF)).toContain('text &amp; more');
    });

    it('a NIC on a host bridge; moved to a network with IPAM it holds an address, moved away it frees it', async () => {
      const a = await core.call('vms.addNic', { ref: off, bridge: BR });
      const added = () => config(OFF).interfaces.find((n) => n.mac === a.mac);
      expect([added()?.type, added()?.sourceBridge, a.ip]).toEqual(['bridge', BR, null]);
      await core.call('ipam.set', {
        host: H, network: IPNET, settings: { cidr: '10.78.0.0/24', gateway: '10.78.0.1', dns: [], search: [], range: { start: '10.78.0.10', end: '10.78.0.20' }, reserved: [] },
      });
      const state = async (ip: string) => (await core.call('ipam.describe', { host: H, network: IPNET })).addresses.find((x) => x.ip === ip)?.state;
      const m = await core.call('vms.moveNic', { ref: off, mac: a.mac, network: IPNET });
      expect(m).toMatchObject({ running: false, live: [], config: ['nic-source'], ip: '10.78.0.10' });
      expect([added()?.type, added()?.sourceNetwork, added()?.sourceBridge]).toEqual(['network', IPNET, null]);
      expect(await state('10.78.0.10')).toBe('used');
      expect(await refusal(core.call('vms.moveNic', { ref: off, mac: a.mac, network: IPNET }))).toBe('vm.no-change');
      await core.call('vms.moveNic', { ref: off, mac: a.mac, network: NET2 });
      expect(added()?.sourceNetwork).toBe(NET2);
      expect(await state('10.78.0.10')).toBe('free');
      await core.call('vms.removeNic', { ref: off, mac: a.mac });
    });
  });

  describe('a running VM', () => {
    it('the agent channel is hot-plugged; graphics wait for a restart and show in the diff; --live graphics is refused', async () => {
      const r = await core.call('vms.setDevices', { ref: run, agent: true, graphics: 'vnc' });
      expect(r.live).toEqual(['agent']);
      expect(waitsForRestart(r)).toEqual(['graphics']);
      expect(live(RUN).channels.map((c) => c.targetName)).toContain(AGENT);
      expect(config(RUN).channels.map((c) => c.targetName)).toContain(AGENT);
      expect(live(RUN).graphics).toEqual([]);
      const v = await core.call('vms.hardware', { ref: run });
      expect(hwDiff(v.live!, v.config).map((d) => [d.field, d.now, d.next])).toEqual([
        ['graphics', '—', 'vnc'],
        ['video', '—', expect.any(String)],
      ]);
      const before = virsh('dumpxml', '--inactive', RUN);
      expect(await refusal(core.call('vms.setDevices', { ref: run, graphics: 'none', live: true }))).toBe('vm.config-only');
      expect(virsh('dumpxml', '--inactive', RUN)).toBe(before);
    });

    it('the agent channel live and back; without a virtio-serial controller it waits for a restart (--live: refused)', async () => {
      const r = await core.call('vms.setDevices', { ref: run, agent: false });
      expect(r).toEqual({ running: true, live: ['agent'], config: ['agent'] });
      expect(live(RUN).channels.map((c) => c.targetName)).not.toContain(AGENT);
      const bare = { host: H, vm: BARE };
      const before = virsh('dumpxml', '--inactive', BARE);
      expect(await refusal(core.call('vms.setDevices', { ref: bare, agent: true, live: true }))).toBe('vm.change-failed');
      expect(virsh('dumpxml', '--inactive', BARE)).toBe(before);
      const b = await core.call('vms.setDevices', { ref: bare, agent: true });
      expect(b).toEqual({ running: true, live: [], config: ['agent'] });
      expect(live(BARE).channels.map((c) => c.targetName)).not.toContain(AGENT);
      expect(config(BARE).channels.map((c) => c.targetName)).toContain(AGENT);
      // libvirt gave the definition a virtio-serial controller for the channel: from the next boot it is there.
      virsh('destroy', BARE);
      virsh('start', BARE);
      expect(live(BARE).channels.map((c) => c.targetName)).toContain(AGENT);
    });

    it('the clipboard channel (qemu-vdagent, copy/paste on) is hot-plugged and shows in the view; off again', async () => {
      const r = await core.call('vms.setDevices', { ref: run, clipboard: true });
      expect(r).toEqual({ running: true, live: ['clipboard'], config: ['clipboard'] });
      const vdagent = (x: ReturnType<typeof live>) => x.channels.filter((c) => c.type === 'qemu-vdagent').map((c) => [c.targetName, c.clipboardCopyPaste, c.mouseMode]);
      expect(vdagent(live(RUN))).toEqual([['com.redhat.spice.0', true, 'client']]);
      expect(vdagent(config(RUN))).toEqual([['com.redhat.spice.0', true, 'client']]);
      const v = await core.call('vms.hardware', { ref: run });
      expect([v.live?.clipboard, v.config.clipboard]).toEqual([true, true]);
      expect(await core.call('vms.setDevices', { ref: run, clipboard: true })).toEqual({ running: true, live: [], config: [] });
      const o = await core.call('vms.setDevices', { ref: run, clipboard: false });
      expect(o).toEqual({ running: true, live: ['clipboard'], config: ['clipboard'] });
      expect([vdagent(live(RUN)), vdagent(config(RUN))]).toEqual([[], []]);
    });

    it('a NIC moved to another network live, then onto a host bridge', async () => {
      const r = await core.call('vms.moveNic', { ref: run, mac: MAC_RUN, network: NET2 });
      expect(r).toMatchObject({ running: true, live: ['nic-source'], config: ['nic-source'] });
      const liveNic = () => live(RUN).interfaces.find((n) => n.mac === MAC_RUN);
      expect(liveNic()?.sourceNetwork).toBe(NET2);
      expect(config(RUN).interfaces.find((n) => n.mac === MAC_RUN)?.sourceNetwork).toBe(NET2);
      const b = await core.call('vms.moveNic', { ref: run, mac: MAC_RUN, bridge: BR });
      expect(b.config).toEqual(['nic-source']);
      expect(config(RUN).interfaces.find((n) => n.mac === MAC_RUN)?.sourceBridge).toBe(BR);
      // Where libvirt reconnected it live, the running NIC is on the bridge now; else it waits for a restart.
      expect(liveNic()?.sourceBridge === BR).toBe(b.live.includes('nic-source'));
    });
  });

  describe('the CLI', () => {
    const cliHome = tempHome('vd-hwd-cli-');
    beforeAll(async () => {
      const r = await runCli(cliHome, hostAddArgs(tb, HOST, knownHostsCopy(tb, cliHome), H));
      expect(r.stderr).toBe('');
    });

    it('vm devices, vm boot --devices, vm nic set', async () => {
      const d = await runCli(cliHome, ['vm', 'devices', `${H}/${OFF}`, '--agent', 'on']);
      expect([d.code, d.stderr]).toEqual([0, `${H}/${OFF}: at the next start: guest agent channel\n`]);
      expect(config(OFF).channels.map((c) => c.targetName)).toEqual([AGENT]);
      const b = await runCli(cliHome, ['vm', 'boot', `${H}/${OFF}`, '--devices', `hdc,${MAC_OFF}`]);
      expect(b.code).toBe(0);
      expect(config(OFF).disks[0]?.bootOrder).toBe(1);
      const n = await runCli(cliHome, ['vm', 'nic', 'set', `${H}/${OFF}`, MAC_OFF, '--bridge', BR]);
      expect(n.code).toBe(0);
      expect(config(OFF).interfaces[0]?.sourceBridge).toBe(BR);
      const bad = await runCli(cliHome, ['vm', 'devices', `${H}/${RUN}`, '--serial', 'off', '--live']);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/serial.*definition only.*drop --live/);
    });
  });
});
