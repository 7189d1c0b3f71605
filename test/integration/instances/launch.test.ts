// `virtdeck launch` end to end with the REAL cloud-init guest (test/guest) on test-bed host 2: the image is
// registered by upload (SHA-256 checked) and by the host downloading it over HTTP, a network without DHCP gets
// IPAM, and the launched VM's hostname, static address, SSH key and password logins (the password typed to the CLI,
// which sends only its SHA-512 crypt hash) are checked over SSH through the host. Bad input is refused with a
// precise message and creates nothing; a failure injected after the clone step leaves nothing behind; deleting the
// VM frees its address and its seed. A template made of the running instance launches three times (`--count 3`,
// placed by `auto` over h2 and h3, the template copied to h3 first) as three new machines (own hostname, machine-id,
// SSH host key).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshConnection } from '../../../electron/ssh/connection.js';
import { guestImage, guestImageUnavailable } from '../../guest/guest-image.js';
import { agentExec } from '../guest/guest-agent.js';
import { parseYaml } from '../../../electron/core/cloudinit/yaml-doc.js';
import { readIso9660Files } from '../../../electron/core/cloudinit/iso9660-read.js';
import { guestHost, type GuestHost } from '../guest/guest-host.js';
import { guestShell, waitForAgent } from '../guest/guest-setup.js';
import { hostAddArgs, knownHostsCopy, runCli, tempHome } from '../core/helpers.js';
import { runLong } from './run-long.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const unavailable = guestImageUnavailable();
const HOST = 2;
const H = `h${HOST}`;
const H3 = 'h3';
const P = `vdi${randomBytes(2).toString('hex')}`;
const IMG = `${P}-img`;
const NET = `${P}-net`;
const NET2 = `${P}-net2`;
const VM = `${P}-vm`;
const SUBNET = `10.79.${40 + (randomBytes(1)[0]! % 50)}`;
const SUBNET2 = `10.79.${100 + (randomBytes(1)[0]! % 50)}`;
const PASSWORD = 'Passw0rd-vdi';
const HTTP_PORT = 18_000 + (randomBytes(1)[0]! % 200);

