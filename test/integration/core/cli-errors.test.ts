// Bad input and broken hosts give one clear line and change nothing: unknown / changed host key, wrong key,
// unreachable host, libvirtd stopped; XML normalize of every fixture is lossless through the real CLI.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalXml } from '../../../electron/libvirt/xml/canonical.js';
import { testbed } from '../testbed.js';
import { hostAddArgs, REPO, knownHostsCopy, runCli, sh, tempHome } from './helpers.js';

const tb = testbed();

function fingerprintOf(pubFile: string): string {
  return execFileSync('ssh-keygen', ['-lf', pubFile], { encoding: 'utf8' }).split(' ')[1] as string;
}

describe.skipIf(!tb.available)('host errors over real SSH', () => {
  const h1 = tb.hosts[0]!;
  const h3 = tb.hosts[2]!;
  const hostFp = (): string => fingerprintOf(join(tb.dir, 'ssh', `hostkey-${h1.name}.pub`));

  it('an unknown host key is refused with its fingerprint until accepted, then recorded', async () => {
    const home = tempHome();
    const kh = join(home, 'known_hosts');
    writeFileSync(kh, '');
    const args = hostAddArgs(tb, 1, kh, 'h1');
    const refused = await runCli(home, args);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(hostFp());
    expect(refused.stderr).toMatch(/--accept-new-host-key/);
    expect(readFileSync(kh, 'utf8')).toBe('');
    expect((await runCli(home, ['host', 'list', '--json'])).stdout.trim()).toBe('[]');
    const ok = await runCli(home, [...args, '--accept-new-host-key']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(kh, 'utf8')).toContain(`[${h1.sshHost}]:${h1.sshPort} ssh-ed25519 `);
  });

  it('a changed host key is refused with a message naming the new fingerprint', async () => {
    const home = tempHome();
    const kh = join(home, 'known_hosts');
    const other = join(home, 'other');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const otherKey = readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(kh, `[${h1.sshHost}]:${h1.sshPort} ${otherKey}\n`);
    const r = await runCli(home, hostAddArgs(tb, 1, kh, 'h1'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^virtdeck: host key for .+ has changed \(now ssh-ed25519 SHA256:\S+\); refusing to connect/);
    expect(r.stderr).toContain(hostFp());
    expect(r.stderr).toContain(`${kh}:1`);
    expect((await runCli(home, ['host', 'list', '--json'])).stdout.trim()).toBe('[]');
  });

  it('a key the host does not accept gives a clear authentication error', async () => {
    const home = tempHome();
    const kh = knownHostsCopy(tb, home);
    const wrong = join(home, 'wrong');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrong]);
    const r = await runCli(home, ['host', 'add', 'h1', '--ssh', `root@${h1.sshHost}:${h1.sshPort}`, '--identity', wrong, '--known-hosts', kh]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^virtdeck: authentication failed for root@127.0.0.1:${h1.sshPort}: tried .*wrong`));
    expect(r.stderr.split('\n').length).toBe(2);
  });

  it('an unreachable host is a clear error, fast', async () => {
    const home = tempHome();
    const t0 = Date.now();
    const r = await runCli(home, ['host', 'add', 'nowhere', '--ssh', 'root@127.0.0.1:1', '--accept-new-host-key']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^virtdeck: cannot reach root@127.0.0.1:1: ECONNREFUSED\n$/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  describe('libvirtd stopped on a host', () => {
    const home = tempHome();
    beforeAll(async () => {
      const kh = knownHostsCopy(tb, home);
      const r = await runCli(home, hostAddArgs(tb, 3, kh));
      expect(r.code, r.stderr).toBe(0);
      await sh(`${tb.dir}/bin/tbns`, [String(h3.index), 'sh', '-c', 'kill $(cat /run/libvirtd.pid); sleep 0.5']);
    });
    afterAll(async () => {
      await sh(`${tb.dir}/bin/tbns`, [String(h3.index), 'env', '-i', 'PATH=/usr/sbin:/usr/bin:/sbin:/bin', `TB=${tb.dir}`, `${tb.dir}/lib/host-daemons.sh`, String(tb.hosts.length), String(h3.index)]);
    });

    it('gives a clear error naming the daemon, and lists keep the last known VMs', async () => {
      const t = await runCli(home, ['host', 'test', h3.name]);
      expect(t.code).toBe(1);
      expect(t.stdout).toMatch(/FAILED — libvirtd on host "h3" is not reachable: .*libvirt-sock/);
      const l = await runCli(home, ['vm', 'list', '--host', h3.name, '--json']);
      expect(l.code).toBe(0);
      expect(l.stderr).toMatch(/warning: host h3 is offline \(libvirtd on host "h3" is not reachable/);
      const start = await runCli(home, ['vm', 'start', `${h3.name}/anything`]);
      expect(start.code).toBe(1);
    });
  });
});

describe('xml normalize through the CLI', () => {
  const dir = join(REPO, 'test', 'fixtures', 'xml');
  const kinds = ['domain', 'pool', 'volume', 'network', 'snapshot'] as const;
  const files = kinds.flatMap((kind) => readdirSync(join(dir, kind)).filter((f) => f.endsWith('.xml')).map((f) => ({ kind, file: join(dir, kind, f) })));

  it('has 30+ real domain XMLs', () => {
    expect(files.filter((f) => f.kind === 'domain').length).toBeGreaterThanOrEqual(30);
  });

  it.each(files.map((f) => [f.file.slice(dir.length + 1), f] as const))('%s round-trips unchanged', async (_name, f) => {
    const input = readFileSync(f.file, 'utf8');
    const r = await runCli(tempHome(), ['xml', 'normalize', '--kind', f.kind], input);
    expect(r.code, r.stderr).toBe(0);
    expect(canonicalXml(r.stdout)).toBe(canonicalXml(input));
  });

  it('invalid XML is one clear error with its position', async () => {
    const r = await runCli(tempHome(), ['xml', 'normalize'], '<domain><name>x</nam></domain>');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^virtdeck: .*line 1/);
    expect(r.stderr.split('\n').length).toBe(2);
  });
});
