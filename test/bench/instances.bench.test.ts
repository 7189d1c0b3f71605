// Cloud-init instance benchmarks on test-bed host 2, with the real guest image (test/guest):
// (a) `virtdeck launch --wait` until the guest agent reports cloud-init done, vs the same guest made by hand
//     (virsh vol-create-as backing clone, vol-upload of the same kind of seed, define of an equivalent domain,
//     start, then the agent's cloud-init status --wait) — goal ≤ 1.2×;
// (b) `virtdeck image add` of the image file (upload + register) vs scp of the same file to the same host — goal ≥ 0.8×.
// Guests boot under TCG (minutes each); one guest at a time.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInstanceSeed } from '../../electron/core/cloudinit/index.js';
import { guestImage, guestImageUnavailable } from '../guest/guest-image.js';
import { agentAnswers, agentExec, quietVirsh, waitFor } from '../integration/guest/guest-agent.js';
import { hostAddArgs, knownHostsCopy, runCli, sh, tempHome, type CliResult } from '../integration/core/helpers.js';
import { runLong } from '../integration/instances/run-long.js';
import { testbed } from '../integration/testbed.js';
import { median, record, timeIt } from './report.js';

const tb = testbed();
const unavailable = guestImageUnavailable();
const HOST = 2;
const H = `h${HOST}`;
const P = `vdb${randomBytes(2).toString('hex')}`;
const NET = `${P}-net`;
const SUBNET = `10.79.${100 + (randomBytes(1)[0]! % 50)}`;
const UPLOAD_RUNS = 3;