describe.skipIf(!tb.available || !!unavailable)(`launch a real cloud-init guest on ${H} ${unavailable ?? ''}`, () => {
  const home = tempHome('vd-inst-');
  const keyFile = join(home, 'id');
  let publicKey = '';
  let imageFile = '';
  let hostSsh: SshConnection;
  let http: ChildProcess | null = null;
  const gh = guestHost(tb, HOST);
  const gh3 = guestHost(tb, 3);
  const { virsh, quiet } = gh;
  const volumes = () => virsh('vol-list', 'default').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((v) => v.startsWith(P));
  const domains = () => virsh('list', '--all', '--name').split('\n').map((l) => l.trim()).filter((d) => d.startsWith(P));
  const reservations = async () => {
    const r = await runCli(home, ['net', 'ipam', 'show', `${H}/${NET}`, '--json']);
    const view = JSON.parse(r.stdout) as { addresses: Array<{ ip: string; state: string; holders: Array<{ holder: string; source: string }> }> };
    return view.addresses.filter((a) => a.state === 'used');
  };
  const launchArgs = (name: string, extra: string[], image = IMG, host = H) => [
    'launch', host, name, '--image', image, '--network', NET, '--ssh-key', `${keyFile}.pub`, '--user', 'tester', '--virt-type', 'qemu', ...extra,
  ];

  /** Removes this file's domains, volumes (clones before the images they are built on: the registered image and
   *  the template) and networks from one host. */
  const cleanHost = (g: GuestHost, networks: readonly string[]) => {
    for (const d of g.virsh('list', '--all', '--name').split('\n').map((l) => l.trim()).filter((n) => n.startsWith(P))) {
      g.quiet('destroy', d);
      g.quiet('undefine', d, '--nvram');
    }
    const isBase = (v: string) => Number(v.startsWith(IMG) || v.startsWith(`${P}-tpl`));
    const own = g.virsh('vol-list', 'default').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((v) => v.startsWith(P));
    for (const v of own.sort((a, b) => isBase(a) - isBase(b))) g.quiet('vol-delete', '--pool', 'default', v);
    for (const n of networks) {
      g.quiet('net-destroy', n);
      g.quiet('net-undefine', n);
    }
  };
  // h3: what the template's --count launch put there
  const cleanup = () => {
    cleanHost(gh, [NET, NET2]);
    cleanHost(gh3, [NET]);
  };

  beforeAll(async () => {
    imageFile = guestImage().qcow2;
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'vdi-test', '-f', keyFile]);
    publicKey = readFileSync(`${keyFile}.pub`, 'utf8').trim();
    const kh = knownHostsCopy(tb, home);
    const added = await runCli(home, hostAddArgs(tb, HOST, kh, H));
    expect(added.code, added.stderr).toBe(0);
    hostSsh = new SshConnection({
      host: '127.0.0.1', port: tb.hosts[HOST - 1]!.sshPort, user: 'root', identityFiles: [tb.keyFile], identitiesOnly: true,
      configFile: null, knownHostsFile: kh, onUnknownHostKey: async () => false,
    });
    const net = await runCli(home, ['net', 'define', H, NET, '--mode', 'isolated', '--cidr', `${SUBNET}.1/24`, '--no-dhcp', '--start']);
    expect(net.code, net.stderr).toBe(0);
  }, 900_000);

  afterAll(() => {
    http?.kill();
    hostSsh?.close();
    cleanup();
    rmSync(home, { recursive: true, force: true });
  });

  it('registers the image by upload with its SHA-256; a wrong checksum keeps nothing', async () => {
    const sum = createHash('sha256').update(readFileSync(imageFile)).digest('hex');
    const bad = await runCli(home, ['image', 'add', H, imageFile, '--name', `${P}-bad`, '--sha256', '0'.repeat(64)]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`SHA-256 mismatch for ${imageFile}: expected ${'0'.repeat(64)}, got ${sum}; the copy was deleted`);
    expect(volumes()).toEqual([]);

    const r = await runCli(home, ['image', 'add', H, imageFile, '--name', IMG, '--sha256', sum, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const img = JSON.parse(r.stdout) as { format: string; virtualSize: number; sizeOnDisk: number; sha256: string };
    expect(img.format).toBe('qcow2');
    expect(img.sha256).toBe(sum);
    expect(img.virtualSize).toBeGreaterThan(img.sizeOnDisk);
    const list = JSON.parse((await runCli(home, ['image', 'list', '--host', H, '--json'])).stdout) as Array<{ name: string }>;
    expect(list.map((i) => i.name)).toEqual([IMG]);
  }, 300_000);

  it('registers an image the host downloads over HTTP (progress, sha256sum on the host)', async () => {
    // A tiny HTTP server inside the host's network namespace serves the image on its loopback.
    const server = `const http=require('http'),fs=require('fs');const [file,port]=process.argv.slice(1);
      http.createServer((q,s)=>{const st=fs.statSync(file);s.writeHead(200,{'content-length':st.size});if(q.method==='HEAD')return s.end();fs.createReadStream(file).pipe(s);})
      .listen(+port,'127.0.0.1',()=>console.log('up'));process.stdin.on('end',()=>process.exit(0));process.stdin.resume();`;
    http = spawn(join(tb.dir, 'bin', 'tbns'), [String(HOST), process.execPath, '-e', server, imageFile, String(HTTP_PORT)], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => http!.stdout!.once('data', () => resolve()));
    const sum = createHash('sha256').update(readFileSync(imageFile)).digest('hex');
    const url = `http://127.0.0.1:${HTTP_PORT}/debian-12-vdk.qcow2`;
    const r = await runCli(home, ['image', 'add', H, url, '--name', `${P}-dl`, '--sha256', sum, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\[download\] succeeded/);
    expect(r.stderr).toMatch(/100% downloaded/);
    const img = JSON.parse(r.stdout) as { format: string; sha256: string; source: string };
    expect(img).toMatchObject({ format: 'qcow2', sha256: sum, source: `url ${url}` });
    const missing = await runCli(home, ['image', 'add', H, `http://127.0.0.1:${HTTP_PORT + 1}/x.qcow2`, '--name', `${P}-nope`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(new RegExp(`downloading http:.* on ${H} failed`));
    expect(volumes().filter((v) => v.includes('nope') || v.endsWith('.part'))).toEqual([]);
    http.stdin!.end();
    http = null;
  }, 300_000);

  it('IPAM: a gateway outside the CIDR is refused; the config is stored', async () => {
    const bad = await runCli(home, ['net', 'ipam', 'set', `${H}/${NET}`, '--cidr', `${SUBNET}.0/24`, '--gateway', '10.99.0.1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`gateway: 10.99.0.1 is outside ${SUBNET}.0/24`);
    const none = await runCli(home, ['net', 'ipam', 'show', `${H}/${NET}`]);
    expect(none.stderr).toContain('has no IPAM config');
    const ok = await runCli(home, ['net', 'ipam', 'set', `${H}/${NET}`, '--cidr', `${SUBNET}.0/24`, '--gateway', `${SUBNET}.1`, '--dns', `${SUBNET}.1`, '--search', 'vdk.test', '--range', `${SUBNET}.10-${SUBNET}.50`]);
    expect(ok.code, ok.stderr).toBe(0);
  });

  const badCases: Array<[string, string[], string, string?]> = [
    ['address outside the CIDR', ['--flavor', 'small', '--ip', '10.98.0.5'], `ip: 10.98.0.5 is outside ${SUBNET}.0/24`],
    ['image missing on the host', ['--flavor', 'small'], `image: image "no-such-image" is not registered on host ${H}`, 'no-such-image'],
    ['unknown flavor', ['--flavor', 'huge'], 'flavor: unknown flavor "huge" (known: tiny, small, medium, large, xlarge;'],
    ['not enough free memory', ['--cpus', '1', '--memory', '4T', '--disk', '10G'], `memory: not enough free memory on ${H}: the VM needs 4 TiB, the host has`],
    ['not enough free disk', ['--cpus', '1', '--memory', '512M', '--disk', '100T'], `disk: not enough free disk in pool "default" on ${H}: the disk needs 100 TiB, the pool has`],
  ];
  for (const [what, extra, message, image] of badCases) {
    it(`refuses: ${what} — precise error, nothing created`, async () => {
      const r = await runCli(home, launchArgs(`${P}-bad`, extra, image));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(message);
      expect(domains()).toEqual([]);
      expect(volumes().filter((v) => v.startsWith(`${P}-bad`))).toEqual([]);
      expect(await reservations()).toEqual([]);
    });
  }

  it('refuses invalid extra user-data YAML with its position', async () => {
    writeFileSync(join(home, 'bad.yaml'), 'packages:\n  - curl\nruncmd: [\n');
    const r = await runCli(home, [...launchArgs(`${P}-bad`, ['--flavor', 'small']), '--user-data', join(home, 'bad.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/extraUserData:\d+:\d+: invalid YAML: /);
    expect(domains()).toEqual([]);
    expect(volumes().filter((v) => v.startsWith(`${P}-bad`))).toEqual([]);
  });

  it('a failure injected after the clone step rolls everything back', async () => {
    const r = await runLong(home, launchArgs(`${P}-inj`, ['--flavor', 'small']), { VIRTDECK_TEST_FAIL_AFTER: 'clone' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[clone] succeeded');
    expect(r.stderr).toContain(`launch of ${P}-inj on ${H} failed: failure injected after step "clone"; rolled back: default/${P}-inj.qcow2, ${SUBNET}.10`);
    expect(volumes().filter((v) => v.startsWith(`${P}-inj`))).toEqual([]);
    expect(domains()).toEqual([]);
    expect(await reservations()).toEqual([]);
  });

  let ip = '';
  it('launches with a static IP (no DHCP) and waits for cloud-init via the guest agent; a typed password goes only as its hash', async () => {
    // The plain password is typed on stdin; the CLI hashes it (SHA-512 crypt) before anything leaves it.
    const args = [...launchArgs(VM, ['--flavor', 'small', '--ip', 'auto', '--wait', '--json']), '--password-stdin'];
    const r = await runLong(home, args, {}, 900_000, `${PASSWORD}\n`);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { ip: string; timings: Record<string, number>; cloudInit: string; host: string };
    expect(res.host).toBe(H);
    expect(res.ip).toBe(`${SUBNET}.10/24`);
    expect(Object.keys(res.timings)).toEqual(['clone', 'seed', 'define', 'boot', 'cloud-init']);
    expect(res.cloudInit).toMatch(/status: done/);
    expect(res.cloudInit).toMatch(/DataSourceNoCloud \[seed=\/dev\/sr0\]/);
    ip = `${SUBNET}.10`;
    console.log(`[instances] launch timings (s): ${JSON.stringify(res.timings)}`);
    // disk: qcow2 linked clone of the image grown to the flavor; seed on virtio-scsi
    const xml = virsh('dumpxml', VM);
    expect(xml).toMatch(/<target dev='sda' bus='scsi'\/>/);
    expect(xml).toMatch(/<controller type='scsi' index='0' model='virtio-scsi'>/);
    expect(xml).toMatch(/<channel type='unix'>[\s\S]*org\.qemu\.guest_agent\.0/);
    expect(xml).toMatch(/<graphics type='vnc'/);
    expect(xml).not.toContain(PASSWORD);
    const vol = virsh('vol-dumpxml', '--pool', 'default', `${VM}.qcow2`);
    expect(vol).toMatch(/<capacity unit='bytes'>10737418240<\/capacity>/);
    expect(vol).toContain(`<path>/var/lib/libvirt/images/${IMG}.qcow2</path>`);
  }, 900_000);

  it('the guest has the right hostname and address; SSH key and password logins work through the host', async () => {
    expect(ip).not.toBe('');
    await hostSsh.connect(); // the guest's network exists only inside the host: go through it
    const guest = (auth: { identityFiles: string[]; askPassword?: () => Promise<string> }) =>
      new SshConnection({
        host: ip, port: 22, user: 'tester', via: hostSsh, identitiesOnly: true, configFile: null, agent: '',
        knownHostsFile: join(home, 'guest_known_hosts_test'), onUnknownHostKey: async () => true, reconnect: false, ...auth,
      });
    const byKey = guest({ identityFiles: [keyFile] });
    await byKey.connect();
    try {
      const sh = async (argv: string[]) => (await byKey.exec(argv)).stdout.toString().trim();
      expect(await sh(['hostname'])).toBe(VM);
      expect(await sh(['hostname', '-f'])).toBe(`${VM}.vdk.test`);
      expect(await sh(['sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}'"])).toBe(`${ip}/24`);
      expect(await sh(['ip', 'route', 'show', 'default'])).toMatch(new RegExp(`^default via ${SUBNET.replace(/\./g, '\\.')}\\.1 dev eth0`));
      expect(await sh(['cat', '.ssh/authorized_keys'])).toContain(publicKey);
      expect(await sh(['sudo', '-n', 'id', '-u'])).toBe('0');
    } finally {
      byKey.close();
    }
    const byPassword = guest({ identityFiles: [], askPassword: async () => PASSWORD });
    await byPassword.connect();
    try {
      expect((await byPassword.exec(['id', '-un'])).stdout.toString().trim()).toBe('tester');
    } finally {
      byPassword.close();
    }
    const wrong = guest({ identityFiles: [], askPassword: async () => 'wrong-password' });
    await expect(wrong.connect()).rejects.toThrow();
    wrong.close();
    // the CLI's own `virtdeck ssh` (user from the VM's metadata)
    const r = await runCli(home, ['ssh', `${H}/${VM}`, '--identity', keyFile, '--', 'hostname', '-f']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`${VM}.vdk.test`);
    // Its host key was new: trusted because it is one of those cloud-init printed on the serial console, and kept
    // under the VM's UUID (not the address, which IPAM may give to another VM later).
    expect(r.stderr).toMatch(new RegExp(`^trusting ${VM}'s host key \\S+ SHA256:\\S+: it matches the keys the VM printed on its serial console\n$`));
    const store = readFileSync(join(home, 'guest_host_keys'), 'utf8');
    expect(store).toMatch(new RegExp(`^vm-${virsh('domuuid', VM).trim()} \\S+ \\S+\n$`));
    expect(store).not.toContain(ip);
    const again = await runCli(home, ['ssh', `${H}/${VM}`, '--identity', keyFile, '--', 'true']);
    expect([again.code, again.stderr]).toEqual([0, '']);
  }, 300_000);

  it('the address shows in the inventory and in IPAM; taking it again or the same name is refused', async () => {
    const vms = JSON.parse((await runCli(home, ['vm', 'list', '--host', H, '--json'])).stdout) as Array<{ name: string; ips: string[] }>;
    expect(vms.find((v) => v.name === VM)?.ips).toContain(`${ip}/24`);
    const used = await reservations();
    expect(used.map((a) => a.ip)).toEqual([ip]);
    expect(used[0]!.holders.map((h) => h.source).sort()).toEqual(['guest-agent', 'inventory', 'reservation']);

    const taken = await runCli(home, launchArgs(`${P}-bad`, ['--flavor', 'small', '--ip', ip]));
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain(`ip: ${ip} is in use by ${H}/${VM}\n`);
    const dup = await runCli(home, launchArgs(VM, ['--flavor', 'small']));
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain(`name: a VM named "${VM}" exists already on ${H}`);
    expect(domains()).toEqual([VM]);
    expect(volumes().filter((v) => v.startsWith(`${P}-bad`))).toEqual([]);
  }, 120_000);

  it('a NIC added on a second IPAM network is written into the seed; after a reboot the guest has its address', async () => {
    const net = await runCli(home, ['net', 'define', H, NET2, '--mode', 'isolated', '--cidr', `${SUBNET2}.1/24`, '--no-dhcp', '--start']);
    expect(net.code, net.stderr).toBe(0);
    const ipam = await runCli(home, ['net', 'ipam', 'set', `${H}/${NET2}`, '--cidr', `${SUBNET2}.0/24`, '--gateway', `${SUBNET2}.1`, '--range', `${SUBNET2}.20-${SUBNET2}.30`]);
    expect(ipam.code, ipam.stderr).toBe(0);
    const add = await runCli(home, ['vm', 'nic', 'add', `${H}/${VM}`, '--network', NET2]);
    expect(add.code, add.stderr).toBe(0);
    const [mac, nicIp] = add.stdout.trim().split(' ');
    expect(nicIp).toBe(`${SUBNET2}.20`);

    // The seed volume now holds the NIC, matched by its MAC, with its address and no gateway; the first NIC is kept.
    const iso = join(home, 'seed.iso');
    virsh('vol-download', '--pool', 'default', `${VM}-seed.iso`, iso);
    const files = readIso9660Files(readFileSync(iso));
    const networkConfig = parseYaml(new TextDecoder().decode(files.get('network-config')), 'network-config').value as { ethernets: Record<string, unknown> };
    expect(Object.values(networkConfig.ethernets)).toEqual([
      expect.objectContaining({ 'set-name': 'eth0', addresses: [`${ip}/24`] }),
      { match: { macaddress: mac }, 'set-name': 'eth1', addresses: [`${SUBNET2}.20/24`] },
    ]);

    // cloud-init applies the seed's network config at every boot: after a reboot eth1 is that NIC, with that address.
    const sh = guestShell(gh, VM);
    const bootId = await sh('cat /proc/sys/kernel/random/boot_id');
    virsh('reboot', VM);
    for (const t0 = Date.now(); (await sh('cat /proc/sys/kernel/random/boot_id').catch(() => bootId)) === bootId; ) {
      if (Date.now() - t0 > 900_000) throw new Error('the guest did not come back from its reboot');
      await new Promise((res) => setTimeout(res, 2000));
    }
    expect((await agentExec(gh.hostVirsh, HOST, VM, ['cloud-init', 'status', '--wait'], 600_000)).stdout).toContain('status: done');
    expect(await sh('cat /sys/class/net/eth1/address')).toBe(mac);
    expect(await sh('ip -o -4 addr show dev eth1')).toContain(`inet ${SUBNET2}.20/24`);
    expect(await sh("ip -o -4 addr show dev eth0 | awk '{print $4}'")).toBe(`${ip}/24`);
  }, 1_200_000);

  it('a template of the instance: cleaned, shut down, its disk copied flattened and read-only; three launches from it over h2 and h3 are new machines', async () => {
    const TPL = `${P}-tpl`;
    const identity = async (vm: string, g = gh) => ({
      machineId: await guestShell(g, vm)('cat /etc/machine-id'),
      hostKey: await guestShell(g, vm)('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub'),
      hostname: await guestShell(g, vm)('hostname'),
    });
    const original = await identity(VM);
    expect(original.machineId).toMatch(/^[0-9a-f]{32}$/);

    const t = await runLong(home, ['vm', 'template', `${H}/${VM}`, TPL, '--json'], {}, 600_000);
    expect(t.code, t.stderr).toBe(0);
    expect(JSON.parse(t.stdout)).toMatchObject({ host: H, name: TPL, pool: 'default', volume: `${TPL}.qcow2`, format: 'qcow2' });
    expect(virsh('domstate', VM).trim()).toBe('shut off');
    const path = `/var/lib/libvirt/images/${TPL}.qcow2`;
    expect(virsh('vol-dumpxml', '--pool', 'default', `${TPL}.qcow2`)).not.toContain('<backingStore>');
    expect(gh.inHost('stat', '-c', '%a', path).stdout.trim()).toBe('444');
    // the same name again is refused before the guest is touched
    const again = await runCli(home, ['vm', 'template', `${H}/${VM}`, TPL]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`an image named "${TPL}" exists already on ${H}`);

    // --count 3 with {n}, placed by `auto` over h2 and h3: h3 lacks the template and gets a copy first; the VMs
    // launched moments before count as using their memory, so the batch spreads over both hosts. Each boots from
    // the template (a linked clone of it) as a machine of its own.
    const added = await runCli(home, hostAddArgs(tb, 3, knownHostsCopy(tb, home), H3));
    expect(added.code, added.stderr).toBe(0);
    const net3 = await runCli(home, ['net', 'define', H3, NET, '--mode', 'isolated', '--cidr', `${SUBNET}.1/24`, '--no-dhcp', '--start']);
    expect(net3.code, net3.stderr).toBe(0);
    const ipam3 = await runCli(home, ['net', 'ipam', 'set', `${H3}/${NET}`, '--cidr', `${SUBNET}.0/24`, '--gateway', `${SUBNET}.1`, '--range', `${SUBNET}.60-${SUBNET}.70`]);
    expect(ipam3.code, ipam3.stderr).toBe(0);
    const names = [`${P}-t1`, `${P}-t2`, `${P}-t3`];
    const r = await runLong(home, launchArgs(`${P}-t{n}`, ['--flavor', 'small', '--ip', 'auto', '--count', '3', '--json'], TPL, 'auto'), {}, 1_200_000);
    expect(r.code, r.stderr).toBe(0);
    const launched = JSON.parse(r.stdout) as Array<{ name: string; host: string }>;
    expect(launched.map((l) => l.name)).toEqual(names);
    expect(new Set(launched.map((l) => l.host))).toEqual(new Set([H, H3]));
    expect(r.stderr).toContain(`launched ${H3}/`);
    expect(r.stderr).toContain(`the image copied there from ${H} first`);
    const hostOf = (vm: string) => (launched.find((l) => l.name === vm)!.host === H ? gh : gh3);
    for (const vm of names) {
      const g = hostOf(vm);
      expect(g.virsh('vol-dumpxml', '--pool', 'default', `${vm}.qcow2`)).toContain(`<path>${path}</path>`);
      await waitForAgent(g, vm, `the agent of ${vm}`, 1_200_000);
      expect((await agentExec(g.hostVirsh, g === gh ? HOST : 3, vm, ['cloud-init', 'status', '--wait'], 900_000)).stdout).toContain('status: done');
    }
    const ids = await Promise.all(names.map((vm) => identity(vm, hostOf(vm))));
    expect(ids.map((i) => i.hostname)).toEqual(names);
    const machineIds = new Set([original.machineId, ...ids.map((i) => i.machineId)]);
    const hostKeys = new Set([original.hostKey, ...ids.map((i) => i.hostKey)]);
    expect([machineIds.size, hostKeys.size]).toEqual([4, 4]);
    for (const i of ids) expect(i.machineId).toMatch(/^[0-9a-f]{32}$/);

    for (const l of launched) {
      const del = await runCli(home, ['vm', 'destroy', `${l.host}/${l.name}`]).then(() => runCli(home, ['vm', 'delete', `${l.host}/${l.name}`, '--with-storage']));
      expect(del.code, del.stderr).toBe(0);
    }
    for (const h of [H, H3]) {
      const rm = await runCli(home, ['image', 'rm', `${h}/${TPL}`, '--delete-volume']);
      expect(rm.code, rm.stderr).toBe(0);
    }
  }, 2_400_000);

  it('deleting the VM with its storage frees the address, removes the seed and forgets its SSH host keys', async () => {
    const uuid = virsh('domuuid', VM).trim();
    expect(readFileSync(join(home, 'guest_host_keys'), 'utf8')).toContain(uuid);
    // the template test shut it down
    if (virsh('domstate', VM).trim() !== 'shut off') expect((await runCli(home, ['vm', 'destroy', `${H}/${VM}`])).code).toBe(0);
    const del = await runCli(home, ['vm', 'delete', `${H}/${VM}`, '--with-storage']);
    expect(del.code, del.stderr).toBe(0);
    expect(domains()).toEqual([]);
    expect(volumes().filter((v) => v.startsWith(VM))).toEqual([]);
    expect(await reservations()).toEqual([]);
    expect(readFileSync(join(home, 'guest_host_keys'), 'utf8')).toBe('');
  }, 120_000);
});
