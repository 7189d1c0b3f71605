// IPAM shared through the host, on the real test bed (no guest boots): the config and the reservations of a network
// live on h1 (/var/lib/libvirt/virtdeck/ipam/NET/), so two VirtDeck homes racing 100 allocations get 100 distinct
// addresses, a reservation made in one home shows as held (with who) in another, `--for` text is kept verbatim, and
// with h1's sshd stopped every write is refused (ipam.host-offline) and nothing on the host changes.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'rolldown';
import { builtinModules } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core.js';
import { coreWithHosts, knownHostsCopy, REPO, runCli, sshHostConfig, sshdControl, tempHome, waitFor } from '../core/helpers.js';
import { refusal } from '../core/hw-helpers.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const HOST = 'h1';
const TAG = randomBytes(2).toString('hex');
const NET = `vdipam-${TAG}`;
const OCTET = 100 + (parseInt(TAG, 16) % 100);
const SUBNET = `10.213.${OCTET}`;
const settings = {
  cidr: `${SUBNET}.0/24`, gateway: `${SUBNET}.1`, dns: [], search: [], range: { start: `${SUBNET}.10`, end: `${SUBNET}.209` }, reserved: [],
};
const PER_HOME = 50;

/** The network's directory on h1, as this machine sees h1's /var/lib/libvirt. */
const hostDir = () => join(tb.dir, 'hosts', HOST, 'var-lib-libvirt', 'virtdeck', 'ipam', NET);
const hostFiles = () => readdirSync(hostDir()).sort();

/** The racer (racer.ts) bundled next to the repo's node_modules (ssh2 stays a package), once. */
async function bundleRacer(): Promise<string> {
  const dir = join(REPO, 'dist', 'test-ipam-racer');
  await build({
    input: join(import.meta.dirname, 'racer.ts'),
    platform: 'node',
    external: [/^node:/, ...builtinModules, /^ssh2(\/|$)/, /^cpu-features(\/|$)/],
    logLevel: 'warn',
    output: { dir, format: 'esm', entryFileNames: 'racer.js', inlineDynamicImports: true },
  });
  return join(dir, 'racer.js');
}

interface RaceResult {
  ips: string[];
  errors: string[];
}

/** Starts a racer with its own home; `go` sets it off, `done` is what it got. */
function racer(script: string, name: string): { ready: Promise<void>; go: () => void; done: Promise<RaceResult> } {
  const home = tempHome(`vd-ipam-${name}-`);
  const args = { home, host: sshHostConfig(tb, 1, knownHostsCopy(tb, home)), network: NET, count: PER_HOME, tag: name };
  const child = spawn(process.execPath, [script, JSON.stringify(args)], { env: { ...process.env, VIRTDECK_HOME: home }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('ready\n')) onReady();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<RaceResult>((resolve, reject) =>
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) reject(new Error(`racer ${name} exit ${code}: ${err}`));
      else resolve(JSON.parse(line) as RaceResult);
    }),
  );
  return { ready, go: () => child.stdin.end('go\n'), done };
}

