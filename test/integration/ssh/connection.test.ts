import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  SshAuthError,
  SshHostKeyChangedError,
  SshHostKeyRejectedError,
  SshOfflineError,
  SshOutputLimitError,
  SshUnreachableError,
} from '../../../electron/ssh/errors.js';
import type { UnknownHostKeyPrompt } from '../../../electron/ssh/connection.js';
import { closedAfterEach, freePort, knownHostsCopy, nulSplit, rejectsAtOnce, sshKeygenFingerprint, tb, tempDir } from './helpers.js';

const { conn } = closedAfterEach();

describe.skipIf(!tb.available)('SshConnection against the test bed', () => {
  it('connects and runs hostname on h1', async () => {
    const t0 = performance.now();
    const c = await conn(1);
    const handshakeMs = performance.now() - t0;
    expect(c.state).toBe('online');
    const r = await c.exec(['hostname']);
    expect(r.stdout.toString().trim()).toBe('h1');
    expect(r.code).toBe(0);
    const r2 = await c.exec(['sh', '-c', 'echo oops >&2; exit 3']);
    expect(r2).toMatchObject({ code: 3, signal: null });
    expect(r2.stderr.toString()).toBe('oops\n');
    const r3 = await c.exec(['cat'], { stdin: 'from stdin' });
    expect(r3.stdout.toString()).toBe('from stdin');
    console.log(`handshake+auth ${handshakeMs.toFixed(0)} ms`);
  });

  it('exec output past its cap fails that call only: the command is stopped, the connection goes on', async () => {
    const c = await conn(1);
    const tag = `vd-cap-${randomBytes(4).toString('hex')}`;
    // An endless writer (stdout and stderr): without the cap this would fill memory.
    const endless = ['sh', '-c', 'while :; do echo "$0"; echo "$0" >&2; done', tag];
    const err = await c.exec(endless, { maxOutputBytes: 64 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshOutputLimitError);
    expect((err as Error).message).toBe(`Output of sh on ${c.label} passed 65536 bytes (the limit); the command was stopped`);
    expect(c.state).toBe('online');
    // The default cap (16 MiB) holds just under it and refuses just over it.
    expect((await c.exec(['head', '-c', String(16 * 1024 * 1024), '/dev/zero'])).stdout.length).toBe(16 * 1024 * 1024);
    await expect(c.exec(['head', '-c', String(16 * 1024 * 1024 + 1), '/dev/zero'])).rejects.toBeInstanceOf(SshOutputLimitError);
    // The stopped writer is gone from the host.
    const left = async () => (await c.exec(['pgrep', '-f', tag])).code === 0;
    for (let i = 0; i < 100 && (await left()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await left()).toBe(false);
  });

  it('argv arrives literally: no command substitution, no splitting', async () => {
    const c = await conn(1);
    const marker = `/tmp/vd-ssh-x-${randomBytes(6).toString('hex')}`;
    const args = [
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      `; touch ${marker}`,
      `' ; touch ${marker}; '`,
      '"double" \\back',
      'new\nline',
      '',
      '  spaces  ',
      'ünïcödé ✓ 🚀',
      '$HOME *',
    ];
    const r = await c.exec(['printf', '%s\\0', ...args]);
    expect(nulSplit(r.stdout)).toEqual(args);
    const check = await c.exec(['test', '-e', marker]);
    expect(check.code).toBe(1);
    expect(existsSync(marker)).toBe(false);
  });

  it('unknown host key: callback gets the OpenSSH fingerprint; acceptance is recorded', async () => {
    const file = join(tempDir(), 'known_hosts');
    writeFileSync(file, '# keep this line\n');
    const prompts: unknown[] = [];
    const c = await conn(1, {
      knownHostsFile: file,
      onUnknownHostKey: async (p) => {
        prompts.push(p);
        return true;
      },
    });
    expect(prompts).toEqual([
      {
        host: '127.0.0.1',
        port: tb.hosts[0]!.sshPort,
        keyType: 'ssh-ed25519',
        fingerprint: sshKeygenFingerprint(join(tb.dir, 'ssh', 'hostkey-h1.pub')),
        otherKnownTypes: [],
      },
    ]);
    const pub = readFileSync(join(tb.dir, 'ssh', 'hostkey-h1.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    expect(readFileSync(file, 'utf8')).toBe(`# keep this line\n[127.0.0.1]:${tb.hosts[0]!.sshPort} ${pub}\n`);
    c.close();
    // Now known: no prompt (the default callback throws).
    await conn(1, { knownHostsFile: file });
  });

  it('a key type new for a host whose other keys are known: the prompt says so (OpenSSH parity)', async () => {
    const file = join(tempDir(), 'known_hosts');
    const rsa = join(tempDir(), 'rsa');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', rsa]);
    const rsaPub = readFileSync(`${rsa}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(file, `[127.0.0.1]:${tb.hosts[0]!.sshPort} ${rsaPub}\n`);
    const prompts: UnknownHostKeyPrompt[] = [];
    const err = await conn(1, { knownHostsFile: file, onUnknownHostKey: async (p) => (prompts.push(p), false) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshHostKeyRejectedError);
    expect(prompts).toEqual([
      {
        host: '127.0.0.1',
        port: tb.hosts[0]!.sshPort,
        keyType: 'ssh-ed25519',
        fingerprint: sshKeygenFingerprint(join(tb.dir, 'ssh', 'hostkey-h1.pub')),
        otherKnownTypes: ['ssh-rsa'],
      },
    ]);
  });

  it('HostKeyAlias names the known_hosts entry; settings VirtDeck does not apply are named with file and line', async () => {
    const configFile = join(tempDir(), 'config');
    writeFileSync(configFile, `Host tb1\n  HostName 127.0.0.1\n  HostKeyAlias lab-h1\n  StrictHostKeyChecking accept-new\n  ProxyCommand nc %h %p\n`);
    const knownHostsFile = join(tempDir(), 'known_hosts');
    const pub = readFileSync(join(tb.dir, 'ssh', 'hostkey-h1.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(knownHostsFile, `lab-h1 ${pub}\n`); // under the alias only, not under [127.0.0.1]:port
    const c = await conn(1, { host: 'tb1', configFile, knownHostsFile });
    expect((await c.exec(['hostname'])).stdout.toString().trim()).toBe('h1');
    expect(c.ignoredSettings).toEqual([
      { setting: 'StrictHostKeyChecking', file: configFile, line: 4 },
      { setting: 'ProxyCommand', file: configFile, line: 5 },
    ]);
  });

  it('declined unknown key → SshHostKeyRejectedError, nothing recorded', async () => {
    const file = join(tempDir(), 'known_hosts');
    writeFileSync(file, '');
    const err = await conn(1, { knownHostsFile: file, onUnknownHostKey: async () => false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshHostKeyRejectedError);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('changed host key → refused with SshHostKeyChangedError naming the new fingerprint and file:line', async () => {
    const file = knownHostsCopy();
    const h2key = readFileSync(join(tb.dir, 'ssh', 'hostkey-h2.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(file, `# first\n[127.0.0.1]:${tb.hosts[0]!.sshPort} ${h2key}\n`);
    let prompted = false;
    const err = await conn(1, {
      knownHostsFile: file,
      onUnknownHostKey: async () => (prompted = true),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshHostKeyChangedError);
    const h1fp = sshKeygenFingerprint(join(tb.dir, 'ssh', 'hostkey-h1.pub'));
    expect((err as Error).message).toContain(h1fp);
    expect((err as Error).message).toContain(`${file}:2`);
    expect((err as SshHostKeyChangedError).expectedFingerprints).toEqual([
      sshKeygenFingerprint(join(tb.dir, 'ssh', 'hostkey-h2.pub')),
    ]);
    expect(prompted).toBe(false);
  });

  it('unauthorized key → SshAuthError listing the key', async () => {
    const dir = tempDir();
    const key = join(dir, 'id_fresh');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const err = await conn(1, { identityFiles: [key] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshAuthError);
    expect((err as Error).message).toBe(`Authentication failed for root@127.0.0.1:${tb.hosts[0]!.sshPort}: tried ${key}`);
  });

  it('encrypted key: wrong passphrase is a clear auth error; the passphrase callback is used', async () => {
    const dir = tempDir();
    const key = join(dir, 'id_locked');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'right', '-f', key]);
    const asked: Array<[string, boolean]> = [];
    const err = await conn(1, {
      identityFiles: [key, tb.keyFile],
      askPassphrase: async (f, retry) => {
        asked.push([f, retry]);
        return 'wrong';
      },
    }).catch((e: unknown) => e);
    // The second key works, so the connection succeeds after three wrong passphrases (OpenSSH asks three times).
    expect(err).not.toBeInstanceOf(Error);
    expect(asked).toEqual([
      [key, false],
      [key, true],
      [key, true],
    ]);
    const err2 = await conn(1, { identityFiles: [key], askPassphrase: async () => 'wrong' }).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(SshAuthError);
    expect((err2 as Error).message).toContain(`wrong passphrase for ${key}`);
  });

  it('nothing listening → SshUnreachableError fast', async () => {
    const port = await freePort();
    const t0 = performance.now();
    const err = await conn(1, { port }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshUnreachableError);
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    // refused, not left to the 20 s handshake timeout (a generous bound: this machine may be busy)
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('calls while not online reject at once with SshOfflineError', async () => {
    const c = await conn(1);
    c.close();
    expect(c.state).toBe('closed');
    expect(await rejectsAtOnce(c.exec(['true']))).toBeInstanceOf(SshOfflineError);
    expect(await rejectsAtOnce(c.openLibvirtChannel())).toBeInstanceOf(SshOfflineError);
    expect(await rejectsAtOnce(c.forwardOut('127.0.0.1', 22))).toBeInstanceOf(SshOfflineError);
  });

  it('forwardOut reaches a port seen from the host; sftp works', async () => {
    const c = await conn(1);
    const sock = await c.forwardOut('127.0.0.1', 22);
    const banner = await new Promise<string>((resolve) => sock.once('data', (d: Buffer) => resolve(d.toString())));
    sock.destroy();
    expect(banner).toMatch(/^SSH-2\.0-OpenSSH/);
    const sftp = await c.sftp();
    const names = await new Promise<string[]>((resolve, reject) =>
      sftp.readdir(join(tb.dir, 'ssh'), (err, list) => (err ? reject(err) : resolve(list.map((e) => e.filename)))),
    );
    expect(names).toContain('hostkey-h1.pub');
    sftp.end();
  });
});
