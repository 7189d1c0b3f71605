import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { SshConnection } from '../../../electron/ssh/connection.js';
import { detectLocalLibvirt, openLocalLibvirtSocket } from '../../../electron/ssh/local-socket.js';
import { closedAfterEach, tb, tempDir } from './helpers.js';

const { conn, track } = closedAfterEach();
const h1 = tb.hosts[0]!;

/** Hand-built REMOTE_PROC_AUTH_LIST call: length 28, prog 0x20008086, vers 1, proc 66, call, serial 1, ok. */
function authListPacket(): Buffer {
  const b = Buffer.alloc(28);
  [28, 0x20008086, 1, 66, 0, 1, 0].forEach((v, i) => b.writeUInt32BE(v, i * 4));
  return b;
}

/** Send AUTH_LIST and return the header of the reply packet. */
async function authList(stream: Duplex): Promise<{ len: number; prog: number; proc: number; type: number; serial: number; status: number }> {
  const reply = new Promise<Buffer>((resolve, reject) => {
    let buf = Buffer.alloc(0);
    stream.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 4 && buf.length >= buf.readUInt32BE(0)) resolve(buf);
    });
    stream.once('error', reject);
    stream.once('close', () => reject(new Error(`stream closed after ${buf.length} bytes`)));
  });
  stream.write(authListPacket());
  const b = await reply;
  const u = (i: number) => b.readUInt32BE(i * 4);
  return { len: u(0), prog: u(1), proc: u(3), type: u(4), serial: u(5), status: u(6) };
}

const okReply = { prog: 0x20008086, proc: 66, type: 1, serial: 1, status: 0 };