describe.skipIf(!tb.available)('IPAM shared through the host', () => {
  const homeA = tempHome('vd-ipam-a-');
  const homeB = tempHome('vd-ipam-b-');
  let a: Core;
  let b: Core;
  const sshd = sshdControl(tb, 1);

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vd-ipam-net-'));
    writeFileSync(
      join(dir, 'net.xml'),
      `<network><name>${NET}</name><bridge name='vdip${TAG}'/><ip address='${SUBNET}.1' netmask='255.255.255.0'/></network>`,
    );
    tb.virsh(1, 'net-define', join(dir, 'net.xml'));
    tb.virsh(1, 'net-start', NET);
    [a, b] = await Promise.all([coreWithHosts(tb, homeA, [1]), coreWithHosts(tb, homeB, [1])]);
    await a.call('ipam.set', { host: HOST, network: NET, settings });
  }, 120_000);

  afterAll(async () => {
    sshd.start();
    await waitFor('h1 back online', () => a?.hostRegistry.isOnline(HOST), 60_000, 200).catch(() => undefined);
    await a?.call('ipam.remove', { host: HOST, network: NET }).catch(() => undefined);
    await Promise.all([a?.close(), b?.close()]);
    for (const cmd of ['net-destroy', 'net-undefine']) {
      try {
        tb.virsh(1, cmd, NET);
      } catch {
        /* gone already */
      }
    }
  }, 120_000);

  it('the config set in home A is on the host, and home B reads it from there', async () => {
    expect(hostFiles()).toEqual(['config.json']);
    expect(await b.call('ipam.get', { host: HOST, network: NET })).toMatchObject({ host: HOST, network: NET, kind: 'network', ...settings });
  });

  it('two processes with two homes race 100 allocations: 100 distinct addresses, none given twice', async () => {
    const script = await bundleRacer();
    const racers = [racer(script, 'left'), racer(script, 'right')];
    await Promise.all(racers.map((r) => r.ready));
    for (const r of racers) r.go();
    const [left, right] = await Promise.all(racers.map((r) => r.done));
    expect(left!.errors).toEqual([]);
    expect(right!.errors).toEqual([]);
    const all = [...left!.ips, ...right!.ips];
    expect(all).toHaveLength(2 * PER_HOME);
    expect(new Set(all).size).toBe(2 * PER_HOME);
    // Lowest first: the 100 addresses are the first 100 of the range, each with its one record on the host.
    const expected = Array.from({ length: 2 * PER_HOME }, (_, i) => `${SUBNET}.${10 + i}`);
    expect([...all].sort()).toEqual([...expected].sort());
    expect(hostFiles()).toEqual(['config.json', ...expected.map((ip) => `${ip}.json`)].sort());
    // Both homes' records show in a third home's view as held.
    const view = await b.call('ipam.describe', { host: HOST, network: NET });
    expect(view.used).toBe(2 * PER_HOME);
    const first = view.addresses.find((x) => x.ip === `${SUBNET}.10`);
    expect(first?.holders[0]?.holder).toMatch(/^(left|right) #\d+$/);
    for (const ip of expected) await a.call('ipam.release', { host: HOST, network: NET, ip });
    expect(hostFiles()).toEqual(['config.json']);
  }, 180_000);

  const NOTE = `Ann's "lab" printer; $(touch /tmp/pwned) \`id\` && rm -rf / — 打印机 ✓`;
  const MANUAL = `${SUBNET}.220`;

  it('a reservation made in home A (CLI, --for kept verbatim) is held in home B, with who made it', async () => {
    const r = await runCli(homeA, ['net', 'ipam', 'reserve', `${HOST}/${NET}`, MANUAL, '--for', NOTE]);
    expect(r.stderr).toContain(`reserved ${MANUAL}`);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(MANUAL);
    expect(JSON.parse(readFileSync(join(hostDir(), `${MANUAL}.json`), 'utf8'))).toMatchObject({ ip: MANUAL, note: NOTE, vmName: '' });
    const row = (await b.call('ipam.describe', { host: HOST, network: NET })).addresses.find((x) => x.ip === MANUAL);
    expect(row?.state).toBe('used');
    expect(row?.holders).toEqual([expect.objectContaining({ holder: NOTE, source: 'reservation', by: expect.stringContaining('@') })]);
    // Home B cannot take it …
    expect(await refusal(b.call('ipam.reserve', { host: HOST, network: NET, ip: MANUAL, note: '' }))).toBe('ipam.in-use');
    const shown = await runCli(homeB, ['net', 'ipam', 'show', `${HOST}/${NET}`]);
    expect(shown.stdout).toContain(NOTE);
  });

  it('on connect, what a home kept only locally goes to the host; a conflict is recorded, the host\'s record kept', async () => {
    const [mine, theirs] = [`${SUBNET}.241`, `${SUBNET}.242`];
    expect(await a.call('ipam.reserve', { host: HOST, network: NET, ip: theirs, note: 'from A' })).toBe(theirs);
    const local = { host: HOST, network: NET, vmName: '', vmUuid: null, taskId: null, createdAt: new Date().toISOString(), home: null };
    b.inventory.instances.releaseIp(HOST, NET, theirs);
    expect(b.inventory.instances.reserve({ ...local, ip: mine, note: 'kept here before' })).toBe(true);
    expect(b.inventory.instances.reserve({ ...local, ip: theirs, note: 'B thinks it is ours' })).toBe(true);
    await b.ipam.hostConnected(HOST);
    const onHost = (ip: string) => JSON.parse(readFileSync(join(hostDir(), `${ip}.json`), 'utf8')) as { note: string };
    expect(onHost(mine).note).toBe('kept here before');
    expect(onHost(theirs).note).toBe('from A');
    expect(b.inventory.listEvents({ host: HOST }).filter((e) => e.kind === 'ipam-conflict').map((e) => (e.data as { ip: string }).ip)).toEqual([theirs]);
    expect(b.inventory.instances.reservations(HOST, NET).find((r) => r.ip === theirs)?.note).toBe('from A');
    for (const ip of [mine, theirs]) await a.call('ipam.release', { host: HOST, network: NET, ip });
  });

  it('with the host offline, writes are refused (ipam.host-offline) and change nothing; reads come from the cache', async () => {
    const before = hostFiles();
    const config = readFileSync(join(hostDir(), 'config.json'), 'utf8');
    try {
      sshd.drop();
    } catch {
      // A session that ended between listing and killing: the others were killed all the same (checked next).
    }
    await waitFor('h1 offline in home B', () => !b.hostRegistry.isOnline(HOST), 60_000, 100);
    const offline = 'ipam.host-offline';
    expect(await refusal(b.call('ipam.reserve', { host: HOST, network: NET, ip: 'auto', note: 'x' }))).toBe(offline);
    expect(await refusal(b.call('ipam.release', { host: HOST, network: NET, ip: MANUAL }))).toBe(offline);
    expect(await refusal(b.call('ipam.set', { host: HOST, network: NET, settings: { ...settings, gateway: `${SUBNET}.2` } }))).toBe(offline);
    expect(await refusal(b.call('ipam.remove', { host: HOST, network: NET }))).toBe(offline);
    const cli = await runCli(homeB, ['net', 'ipam', 'reserve', `${HOST}/${NET}`, `${SUBNET}.230`]);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain('offline');
    // The cached view still says who holds the address.
    const row = (await b.call('ipam.describe', { host: HOST, network: NET })).addresses.find((x) => x.ip === MANUAL);
    expect(row?.holders[0]?.holder).toBe(NOTE);
    expect(hostFiles()).toEqual(before);
    expect(readFileSync(join(hostDir(), 'config.json'), 'utf8')).toBe(config);
    sshd.start();
    await waitFor('h1 back online in home B', () => b.hostRegistry.isOnline(HOST), 90_000, 200);
    // Back online: home B frees what home A reserved by hand.
    const r = await runCli(homeB, ['net', 'ipam', 'release', `${HOST}/${NET}`, MANUAL]);
    expect(r.code).toBe(0);
    expect(hostFiles()).toEqual(['config.json']);
  }, 180_000);
});