describe.skipIf(!tb.available || !!unavailable)('instance benchmarks', () => {
  const home = tempHome('vd-bench-inst-');
  const virsh = (...args: string[]) => quietVirsh(tb)(HOST, ...args);
  const quiet = (...args: string[]) => {
    try {
      virsh(...args);
    } catch {
      /* not there */
    }
  };
  let image = '';
  let publicKey = '';
  const cli = async (args: string[], timeoutMs?: number): Promise<CliResult> => {
    const r = await (timeoutMs ? runLong(home, args, {}, timeoutMs) : runCli(home, args));
    expect(r.code, r.stderr).toBe(0);
    return r;
  };

  beforeAll(async () => {
    image = guestImage().qcow2;
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(home, 'id')]);
    publicKey = readFileSync(join(home, 'id.pub'), 'utf8').trim();
    const kh = knownHostsCopy(tb, home);
    await cli(hostAddArgs(tb, HOST, kh, H));
    await cli(['net', 'define', H, NET, '--mode', 'isolated', '--cidr', `${SUBNET}.1/24`, '--no-dhcp', '--start']);
    await cli(['net', 'ipam', 'set', `${H}/${NET}`, '--cidr', `${SUBNET}.0/24`, '--gateway', `${SUBNET}.1`, '--range', `${SUBNET}.10-${SUBNET}.50`]);
  }, 900_000);

  afterAll(() => {
    for (const d of virsh('list', '--all', '--name').split('\n').map((s) => s.trim()).filter((s) => s.startsWith(P))) {
      quiet('destroy', d);
      quiet('undefine', d, '--nvram');
    }
    const vols = virsh('vol-list', 'default').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((v) => v.startsWith(P));
    for (const v of vols.sort((a, b) => Number(a.includes('-img')) - Number(b.includes('-img')))) quiet('vol-delete', '--pool', 'default', v);
    quiet('net-destroy', NET);
    quiet('net-undefine', NET);
  });

  it('(b) image upload vs scp of the same file to the same host', async () => {
    const mib = statSync(image).size / 1048576;
    const ours: number[] = [];
    const scp: number[] = [];
    const target = `/var/lib/libvirt/images/${P}-scp.bin`;
    for (let r = 0; r < UPLOAD_RUNS; r++) {
      ours.push(await timeIt(() => cli(['image', 'add', H, image, '--name', `${P}-up${r}`])));
      await cli(['image', 'rm', `${H}/${P}-up${r}`, '--delete-volume']);
      scp.push(await timeIt(() => sh('scp', ['-q', '-i', tb.keyFile, '-o', `UserKnownHostsFile=${tb.knownHosts}`, '-P', String(tb.hosts[HOST - 1]!.sshPort), image, `root@127.0.0.1:${target}`])));
      spawnSync(join(tb.dir, 'bin', 'tbns'), [String(HOST), 'rm', '-f', target]);
    }
    const rate = (ms: number) => mib / (ms / 1000);
    record({
      bench: 'image upload', ours: 'virtdeck image add (process, upload+register)', oursValue: rate(median(ours)),
      baseline: 'scp (OpenSSH)', baselineValue: rate(median(scp)), unit: 'MiB/s', better: 'higher', goal: '≥ 0.8×',
      note: `${mib.toFixed(0)} MiB qcow2, median of ${UPLOAD_RUNS}; both include connection setup`,
    });
  }, 900_000);

  it('(a) launch → guest agent reports cloud-init done, vs a hand-made virsh define of the same guest', async () => {
    await cli(['image', 'add', H, image, '--name', `${P}-img`]);
    writeFileSync(join(home, 'key.pub'), `${publicKey}\n`);
    // ours
    const vm = `${P}-ours`;
    const oursMs = await timeIt(() =>
      cli(['launch', H, vm, '--image', `${P}-img`, '--flavor', 'small', '--network', NET, '--ssh-key', join(home, 'key.pub'), '--user', 'tester', '--virt-type', 'qemu', '--wait'], 1_200_000),
    );
    quiet('destroy', vm);
    await cli(['vm', 'delete', `${H}/${vm}`, '--with-storage']);

    // by hand: the same disk, an equivalent seed and domain, then the same readiness check through the agent
    const hand = `${P}-hand`;
    const mac = '52:54:00:79:00:60';
    const seed = buildInstanceSeed({
      hostname: hand, users: [{ name: 'tester', sshAuthorizedKeys: [publicKey], sudo: true }], sshPwauth: false, packages: [], runcmd: [],
      network: { mode: 'static', mac, address: `${SUBNET}.60/24`, gateway: `${SUBNET}.1`, dns: [], search: [] },
    });
    writeFileSync(join(home, 'seed.iso'), seed.iso);
    writeFileSync(join(home, 'hand.xml'), `<domain type='qemu'><name>${hand}</name><memory unit='MiB'>1024</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type><boot dev='hd'/></os><features><acpi/><apic/></features><clock offset='utc'/>
  <devices>
    <disk type='volume' device='disk'><driver name='qemu' type='qcow2'/><source pool='default' volume='${hand}.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='volume' device='cdrom'><driver name='qemu' type='raw'/><source pool='default' volume='${hand}-seed.iso'/><target dev='sda' bus='scsi'/><readonly/></disk>
    <controller type='scsi' model='virtio-scsi'/>
    <interface type='network'><source network='${NET}'/><mac address='${mac}'/><model type='virtio'/></interface>
    <serial type='pty'/><console type='pty'/>
    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
  </devices></domain>`);
    const base = virsh('vol-path', '--pool', 'default', `${P}-img.qcow2`);
    const handMs = await timeIt(async () => {
      virsh('vol-create-as', 'default', `${hand}.qcow2`, '10G', '--format', 'qcow2', '--backing-vol', base, '--backing-vol-format', 'qcow2');
      virsh('vol-create-as', 'default', `${hand}-seed.iso`, String(seed.iso.length), '--format', 'raw');
      virsh('vol-upload', '--pool', 'default', `${hand}-seed.iso`, join(home, 'seed.iso'));
      virsh('define', join(home, 'hand.xml'));
      virsh('start', hand);
      const hv = quietVirsh(tb);
      await waitFor('the guest agent', 1_000_000, () => agentAnswers(hv, HOST, hand));
      const status = await agentExec(hv, HOST, hand, ['cloud-init', 'status', '--wait'], 1_000_000);
      expect(status.stdout).toContain('status: done');
    });
    record({
      bench: 'launch → cloud-init done (agent)', ours: 'virtdeck launch --wait (process)', oursValue: oursMs / 1000,
      baseline: 'virsh vol-create/upload/define/start + agent', baselineValue: handMs / 1000, unit: 's', better: 'lower', goal: '≤ 1.2×',
      note: 'one run each under TCG on a shared 2-core machine: noisy',
    });
  }, 2_400_000);
});
