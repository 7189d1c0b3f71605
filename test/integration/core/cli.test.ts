// `virtdeck` CLI against the real test bed over real SSH: hosts, VM list == virsh, lifecycle, odd names.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../testbed.js';
import { defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, tempHome, uniq } from './helpers.js';

const tb = testbed();

interface JsonVm {
  host: string;
  name: string;
  uuid: string;
  state: string;
  vcpus: number;
  memoryMiB: number;
  autostart: boolean;
  persistent: boolean;
  locked: boolean;
  lastSeen: string;
  stale: boolean;
}

describe.skipIf(!tb.available)('virtdeck CLI on 3 test-bed hosts', () => {
  const home = tempHome();
  // libvirt refuses "/" in names, so the payload touches a relative file: it would land in the cwd of whatever
  // shell ran it (this process's cwd, or root's home on the host, which shares this machine's /root).
  const markerName = `vd-pwned-${process.pid}`;
  const markers = [join(process.cwd(), markerName), join('/root', markerName)];
  const odd = `${uniq('odd')} it's "quoted" ünï 名字 $(touch ${markerName}) \`touch ${markerName}\` ;touch ${markerName}`;
  const plain = tb.hosts.map((h) => uniq(`cli-${h.name}`));
  const handMade = uniq('handmade');
  let kh = '';

  beforeAll(async () => {
    kh = knownHostsCopy(tb, home);
    plain.forEach((name, i) => defineTinyDomain(tb, i + 1, name));
    defineTinyDomain(tb, 1, odd);
    for (const h of tb.hosts) {
      const r = await runCli(home, hostAddArgs(tb, h.index, kh));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
  });

  afterAll(() => {
    plain.forEach((name, i) => purgeDomain(tb, i + 1, name));
    purgeDomain(tb, 1, odd);
    purgeDomain(tb, 2, handMade);
  });

  async function listJson(host?: string): Promise<JsonVm[]> {
    const r = await runCli(home, ['vm', 'list', '--json', ...(host ? ['--host', host] : [])]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as JsonVm[];
  }

  it('host list shows the three hosts online', async () => {
    const r = await runCli(home, ['host', 'list', '--json']);
    expect(r.code).toBe(0);
    const hosts = JSON.parse(r.stdout) as Array<{ name: string; status: string; hostname: string }>;
    expect(hosts.map((h) => [h.name, h.status, h.hostname])).toEqual(tb.hosts.map((h) => [h.name, 'online', h.name]));
  });

  it('vm list shows exactly what virsh sees on each host', async () => {
    const vms = await listJson();
    for (const h of tb.hosts) {
      const virshUuids = tb.virsh(h.index, 'list', '--all', '--uuid').split('\n').filter(Boolean).sort();
      const ours = vms.filter((v) => v.host === h.name);
      expect(ours.map((v) => v.uuid).sort()).toEqual(virshUuids);
      for (const v of ours) {
        expect(tb.virsh(h.index, 'domname', v.uuid)).toBe(v.name);
        expect(v.state.replace('shutoff', 'shut off')).toBe(tb.virsh(h.index, 'domstate', v.uuid));
        expect(v.stale).toBe(false);
      }
    }
    const oddRow = vms.find((v) => v.name === odd);
    expect(oddRow).toMatchObject({ host: 'h1', vcpus: 1, memoryMiB: 32, persistent: true, locked: false });
  });

  it('every lifecycle operation changes what virsh domstate reports, even for an odd name', async () => {
    const ref = `h1/${odd}`;
    const state = (): string => tb.virsh(1, 'domstate', odd);
    const steps: Array<[string, string]> = [
      ['start', 'running'],
      ['suspend', 'paused'],
      ['resume', 'running'],
      ['save', 'shut off'],
      ['start', 'running'],
      ['destroy', 'shut off'],
    ];
    for (const [verb, expected] of steps) {
      const r = await runCli(home, ['vm', verb, ref]);
      expect(r.code, `${verb}: ${r.stderr}`).toBe(0);
      expect(state(), `after ${verb}`).toBe(expected);
    }
    expect(tb.virsh(1, 'dominfo', odd)).toMatch(/Managed save:\s+no/);
    for (const m of markers) expect(existsSync(m), m).toBe(false);
  });

  it('a locked VM refuses stop and delete until unlocked', async () => {
    const ref = `h2/${plain[1]}`;
    expect((await runCli(home, ['vm', 'start', ref])).code).toBe(0);
    expect((await runCli(home, ['vm', 'lock', ref])).code).toBe(0);
    const refused = await runCli(home, ['vm', 'destroy', ref]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^virtdeck: VM "(.+)" on h2 is locked; unlock it first \(virtdeck vm unlock h2\/\1\)\n$/);
    expect(tb.virsh(2, 'domstate', plain[1] as string)).toBe('running');
    expect((await runCli(home, ['vm', 'delete', ref])).stderr).toMatch(/locked/);
    const listed = (await listJson('h2')).find((v) => v.name === plain[1]);
    expect(listed?.locked).toBe(true);
    expect((await runCli(home, ['vm', 'unlock', ref])).code).toBe(0);
    expect((await runCli(home, ['vm', 'destroy', ref])).code).toBe(0);
    expect(tb.virsh(2, 'domstate', plain[1] as string)).toBe('shut off');
  });

  it('a VM defined by hand with virsh appears in the inventory', async () => {
    const uuid = defineTinyDomain(tb, 2, handMade);
    const vms = await listJson('h2');
    expect(vms.find((v) => v.uuid === uuid)?.name).toBe(handMade);
  });

  it('vm xml prints the domain XML; delete removes the domain', async () => {
    const xml = await runCli(home, ['vm', 'xml', `h3/${plain[2]}`]);
    expect(xml.code).toBe(0);
    expect(xml.stdout).toContain(`<name>${plain[2]}</name>`);
    const del = await runCli(home, ['vm', 'delete', `h3/${plain[2]}`]);
    expect(del.code, del.stderr).toBe(0);
    expect(tb.virsh(3, 'list', '--all', '--name')).not.toContain(plain[2]);
    expect((await listJson('h3')).some((v) => v.name === plain[2])).toBe(false);
  });

  it('user mistakes give one clear line and a non-zero exit, never a stack trace', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['vm', 'start', 'nohost/x'], /^virtdeck: no host named "nohost" \(see virtdeck host list\)\n$/],
      [['vm', 'start', 'h1/does-not-exist'], /^virtdeck: no VM "does-not-exist" on host h1\n$/],
      [['vm', 'start', 'h1'], /^virtdeck: expected HOST\/VM, got "h1"\n$/],
      [['vm', 'frobnicate', 'h1/x'], /^virtdeck: unknown vm command "frobnicate" \(see virtdeck vm --help\)\n$/],
      [['host', 'add', 'h1', '--ssh', `root@127.0.0.1:${tb.hosts[0]!.sshPort}`], /^virtdeck: a host named "h1" already exists\n$/],
      [['stats', '--bogus'], /^virtdeck: unknown option --bogus \(see virtdeck stats --help\)\n$/],
      [['vm', 'start'], /^virtdeck: missing HOST\/VM \(see virtdeck vm start --help\)\n$/],
    ];
    for (const [args, re] of cases) {
      const r = await runCli(home, args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('stats does one bulk refresh per host', async () => {
    const ref = `h1/${plain[0]}`;
    expect((await runCli(home, ['vm', 'start', ref])).code).toBe(0);
    const r = await runCli(home, ['stats', '--json', '--host', 'h1']);
    expect(r.code).toBe(0);
    const [h1] = JSON.parse(r.stdout) as Array<{ host: string; stats: Array<{ name: string; cpuTimeNs: number | null; state: number }> }>;
    const row = h1?.stats.find((s) => s.name === plain[0]);
    expect(row?.state).toBe(1);
    expect(row?.cpuTimeNs).toBeGreaterThan(0);
    await runCli(home, ['vm', 'destroy', ref]);
  });
});
