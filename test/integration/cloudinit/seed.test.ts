// The seed made in TypeScript, checked by the real thing: (a) the guest image's own cloud-init
// 22.4 validates the files read back out of our ISO; (b) a real Debian 12 guest booted from its
// own disk on a test-bed host, on a network without DHCP, takes hostname, static address, user,
// key and password hash from it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from '../../../shared/model/errors.js';
import {
  buildInstanceSeed, buildSeedIso, renderSeed, SeedValidationError, sha512Crypt, type InstanceSpec,
} from '../../../electron/core/cloudinit/index.js';
import { guestImage, guestImageUnavailable, type GuestImage } from '../../guest/guest-image.js';
import { testbed } from '../testbed.js';
import { agent, agentAnswers, agentExec, waitFor } from '../guest/guest-agent.js';
import { guestHost } from '../guest/guest-host.js';
import { bootGuest, defineGuest, defineIsolatedNetwork, guestShell, removeGuests, waitForAgent, withSerialTail } from '../guest/guest-setup.js';
import { hostAddArgs, knownHostsCopy, runCli, tempHome } from '../core/helpers.js';

const NAME = 'ci-vdk-seed1';
const NET = 'ci-vdk-net';
const POOL = 'ci-vdk-pool';
const HOST = 2;
const IP = '10.77.50.10';
const MAC = '52:54:00:77:50:10';
const PASSWORD = 'Passw0rd-vdk';

const work = mkdtempSync(join(tmpdir(), 'vd-seed-'));
spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'vdk-seed-test', '-f', join(work, 'id')]);
const publicKey = readFileSync(join(work, 'id.pub'), 'utf8').trim();
const passwordHash = sha512Crypt(PASSWORD);

const spec: InstanceSpec = {
  hostname: NAME,
  fqdn: `${NAME}.vdk.test`,
  users: [{ name: 'tester', sshAuthorizedKeys: [publicKey], passwordHash, sudo: true }],
  sshPwauth: true,
  packages: [],
  runcmd: [['sh', '-c', 'echo seeded > /var/lib/vdk-marker']],
  extraUserData: 'final_message: "VDK cloud-init done after $UPTIME s"\n',
  network: { mode: 'static', mac: MAC, address: `${IP}/24`, gateway: '10.77.50.1', dns: ['10.77.50.1'], search: ['vdk.test'] },
};
const seed = buildInstanceSeed(spec);
const isoFile = join(work, 'seed.iso');
writeFileSync(isoFile, seed.iso);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const unavailable = guestImageUnavailable();
const hasIsoinfo = spawnSync('isoinfo', ['-version']).status === 0;

/** A file as read back from the ISO by isoinfo (genisoimage), through its Joliet tree. */
function fromIso(name: string): string {
  const r = spawnSync('isoinfo', ['-J', '-x', `/${name}`, '-i', isoFile], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`isoinfo -x /${name}: ${r.stderr}`);
  return r.stdout;
}

