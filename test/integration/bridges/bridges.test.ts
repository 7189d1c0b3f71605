// Host bridges through the core on test-bed host 3, never on this machine's interfaces: a veth pair joins a
// private peer network namespace (10.199.3.1) to host 3's NIC vdkn0 (10.199.3.3, managed by ifupdown with a
// private /etc/network bind-mounted into host 3's mount namespace). A bridge (vdkbr0) is created on vdkn0 with the safe apply;
// an unconfirmed change rolls back by itself; a real guest on it answers pings from the peer namespace.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { buildInstanceSeed } from '../../../electron/core/cloudinit/index.js';
import { guestImage, guestImageUnavailable } from '../../guest/guest-image.js';
import { agentAnswers, agentExec, quietVirsh, waitFor } from '../cloudinit/guest-agent.js';
import { knownHostsCopy, tempHome } from '../core/helpers.js';
import { testbed } from '../testbed.js';

const HOST = 3;
const NIC = 'vdkn0';
const GUEST = 'vdk-br-g1';
const POOL = 'vdk-br-pool';
const POOL_DIR = `/var/lib/libvirt/images/${POOL}`;
const GUEST_IP = '10.199.3.20';
const BR = 'vdkbr0';
const tb = testbed();
const hasTools = ['unshare', 'nsenter', 'ping'].every((c) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', c]).status === 0) &&
  spawnSync('sh', ['-c', 'command -v ifup || test -x /usr/sbin/ifup']).status === 0;
const unavailable = guestImageUnavailable() ?? (hasTools ? undefined : 'needs unshare, nsenter, ping and ifupdown + bridge-utils (apt-get install ifupdown bridge-utils iputils-ping)');

describe.skipIf(!!unavailable || !tb.available)(`host bridges on test-bed host ${HOST} ${unavailable ?? ''}`, () => {
  const work = mkdtempSync(join(tmpdir(), 'vd-br-'));
  const etcNet = join(work, 'etc-network');
  const home = tempHome('vd-br-home-');
  const hostVirsh = quietVirsh(tb);
  const virsh = (...args: string[]) => hostVirsh(HOST, ...args);
  const quiet = (...args: string[]) => {
    try {
      virsh(...args);
    } catch {
      // cleanup of something that is not there
    }
  };
  const h3 = (...argv: string[]) => spawnSync(join(tb.dir, 'bin', 'tbns'), [String(HOST), ...argv], { encoding: 'utf8' });
  let peer: ChildProcess;
  const inPeer = (...argv: string[]) => spawnSync('nsenter', [`--net=/proc/${peer.pid}/ns/net`, ...argv], { encoding: 'utf8' });
  const pingFromPeer = (ip: string) => inPeer('ping', '-c', '1', '-W', '2', ip).status === 0;
  const eni = () => readFileSync(join(etcNet, 'interfaces'), 'utf8');
  const addrOf = (dev: string) => h3('ip', '-br', '-4', 'addr', 'show', 'dev', dev).stdout;
  const until = async (what: string, ms: number, check: () => Promise<boolean>) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const stopPendingChanges = () =>
    h3('sh', '-c', 'for d in /run/virtdeck/bridge-txn/*; do case "$(cat "$d/state" 2>/dev/null)" in applying|applied) kill "$(cat "$d/pid")" 2>/dev/null;; esac; done; rm -rf /run/virtdeck/bridge-txn');
  let original = '';
  let core: Core;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    const h3init = readFileSync(join(tb.dir, 'state', `h${HOST}.init`), 'utf8').trim();
    peer = spawn('unshare', ['--net', 'sleep', '3600'], { stdio: 'ignore', detached: true });
    await new Promise((r) => setTimeout(r, 300));
    stopPendingChanges(); // leftovers of an interrupted run
    h3('sh', '-c', `ip link del ${NIC} 2>/dev/null; ip link del ${BR} 2>/dev/null; rm -f /run/network/ifstate.${BR} /run/network/ifstate.${NIC}`);
    const setup = inPeer('sh', '-ec', `ip link set lo up; ip link add vdkp0 type veth peer name ${NIC} netns ${h3init}; ip addr add 10.199.3.1/24 dev vdkp0; ip link set vdkp0 up`);
    expect(setup.status, setup.stderr).toBe(0);
    // A private /etc/network for host 3 only: a copy of this machine's, plus the test NIC.
    cpSync('/etc/network', etcNet, { recursive: true });
    writeFileSync(join(etcNet, 'interfaces'), `${readFileSync('/etc/network/interfaces', 'utf8').trimEnd()}\n\nauto ${NIC}\niface ${NIC} inet static\n    address 10.199.3.3/24\n`);
    original = eni();
    const mount = h3('sh', '-ec', `mount --bind "$1" /etc/network; mkdir -p /run/network; ifup ${NIC}`, 'sh', etcNet);
    expect(mount.status, mount.stderr).toBe(0);
    expect(pingFromPeer('10.199.3.3')).toBe(true);

    core = await createCore({ home, autoConnect: false });
    const h = tb.hosts[HOST - 1]!;
    await core.handlers['hosts.add']({
      config: { name: h.name, transport: 'ssh', ssh: { host: h.sshHost, port: h.sshPort, user: 'root', identityFile: tb.keyFile }, uri: 'qemu:///system', knownHostsFile: knownHostsCopy(tb, home) },
    });
  }, 120_000);

  afterAll(async () => {
    console.log(`[bridges] timings (s): ${JSON.stringify(timings)}`);
    quiet('destroy', GUEST);
    quiet('undefine', GUEST);
    quiet('pool-destroy', POOL);
    h3('rm', '-rf', POOL_DIR);
    quiet('pool-undefine', POOL);
    // A change still waiting for its deadline would restore into /etc/network after the private mount is gone:
    // stop every runner first (each wrote its pid; host 3's /run is its own).
    stopPendingChanges();
    await core?.close();
    h3('sh', '-c', `ifdown ${BR} 2>/dev/null; ifdown ${NIC} 2>/dev/null; ip link del ${BR} 2>/dev/null; ip link del ${NIC}; umount /etc/network`);
    if (peer?.pid) process.kill(peer.pid);
    rmSync(work, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }, 120_000);

  it('detects ifupdown and the NICs; the SSH session arrives on lo here', async () => {
    const net = await core.handlers['bridges.detect']({ host: 'h3' });
    expect(net.stack).toBe('ifupdown');
    expect(net.sshServerAddress).toBe('127.0.0.1');
    expect(net.nics.find((n) => n.name === NIC)).toMatchObject({ kind: 'veth', state: 'up', master: null, carriesSsh: false, addresses: expect.arrayContaining(['10.199.3.3/24']) });
    expect(net.nics.find((n) => n.name === 'lo')?.carriesSsh).toBe(true);
    expect(readFileSync('/etc/network/interfaces', 'utf8')).not.toContain(NIC); // this machine's file is untouched
  });

  it('bad input: a NIC that does not exist, a loopback, a bad VLAN → clear error, nothing changed', async () => {
    await expect(core.handlers['bridges.create']({ host: 'h3', spec: { nic: 'nope0' } })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/^no NIC "nope0" on h3 \(it has .*vdkn0.*\); nothing was changed$/),
    });
    await expect(core.handlers['bridges.create']({ host: 'h3', spec: { nic: 'lo' } })).rejects.toThrow('lo on h3 is a loopback, not a NIC to bridge');
    await expect(core.bridges.create('h3', { nic: NIC, vlan: 5000 })).rejects.toThrow('VLAN id must be 1-4094, got 5000');
    await expect(core.bridges.create('h3', { nic: 'a;reboot' })).rejects.toThrow('is not a valid interface name');
    expect(eni()).toBe(original);
    expect(h3('ip', 'link', 'show', BR).status).not.toBe(0);
  });

  it('a change that is never confirmed rolls back by itself; the host stays reachable', async () => {
    const t0 = Date.now();
    const txn = await core.handlers['bridges.create']({ host: 'h3', spec: { nic: NIC, name: BR, rollbackSeconds: 6 } });
    timings.apply = (Date.now() - t0) / 1000;
    expect(txn).toMatchObject({ state: 'applied', bridge: BR, nic: NIC, action: 'create' });
    expect(addrOf(BR)).toContain('10.199.3.3/24');
    expect(eni()).toContain(`iface ${BR} inet static`);
    expect(pingFromPeer('10.199.3.3')).toBe(true);
    await until('rollback', 20_000, async () => (await core.bridges.status('h3', txn.id)).state === 'rolled-back');
    timings.rollbackAfterApply = (Date.now() - t0) / 1000;
    expect(h3('ip', 'link', 'show', BR).status).not.toBe(0);
    expect(addrOf(NIC)).toContain('10.199.3.3/24');
    expect(eni()).toBe(original);
    expect(pingFromPeer('10.199.3.3')).toBe(true);
    expect((await core.handlers['bridges.detect']({ host: 'h3' })).stack).toBe('ifupdown'); // still reachable
    const log = (await core.bridges.status('h3', txn.id)).log;
    expect(log).toContain('rolling back: not confirmed within 6 s');
  }, 60_000);

  it('create + confirm keeps the bridge past the deadline; a real guest on it answers pings from the peer namespace', async () => {
    const txn = await core.handlers['bridges.create']({ host: 'h3', spec: { nic: NIC, name: BR, rollbackSeconds: 6 } });
    const confirmed = await core.handlers['bridges.confirm']({ host: 'h3', id: txn.id });
    expect(confirmed.state).toBe('confirmed');
    await new Promise((r) => setTimeout(r, 8000));
    expect((await core.bridges.status('h3', txn.id)).state).toBe('confirmed');
    expect(addrOf(BR)).toContain('10.199.3.3/24');
    expect(h3('ip', '-br', 'link', 'show', 'master', BR).stdout).toContain(NIC);
    expect(await core.handlers['bridges.list']({ host: 'h3' })).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: BR, ports: [NIC], addresses: expect.arrayContaining(['10.199.3.3/24']) })]),
    );

    // A real guest with a NIC of type bridge on the bridge, static 10.199.3.20 from a seed.
    const image = guestImage();
    const seed = buildInstanceSeed({
      hostname: GUEST, users: [], sshPwauth: false, packages: [], runcmd: [],
      network: { mode: 'static', mac: '52:54:00:19:93:20', address: `${GUEST_IP}/24`, gateway: '10.199.3.1', dns: [], search: [] },
    });
    writeFileSync(join(work, 'seed.iso'), seed.iso);
    virsh('pool-define-as', POOL, 'dir', '--target', POOL_DIR);
    virsh('pool-build', POOL);
    virsh('pool-start', POOL);
    virsh('vol-create-as', POOL, 'base.qcow2', String(statSync(image.qcow2).size), '--format', 'raw');
    virsh('vol-upload', '--pool', POOL, 'base.qcow2', image.qcow2);
    virsh('vol-create-as', POOL, 'disk.qcow2', '4G', '--format', 'qcow2', '--backing-vol', `${POOL_DIR}/base.qcow2`, '--backing-vol-format', 'qcow2');
    virsh('vol-create-as', POOL, 'seed.iso', String(seed.iso.length), '--format', 'raw');
    virsh('vol-upload', '--pool', POOL, 'seed.iso', join(work, 'seed.iso'));
    writeFileSync(join(work, 'guest.xml'), `<domain type='qemu'><name>${GUEST}</name><memory unit='MiB'>768</memory><vcpu>2</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type><boot dev='hd'/></os><features><acpi/><apic/></features>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${POOL_DIR}/disk.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='${POOL_DIR}/seed.iso'/><target dev='sda' bus='scsi'/><readonly/></disk>
    <controller type='scsi' model='virtio-scsi'/>
    <interface type='bridge'><source bridge='${BR}'/><mac address='52:54:00:19:93:20'/><model type='virtio'/></interface>
    <serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>
    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng><memballoon model='none'/>
  </devices></domain>`);
    virsh('define', join(work, 'guest.xml'));
    const t0 = Date.now();
    virsh('start', GUEST);
    await waitFor('the guest agent', 400_000, () => agentAnswers(hostVirsh, HOST, GUEST));
    timings.guestBoot = (Date.now() - t0) / 1000;
    await waitFor(`ping ${GUEST_IP} from the peer namespace`, 60_000, () => pingFromPeer(GUEST_IP));
    const addr = await agentExec(hostVirsh, HOST, GUEST, ['/bin/sh', '-c', 'ip -4 -o addr show eth0']);
    expect(addr.stdout).toContain(`${GUEST_IP}/24`);
    expect(h3('ip', '-br', 'link', 'show', 'master', BR).stdout).toMatch(/vnet\d+/);
  }, 600_000);

  it('deleting the bridge is refused while a VM is attached, then gives the NIC its address back', async () => {
    await expect(core.handlers['bridges.delete']({ host: 'h3', name: BR })).rejects.toThrow(/still has ports vnet\d+ \(VM interfaces\?\); detach them first/);
    virsh('destroy', GUEST);
    const txn = await core.handlers['bridges.delete']({ host: 'h3', name: BR, rollbackSeconds: 30 });
    expect(txn.state).toBe('applied');
    expect((await core.handlers['bridges.confirm']({ host: 'h3', id: txn.id })).state).toBe('confirmed');
    expect(h3('ip', 'link', 'show', BR).status).not.toBe(0);
    expect(addrOf(NIC)).toContain('10.199.3.3/24');
    expect(eni()).toBe(original);
    expect(pingFromPeer('10.199.3.3')).toBe(true);
  }, 120_000);
});
