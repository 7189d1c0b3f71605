// A host is a transport: the same calls work over SSH (test-bed h1) and on this machine (a `local` host on h2's
// libvirt socket): exec with its output cap, spawn, stat, forwards and the libvirt stream.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { CoreError } from '../../../electron/core/errors.js';
import type { HostTransport } from '../../../electron/core/hosts/host-transport.js';
import { SshOutputLimitError } from '../../../electron/ssh/errors.js';
import { coreError } from '../../fixtures/core-error.js';
import { testbed } from '../testbed.js';
import { hostAddArgs, knownHostsCopy, runCli, sshHostConfig, tempHome } from './helpers.js';

const tb = testbed();

describe.skipIf(!tb.available)('host transports', () => {
  const home = tempHome();
  let core: Core;
  const transport = (name: string): HostTransport => core.hostRegistry.get(name).transport;

  beforeAll(async () => {
    core = await createCore({ home, autoConnect: false });
    await core.hosts.add(sshHostConfig(tb, 1, knownHostsCopy(tb, home), 'over-ssh'));
    await core.hosts.add({ name: 'here', transport: 'local', uri: `qemu+unix:///system?socket=${tb.hosts[1]!.socket}` });
  });
  afterAll(async () => {
    await core?.close();
  });

  it('both hosts are online through their transport, and libvirt answers', async () => {
    expect(core.hosts.list().map((h) => [h.name, h.status, h.hostname])).toEqual([
      ['here', 'online', 'h2'],
      ['over-ssh', 'online', 'h1'],
    ]);
    expect(core.hostRegistry.get('here').channelKind).toBe('unix');
    expect(core.hostRegistry.get('over-ssh').channelKind).toBe('streamlocal');
  });

  it('exec runs where the host is, with argv intact', async () => {
    const where = async (name: string) => (await transport(name).exec(['sh', '-c', 'hostname; printf %s "$1"', 'sh', "it's $HOME"])).stdout.toString();
    expect(await where('over-ssh')).toBe("h1\nit's $HOME");
    expect(await where('here')).toBe(`${hostname()}\nit's $HOME`);
    for (const name of ['here', 'over-ssh']) {
      expect(await transport(name).exec(['sh', '-c', 'echo e >&2; exit 4'])).toMatchObject({ code: 4, signal: null });
      expect((await transport(name).exec(['cat'], { stdin: 'in' })).stdout.toString()).toBe('in');
    }
    expect((await transport('here').exec(['no-such-command-vd'])).code).toBe(127);
  });

  it('exec output past the cap fails that call alone, on both transports', async () => {
    const big = ['head', '-c', '100000', '/dev/zero'];
    await expect(transport('over-ssh').exec(big, { maxOutputBytes: 50_000 })).rejects.toBeInstanceOf(SshOutputLimitError);
    const local = await transport('here').exec(big, { maxOutputBytes: 50_000 }).catch((e: unknown) => e);
    expect(local).toBeInstanceOf(CoreError);
    expect(local).toEqual(coreError('host.output-limit', { target: 'localhost', command: 'head', limitBytes: 50_000 }));
    for (const name of ['here', 'over-ssh']) expect((await transport(name).exec(big)).stdout.length).toBe(100_000);
  });

  it('spawn streams output and reports the exit code', async () => {
    for (const name of ['here', 'over-ssh']) {
      const p = await transport(name).spawn(['sh', '-c', 'echo out; exit 3']);
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      expect(await p.exited).toBe(3);
      expect(out).toBe('out\n');
    }
  });

  it('stat says what a path is on that host', async () => {
    for (const name of ['here', 'over-ssh']) {
      const t = transport(name);
      expect(await t.stat('/')).toBe('directory');
      expect(await t.stat('/etc/hostname')).toBe('file');
      expect(await t.stat('/no/such/path/vd')).toBe('missing');
    }
  });

  it('forwards reach a TCP port and a unix socket from the host', async () => {
    const server = createServer((s) => s.end('hello from here\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const sock = await transport('here').forwardOut('127.0.0.1', port);
      expect(await new Promise<string>((resolve) => sock.once('data', (d: Buffer) => resolve(d.toString())))).toBe('hello from here\n');
      sock.destroy();
    } finally {
      server.close();
    }
    await expect(transport('here').forwardOut('127.0.0.1', 1)).rejects.toThrow(/ECONNREFUSED/);
    for (const [name, socket] of [['here', tb.hosts[1]!.socket], ['over-ssh', '/var/run/libvirt/libvirt-sock']] as const) {
      const s = await transport(name).forwardUnix(socket);
      expect(s.writable).toBe(true);
      s.destroy();
    }
  });

  it('ssh_config settings VirtDeck does not apply are shown on the host (HostInfo) and by the CLI', async () => {
    // A user whose ~/.ssh/config says something VirtDeck does not do for this address.
    const userHome = tempHome('vd-user-');
    mkdirSync(join(userHome, '.ssh'));
    const config = join(userHome, '.ssh', 'config');
    writeFileSync(config, `Host 127.0.0.1\n  StrictHostKeyChecking no\n  ProxyCommand nc %h %p\n`);
    const realHome = process.env.HOME;
    process.env.HOME = userHome;
    try {
      await core.hosts.add(sshHostConfig(tb, 3, knownHostsCopy(tb, home), 'configured'));
      expect(core.hosts.list().find((h) => h.name === 'configured')?.ignoredSshSettings).toEqual([
        { setting: 'StrictHostKeyChecking', file: config, line: 2 },
        { setting: 'ProxyCommand', file: config, line: 3 },
      ]);
      const cliHome = tempHome();
      const added = await runCli(cliHome, hostAddArgs(tb, 3, knownHostsCopy(tb, cliHome)));
      expect(added.code, added.stderr).toBe(0);
      expect(added.stderr).toBe(
        `warning: StrictHostKeyChecking (${config}:2) is not used by VirtDeck\nwarning: ProxyCommand (${config}:3) is not used by VirtDeck\n`,
      );
    } finally {
      process.env.HOME = realHome;
    }
  });
});