describe.skipIf(!!unavailable || !hasIsoinfo)(`seed files pass the guest's own cloud-init ${unavailable ?? ''}`, () => {
  let image: GuestImage;
  let dir: string; // inside the rootfs
  const chroot = (...args: string[]) => spawnSync('chroot', [image.rootfs, ...args], { encoding: 'utf8' });

  beforeAll(() => {
    image = guestImage();
    dir = `/tmp/vdk-seed-${process.pid}`;
    mkdirSync(join(image.rootfs, dir), { recursive: true });
  }, 600_000);
  afterAll(() => rmSync(join(image.rootfs, dir), { recursive: true, force: true }));

  it('the files in the ISO are the generated ones', () => {
    expect(fromIso('user-data')).toBe(seed.files.userData);
    expect(fromIso('meta-data')).toBe(seed.files.metaData);
    expect(fromIso('network-config')).toBe(seed.files.networkConfig);
  });

  it('cloud-init schema accepts user-data from the ISO', () => {
    writeFileSync(join(image.rootfs, dir, 'user-data'), fromIso('user-data'));
    const r = chroot('cloud-init', 'schema', '--config-file', `${dir}/user-data`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Valid cloud-config: ${dir}/user-data`);
    expect(r.status).toBe(0);
  });

  it('cloud-init schema would catch a wrong type (the check can fail)', () => {
    writeFileSync(join(image.rootfs, dir, 'bad-user-data'), '#cloud-config\nruncmd: echo not-a-list\n');
    expect(chroot('cloud-init', 'schema', '--config-file', `${dir}/bad-user-data`).status).toBe(1);
  });

  it('cloud-init devel net-convert renders network-config from the ISO for ifupdown', () => {
    writeFileSync(join(image.rootfs, dir, 'network-config'), fromIso('network-config'));
    const r = chroot('cloud-init', 'devel', 'net-convert', '--network-data', `${dir}/network-config`, '--kind', 'yaml',
      '--output-kind', 'eni', '--distro', 'debian', '--directory', `${dir}/out`);
    expect(r.status, r.stderr).toBe(0);
    const eni = readFileSync(join(image.rootfs, dir, 'out/etc/network/interfaces.d/50-cloud-init'), 'utf8');
    expect(eni).toMatch(/iface eth0 inet static/);
    expect(eni).toContain(`address ${IP}/24`);
    expect(eni).toContain('gateway 10.77.50.1');
    expect(eni).toContain('dns-nameservers 10.77.50.1');
    const rules = readFileSync(join(image.rootfs, dir, 'out/etc/udev/rules.d/70-persistent-net.rules'), 'utf8');
    expect(rules).toContain(`ATTR{address}=="${MAC}", NAME="eth0"`);
  });

  it('routes: to: default is refused by our validator before an ISO exists, and by cloud-init 22.4', () => {
    const bad = { ...seed.files, networkConfig: seed.files.networkConfig!.replace(/gateway4: (\S+)/, 'routes:\n      - to: default\n        via: $1') };
    let written = false;
    try {
      writeFileSync(join(work, 'bad.iso'), buildSeedIso(bad));
      written = true;
    } catch (e) {
      expect(e).toBeInstanceOf(SeedValidationError);
      expect((e as SeedValidationError).issues).toContainEqual(expect.objectContaining({ problem: report('seed.net-route-default', {}) }));
    }
    expect(written).toBe(false);
    expect(() => statSync(join(work, 'bad.iso'))).toThrow();
    // ...and the real cloud-init agrees that it is broken
    writeFileSync(join(image.rootfs, dir, 'bad-network-config'), bad.networkConfig);
    const r = chroot('cloud-init', 'devel', 'net-convert', '--network-data', `${dir}/bad-network-config`, '--kind', 'yaml',
      '--output-kind', 'eni', '--distro', 'debian', '--directory', `${dir}/bad-out`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('Address default is not a valid ip address');
  });

  it('a spec with a gateway outside the CIDR creates nothing', () => {
    expect(() => renderSeed({ ...spec, network: { ...spec.network, gateway: '10.77.51.1' } as InstanceSpec['network'] })).toThrow(
      expect.objectContaining({ issues: [{ severity: 'error', path: 'network.gateway', problem: report('ip.outside', { ip: '10.77.51.1', cidr: '10.77.50.0/24' }) }] }),
    );
  });
});

const tb = testbed();
describe.skipIf(!!unavailable || !tb.available)(`a real guest boots with the seed on test-bed host ${HOST}`, () => {
  const h = guestHost(tb, HOST);
  const { virsh, hostVirsh } = h;
  const cleanup = () => removeGuests(h, { domains: [NAME], pool: POOL, network: NET });
  const timings: Record<string, number> = {};

  beforeAll(() => {
    cleanup(); // leftovers of an interrupted run
    defineIsolatedNetwork(h, { name: NET, bridge: 'civdk0', gateway: '10.77.50.1' });
    Object.assign(timings, defineGuest(h, { name: NAME, memoryMiB: 1024, pool: POOL, mac: MAC, nic: { network: NET }, seedIso: seed.iso }).timings);
  }, 900_000);

  afterAll(() => {
    console.log(`[cloudinit] ISO ${seed.iso.length} bytes; timings (s): ${JSON.stringify(timings)}`);
    cleanup();
  });

  it('boots, runs cloud-init to done, and takes hostname, static address, user and password hash', async () => {
    await withSerialTail(h, NAME, async () => {
      const t0 = Date.now();
      timings.agentS = await bootGuest(h, NAME);
      const status = await agentExec(hostVirsh, HOST, NAME, ['cloud-init', 'status', '--wait', '--long'], 400_000);
      timings.cloudInitDoneS = (Date.now() - t0) / 1000;
      expect(status.stdout).toContain('status: done');
      expect(status.stdout).toMatch(/detail:\s*\n?\s*DataSourceNoCloud \[seed=\/dev\/sr0\]/);
      expect(status.exitcode).toBe(0);

      const sh = guestShell(h, NAME);
      expect(await sh('hostname')).toBe(NAME);
      expect(await sh('hostname -f')).toBe(`${NAME}.vdk.test`);
      expect(await sh('ip -4 -o addr show eth0 | awk \'{print $4}\'')).toBe(`${IP}/24`);
      expect(await sh('ip route show default')).toMatch(/^default via 10\.77\.50\.1 dev eth0/);
      expect(await sh('getent shadow tester | cut -d: -f2')).toBe(passwordHash);
      expect(await sh('cat /home/tester/.ssh/authorized_keys')).toContain(publicKey);
      expect(await sh('cat /var/lib/vdk-marker')).toBe('seeded');
      expect(await sh('sudo -n -u tester sudo -n true && echo ok')).toBe('ok');
      expect(await sh('grep -cE "\\] [^ ]+ \\[(WARNING|ERROR)\\]" /var/log/cloud-init.log || true')).toBe('0');

      const ifaces = agent(hostVirsh, HOST, NAME, { execute: 'guest-network-get-interfaces' }) as {
        name: string; 'hardware-address'?: string; 'ip-addresses'?: { 'ip-address': string; prefix: number }[];
      }[];
      const eth0 = ifaces.find((i) => i['hardware-address'] === MAC);
      expect(eth0?.name).toBe('eth0');
      expect(eth0?.['ip-addresses']?.map((a) => `${a['ip-address']}/${a.prefix}`)).toContain(`${IP}/24`);
    });
  }, 900_000);

  // The core's lifecycle actions that need a real OS (ACPI): through the CLI, checked against virsh and the guest.
  it('graceful reboot and shutdown from the CLI reach the guest; its agent-reported IP shows in the inventory', async () => {
    const home = tempHome('vd-seed-cli-');
    const host = tb.hosts[HOST - 1]!;
    const add = await runCli(home, hostAddArgs(tb, HOST, knownHostsCopy(tb, home)));
    expect(add.code, add.stderr).toBe(0);
    const listed = JSON.parse((await runCli(home, ['vm', 'list', '--host', host.name, '--json'])).stdout) as Array<{ name: string; ips: string[]; state: string }>;
    expect(listed.find((v) => v.name === NAME)).toMatchObject({ state: 'running', ips: [`${IP}/24`] });

    const bootId = async () => (await agentExec(hostVirsh, HOST, NAME, ['cat', '/proc/sys/kernel/random/boot_id'])).stdout.trim();
    const before = await bootId();
    const reboot = await runCli(home, ['vm', 'reboot', `${host.name}/${NAME}`]);
    expect(reboot.code, reboot.stderr).toBe(0);
    await waitFor('the guest to go down', 300_000, () => !agentAnswers(hostVirsh, HOST, NAME));
    await waitForAgent(h, NAME, 'the guest agent after reboot');
    expect(await bootId()).not.toBe(before);
    expect(virsh('domstate', NAME)).toBe('running');

    const shutdown = await runCli(home, ['vm', 'shutdown', `${host.name}/${NAME}`, '--wait', '300']);
    // The command ends when the guest is off (it waits for the state, not just the request).
    expect(shutdown.code, shutdown.stderr).toBe(0);
    expect(virsh('domstate', NAME)).toBe('shut off');
    const after = JSON.parse((await runCli(home, ['vm', 'list', '--host', host.name, '--json'])).stdout) as Array<{ name: string; ips: string[]; state: string }>;
    // The VM is off: state from libvirt, the last known address kept from the inventory.
    expect(after.find((v) => v.name === NAME)).toMatchObject({ state: 'shutoff', ips: [`${IP}/24`] });
  }, 1_200_000);
});

