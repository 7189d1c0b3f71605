// `vm create --cdrom URL --sha256 HEX` on test-bed host 1, for real: a small ISO is served over HTTP from test-bed
// host 2's namespace on the lab LAN; host 1 downloads it with curl (argv, never a shell line) into its pool as a new
// volume, checks the SHA-256 there and defines the VM on it. A wrong checksum leaves no volume (and no file); a URL
// with quotes, $() and backticks reaches the server verbatim, runs nothing on the host and fails cleanly; a file: URL
// is refused before anything runs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAddArgs, knownHostsCopy, runCli, tempHome } from '../core/helpers.js';
import { waitFor } from '../guest/guest-agent.js';
import { guestHost } from '../guest/guest-host.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const HOST = 1;
const SERVER = 2;
const H = `h${HOST}`;
const P = `nvd${randomBytes(2).toString('hex')}`;
const PORT = 8080;
const PWNED = `/var/tmp/${P}-pwned`;
const noMkisofs = spawnSync('genisoimage', ['-version']).status === 0 ? undefined : 'genisoimage not installed (test/testbed/install-deps.sh)';
/** Serves argv[1] on argv[2]:argv[3] until its stdin closes (so the server ends with the test, inside the namespace). */
const HTTP_SERVER = [
  'import functools, http.server, sys, threading',
  'h = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])',
  's = http.server.ThreadingHTTPServer((sys.argv[2], int(sys.argv[3])), h)',
  'threading.Thread(target=s.serve_forever, daemon=True).start()',
  "print('serving', flush=True)",
  'sys.stdin.read()',
].join('\n');

describe.skipIf(!tb.available || !!noMkisofs)(`New VM from an ISO downloaded on ${H} ${noMkisofs ?? ''}`, () => {
  const home = tempHome('vd-newvm-dl-');
  const h = guestHost(tb, HOST);
  const www = join(home, 'www');
  const base = `http://${tb.hosts[SERVER - 1]!.labIp}:${PORT}`;
  let server: ChildProcess;
  let serverLog = '';
  let sha = '';
  const domains = () => h.virsh('list', '--all', '--name').split('\n').map((l) => l.trim()).filter((d) => d.startsWith(P));
  const volumes = () => h.virsh('vol-list', 'default').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((v) => v.startsWith(P));
  const files = () => h.inHost('ls', '/var/lib/libvirt/images').stdout.split('\n').filter((f) => f.startsWith(P));
  const create = (name: string, url: string, ...extra: string[]) =>
    runCli(home, ['vm', 'create', H, name, '--cdrom', url, '--os', 'debian12', '--disk', '0', '--virt-type', 'qemu', ...extra]);

  beforeAll(async () => {
    const dir = join(home, 'iso');
    mkdirSync(dir, { recursive: true });
    mkdirSync(www);
    writeFileSync(join(dir, 'README'), 'install media\n');
    const mk = spawnSync('genisoimage', ['-quiet', '-V', 'INSTALL', '-o', join(www, `${P}.iso`), dir], { encoding: 'utf8' });
    expect(mk.status, mk.stderr).toBe(0);
    copyFileSync(join(www, `${P}.iso`), join(www, `${P}-b.iso`));
    sha = createHash('sha256').update(readFileSync(join(www, `${P}.iso`))).digest('hex');
    server = spawn(join(tb.dir, 'bin', 'tbns'), [String(SERVER), '/usr/bin/python3', '-c', HTTP_SERVER, www, tb.hosts[SERVER - 1]!.labIp, String(PORT)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d: Buffer) => (serverLog += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (serverLog += d.toString()));
    await waitFor('the HTTP server on the lab LAN', 30_000, () => serverLog.includes('serving'));
    const added = await runCli(home, hostAddArgs(tb, HOST, knownHostsCopy(tb, home), H));
    expect(added.code, added.stderr).toBe(0);
  }, 120_000);

  afterAll(() => {
    server?.stdin?.end(); // the server reads its stdin to the end, then exits
    for (const d of domains()) h.quiet('undefine', d);
    for (const v of volumes()) h.quiet('vol-delete', '--pool', 'default', v);
    h.inHost('rm', '-f', PWNED);
    rmSync(home, { recursive: true, force: true });
  });

  it('downloads the ISO on the host with its SHA-256 checked, as a volume the VM boots from', async () => {
    const name = `${P}-a`;
    const check = await create(name, `${base}/${P}.iso`, '--sha256', sha.toUpperCase(), '--check', '--json');
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ plan: { download: { url: `${base}/${P}.iso`, sha256: sha, pool: 'default', volume: `${P}.iso`, tool: 'curl' } } });
    expect(volumes()).toEqual([]);

    const r = await create(name, `${base}/${P}.iso`, '--sha256', sha);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`created ${H}/${name} with default/${P}.iso`);
    expect(volumes()).toEqual([`${P}.iso`]);
    expect(h.inHost('sha256sum', `/var/lib/libvirt/images/${P}.iso`).stdout).toContain(sha);
    expect(h.virsh('dumpxml', '--inactive', name)).toMatch(new RegExp(`<source pool='default' volume='${P}\\.iso'/>\\s*<target dev='sda' bus='sata'/>`));
    expect(serverLog).toContain(`"GET /${P}.iso HTTP/1.1" 200`);
  }, 120_000);

  it('a wrong SHA-256: the download is removed, nothing is defined', async () => {
    const before = { d: domains(), v: volumes(), f: files() };
    const wrong = 'ab'.repeat(32);
    const r = await create(`${P}-b`, `${base}/${P}-b.iso`, '--sha256', wrong);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the SHA-256 of ${base}/${P}-b.iso downloaded on ${H} is ${sha}, not ${wrong}`);
    expect(serverLog).toContain(`"GET /${P}-b.iso HTTP/1.1" 200`);
    expect({ d: domains(), v: volumes(), f: files() }).toEqual(before);
  }, 120_000);

  it('a URL with quotes, $() and backticks goes to curl verbatim: nothing runs, it fails cleanly', async () => {
    const before = { d: domains(), v: volumes(), f: files() };
    const path = `/it's"$(touch\${IFS}${PWNED})\`touch\${IFS}${PWNED}\`.iso`;
    const r = await create(`${P}-c`, `${base}${path}`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`downloading ${base}${path} on ${H} failed: curl: (22) The requested URL returned error: 404`);
    expect(serverLog).toContain(`"GET ${path} HTTP/1.1" 404`);
    expect(h.inHost('test', '-e', PWNED).status).not.toBe(0);
    expect({ d: domains(), v: volumes(), f: files() }).toEqual(before);

    const file = await create(`${P}-c`, 'file:///etc/passwd', '--check');
    expect(file.code).toBe(1);
    expect(file.stderr).toContain('"file:///etc/passwd" is not an http, https or ftp URL');
    const sum = await create(`${P}-c`, `${base}/${P}.iso`, '--sha256', 'xyz', '--check');
    expect(sum.code).toBe(1);
    expect(sum.stderr).toContain('error: source.sha256: "xyz" is not a SHA-256 (--sha256): 64 hex digits');
  }, 120_000);
});
