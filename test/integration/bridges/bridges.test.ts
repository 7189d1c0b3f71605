// Host bridges through the core on test-bed host 3, never on this machine's interfaces: a veth pair joins a
// private peer network namespace (10.199.3.1) to host 3's NIC vdkn0 (10.199.3.3, managed by ifupdown with a
// private /etc/network bind-mounted into host 3's mount namespace). A bridge (vdkbr0) is created on vdkn0 with the safe apply;
// an unconfirmed change rolls back by itself; two real guests on it reach each other and answer pings from the peer namespace.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreError } from '../../fixtures/core-error.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import { buildInstanceSeed } from '../../../electron/core/cloudinit/index.js';
import { guestImageUnavailable } from '../../guest/guest-image.js';
import { waitFor } from '../guest/guest-agent.js';
import { guestHost } from '../guest/guest-host.js';
import { bootGuest, defineGuest, guestShell, removeGuests } from '../guest/guest-setup.js';
import { knownHostsCopy, sshHostConfig, tempHome } from '../core/helpers.js';
import { testbed } from '../testbed.js';

const HOST = 3;
const NIC = 'vdkn0';
const GUEST = 'vdk-br-g1';
const POOL = 'vdk-br-pool';
const GUEST_IP = '10.199.3.20';
const GUEST_MAC = '52:54:00:19:93:20';
const GUEST2 = 'vdk-br-g2';
const POOL2 = 'vdk-br-pool2';
const GUEST2_IP = '10.199.3.21';
const GUEST2_MAC = '52:54:00:19:93:21';
const BR = 'vdkbr0';
const tb = testbed();
const hasTools = ['unshare', 'nsenter', 'ping'].every((c) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', c]).status === 0) &&
  spawnSync('sh', ['-c', 'command -v ifup || test -x /usr/sbin/ifup']).status === 0;
const unavailable = guestImageUnavailable() ?? (hasTools ? undefined : 'needs unshare, nsenter, ping and ifupdown + bridge-utils (apt-get install ifupdown bridge-utils iputils-ping)');

describe.skipIf(!!unavailable || !tb.available)(`host bridges on test-bed host ${HOST} ${unavailable ?? ''}`, () => {
  const work = mkdtempSync(join(tmpdir(), 'vd-br-'));
  const etcNet = join(work, 'etc-network');
  const home = tempHome('vd-br-home-');
  const host = guestHost(tb, HOST);
  const { virsh, inHost: h3 } = host;
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
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, knownHostsCopy(tb, home)) });
  }, 120_000);

  afterAll(async () => {
    console.log(`[bridges] timings (s): ${JSON.stringify(timings)}`);
    removeGuests(host, { domains: [GUEST], pool: POOL });
    removeGuests(host, { domains: [GUEST2], pool: POOL2 });
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
    const net = await core.call('bridges.detect', { host: 'h3' });
    expect(net.stack).toBe('ifupdown');
    expect(net.sshServerAddress).toBe('127.0.0.1');
    expect(net.nics.find((n) => n.name === NIC)).toMatchObject({ kind: 'veth', state: 'up', master: null, carriesSsh: false, addresses: expect.arrayContaining(['10.199.3.3/24']) });
    expect(net.nics.find((n) => n.name === 'lo')?.carriesSsh).toBe(true);
    expect(readFileSync('/etc/network/interfaces', 'utf8')).not.toContain(NIC); // this machine's file is untouched
  });

  it('bad input: a NIC that does not exist, a loopback, a bad VLAN → clear error, nothing changed', async () => {
    await expect(core.call('bridges.create', { host: 'h3', spec: { nic: 'nope0' } })).rejects.toMatchObject({
      code: 'bridge.nic-not-found',
      params: { host: 'h3', nic: 'nope0', nics: expect.arrayContaining(['lo', NIC]) },
    });
    await expect(core.call('bridges.create', { host: 'h3', spec: { nic: 'lo' } })).rejects.toThrow(coreError('bridge.nic-kind', { host: 'h3', nic: 'lo', kind: 'loopback' }));
    await expect(core.bridges.create('h3', { nic: NIC, vlan: 5000 })).rejects.toThrow(coreError('bridge.vlan-range', { value: 5000 }));
    await expect(core.bridges.create('h3', { nic: 'a;reboot' })).rejects.toThrow(coreError('iface.bad-name', { name: 'a;reboot' }));
    expect(eni()).toBe(original);
    expect(h3('ip', 'link', 'show', BR).status).not.toBe(0);
  });

  it('a change that is never confirmed rolls back by itself; the host stays reachable', async () => {
    const t0 = Date.now();
    const txn = await core.call('bridges.create', { host: 'h3', spec: { nic: NIC, name: BR, rollbackSeconds: 6 } });
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
    expect((await core.call('bridges.detect', { host: 'h3' })).stack).toBe('ifupdown'); // still reachable
    const log = (await core.bridges.status('h3', txn.id)).log;
    expect(log).toContain('rolling back: not confirmed within 6 s');
  }, 60_000);

  it('create + confirm keeps the bridge past the deadline; two real guests on it reach each other and answer the peer namespace', async () => {
    const txn = await core.call('bridges.create', { host: 'h3', spec: { nic: NIC, name: BR, rollbackSeconds: 6 } });
    const confirmed = await core.call('bridges.confirm', { host: 'h3', id: txn.id });
    expect(confirmed.state).toBe('confirmed');
    await new Promise((r) => setTimeout(r, 8000));
    expect((await core.bridges.status('h3', txn.id)).state).toBe('confirmed');
    expect(addrOf(BR)).toContain('10.199.3.3/24');
    expect(h3('ip', '-br', 'link', 'show', 'master', BR).stdout).toContain(NIC);
    expect(await core.call('bridges.list', { host: 'h3' })).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: BR, ports: [NIC], addresses: expect.arrayContaining(['10.199.3.3/24']) })]),
    );

    // Two real guests with a NIC of type bridge on the bridge, static addresses from their seeds.
    const guests = [
      { name: GUEST, pool: POOL, ip: GUEST_IP, mac: GUEST_MAC },
      { name: GUEST2, pool: POOL2, ip: GUEST2_IP, mac: GUEST2_MAC },
    ];
    for (const g of guests) {
      const seed = buildInstanceSeed({
        hostname: g.name, users: [], sshPwauth: false, packages: [], runcmd: [],
        network: { mode: 'static', mac: g.mac, address: `${g.ip}/24`, gateway: '10.199.3.1', dns: [], search: [] },
      });
      defineGuest(host, { name: g.name, memoryMiB: 768, pool: g.pool, mac: g.mac, nic: { bridge: BR }, seedIso: seed.iso });
    }
    const boots = await Promise.all(guests.map((g) => bootGuest(host, g.name)));
    timings.guestBoot = Math.max(...boots);
    await waitFor(`ping ${GUEST_IP} from the peer namespace`, 60_000, () => pingFromPeer(GUEST_IP));
    expect(await guestShell(host, GUEST)('ip -4 -o addr show eth0')).toContain(`${GUEST_IP}/24`);
    // VM to VM across the bridge: the image has no ping, so open a TCP connection to the other guest's sshd.
    const reach = async (from: string, ip: string) =>
      (await guestShell(host, from)(`bash -c 'exec 3<>/dev/tcp/${ip}/22 && head -c 7 <&3' 2>&1 || true`)) === 'SSH-2.0';
    let seen = false;
    await until(`${GUEST} → ${GUEST2_IP}:22 and back`, 120_000, async () => (seen = (await reach(GUEST, GUEST2_IP)) && (await reach(GUEST2, GUEST_IP))));
    expect(seen).toBe(true);
    expect(h3('ip', '-br', 'link', 'show', 'master', BR).stdout.match(/vnet\d+/g)?.length).toBe(2);
  }, 600_000);

  it('deleting the bridge is refused while a VM is attached, then gives the NIC its address back', async () => {
    await expect(core.call('bridges.delete', { host: 'h3', name: BR })).rejects.toMatchObject({
      code: 'bridge.has-ports',
      params: { host: 'h3', name: BR, ports: expect.arrayContaining([expect.stringMatching(/^vnet\d+$/)]) },
    });
    virsh('destroy', GUEST);
    virsh('destroy', GUEST2);
    const txn = await core.call('bridges.delete', { host: 'h3', name: BR, rollbackSeconds: 30 });
    expect(txn.state).toBe('applied');
    expect((await core.call('bridges.confirm', { host: 'h3', id: txn.id })).state).toBe('confirmed');
    expect(h3('ip', 'link', 'show', BR).status).not.toBe(0);
    expect(addrOf(NIC)).toContain('10.199.3.3/24');
    expect(eni()).toBe(original);
    expect(pingFromPeer('10.199.3.3')).toBe(true);
  }, 120_000);
});