describe.skipIf(!tb.available)('ProxyJump', () => {
  it('reaches h2 by jumping through h1', async () => {
    const c = await conn(2, { host: 'h2', port: 22, jump: `root@127.0.0.1:${h1.sshPort}` });
    const r = await c.exec(['sh', '-c', 'hostname; echo "$SSH_CONNECTION"']);
    const [name, sshConnection] = r.stdout.toString().trim().split('\n');
    expect(name).toBe('h2');
    expect(sshConnection!.split(' ')[0]).toBe(h1.labIp); // the TCP connection came from h1
  });

  it('chains two jumps: h1 then h3, then h2', async () => {
    const c = await conn(2, { host: 'h2', port: 22, jump: [`root@127.0.0.1:${h1.sshPort}`, { host: 'h3', user: 'root' }] });
    const r = await c.exec(['sh', '-c', 'hostname; echo "$SSH_CONNECTION"']);
    const [name, sshConnection] = r.stdout.toString().trim().split('\n');
    expect(name).toBe('h2');
    expect(sshConnection!.split(' ')[0]).toBe(tb.hosts[2]!.labIp);
  });

  it('resolves aliases, ports, users, keys and ProxyJump from an ssh_config file', async () => {
    const dir = tempDir();
    const configFile = join(dir, 'config');
    writeFileSync(
      configFile,
      [
        'Host tb1',
        '  HostName 127.0.0.1',
        `  Port ${h1.sshPort}`,
        'Host tb2',
        '  HostName h2',
        '  ProxyJump tb1',
        'Host tb*',
        '  User root',
        `  IdentityFile ${tb.keyFile}`,
        '  IdentitiesOnly yes',
      ].join('\n'),
    );
    const c = new SshConnection({
      host: 'tb2',
      configFile,
      agent: '',
      knownHostsFile: tb.knownHosts,
      onUnknownHostKey: async () => false,
    });
    track(c);
    await c.connect();
    expect(c.label).toBe('root@h2:22');
    expect((await c.exec(['hostname'])).stdout.toString().trim()).toBe('h2');
  });

  it('target unreachable from the jump host → SshUnreachableError naming both', async () => {
    const err = await conn(2, { host: '127.0.0.1', port: 1, jump: `root@127.0.0.1:${h1.sshPort}` }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('SshUnreachableError');
    expect((err as Error).message).toContain(`root@127.0.0.1:1: via root@127.0.0.1:${h1.sshPort}`);
  });
});

describe.skipIf(!tb.available)('libvirt channel', () => {
  it('openLibvirtChannel speaks libvirt RPC (AUTH_LIST → status 0) over streamlocal, without a process on the host', async () => {
    const c = await conn(1);
    const stream = await c.openLibvirtChannel();
    expect(c.libvirtChannelKind).toBe('streamlocal');
    expect(await authList(stream)).toMatchObject(okReply);
    stream.destroy();
  });

  it('falls back to virt-ssh-helper (probed once per connection)', async () => {
    const c = await conn(1);
    const t0 = performance.now();
    const stream = await c.openLibvirtChannel('qemu:///system', false, 'virt-ssh-helper');
    const openMs = performance.now() - t0;
    expect(c.libvirtChannelKind).toBe('virt-ssh-helper');
    expect(await authList(stream)).toMatchObject(okReply);
    stream.destroy();
    const t1 = performance.now();
    const again = await c.openLibvirtChannel('qemu:///system', true, 'virt-ssh-helper');
    const againMs = performance.now() - t1;
    expect(await authList(again)).toMatchObject(okReply);
    again.destroy();
    console.log(`virt-ssh-helper channel: first ${openMs.toFixed(0)} ms (with probe), second ${againMs.toFixed(0)} ms`);
  });

  it('forwardStreamLocal to the libvirt socket (the fallback path) answers too', async () => {
    const c = await conn(1);
    const stream = await c.forwardStreamLocal('/var/run/libvirt/libvirt-sock');
    expect(await authList(stream)).toMatchObject(okReply);
    stream.destroy();
  });

  it('local socket: detectLocalLibvirt and openLocalLibvirtSocket', async () => {
    const sock = tb.hosts[0]!.socket;
    expect(await detectLocalLibvirt(['/nonexistent/libvirt-sock', sock])).toBe(sock);
    expect(await detectLocalLibvirt(['/nonexistent/libvirt-sock'])).toBeNull();
    const stream = await openLocalLibvirtSocket(sock);
    expect(await authList(stream)).toMatchObject(okReply);
    stream.destroy();
  });
});

describe.skipIf(!tb.available)('via + shell (a guest reached through its host)', () => {
  it('opens a pty shell on h2 through the h1 connection, with h1\'s key, and resizes it', async () => {
    const host = await conn(1);
    const guest = new SshConnection({
      host: 'h2',
      user: 'root',
      via: host,
      configFile: null,
      agent: '',
      knownHostsFile: tb.knownHosts,
      onUnknownHostKey: async () => false,
      reconnect: false,
    });
    track(guest);
    await guest.connect();
    const shell = await guest.shell({ cols: 91, rows: 27 });
    let out = '';
    shell.on('data', (d: Buffer) => (out += d.toString()));
    const waitFor = (re: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const t0 = Date.now();
        const tick = setInterval(() => {
          if (!re.test(out) && Date.now() - t0 < 10_000) return;
          clearInterval(tick);
          if (re.test(out)) resolve();
          else reject(new Error(`no ${re} in ${JSON.stringify(out)}`));
        }, 20);
      });
    shell.write('echo "size=$(stty size) host=$(hostname) from=${SSH_CONNECTION%% *}"\n');
    await waitFor(new RegExp(`size=27 91 host=h2 from=${h1.labIp.replaceAll('.', '\\.')}\\s`));
    shell.resize(120, 40);
    await new Promise((r) => setTimeout(r, 100));
    shell.write('echo "size2=$(stty size)"\n');
    await waitFor(/size2=40 120/);
    const closed = new Promise((r) => shell.once('close', r));
    shell.end('exit\n');
    await closed;
    host.close();
    await expect(guest.exec(['true'])).rejects.toThrow(/is (offline|reconnecting|closed)/);
  });
});
