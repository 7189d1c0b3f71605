// Console grants on a real host, checked with OpenSSH's own client and the grant's (encrypted) key: what the key
// may not do (shell, SFTP, another VM's VNC port, the libvirt socket) is refused by sshd; the granted VNC port
// answers a real RFB handshake with the grant's password; the serial grant opens that VM's console; a one-minute
// grant stops working once it has ended; revoke removes the entry at once.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect as netConnect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { grantFileText, type GrantFile } from '../../../shared/ipc/grant-schemas.js';
import { HOST_AUDIT_FILE } from '../../../shared/model/audit.js';
import { testbed } from '../testbed.js';
// freePort: a port the system had free a moment ago, not one from a fixed range: another test file may run beside
// this one with servers of its own (a CI run once forwarded into one of them and read no RFB banner).
import { freePort } from '../ssh/helpers.js';
import { refusal } from '../core/hw-helpers.js';
import { CLI, defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, sshHostConfig, tempHome, uniq } from '../core/helpers.js';

const tb = testbed();
const HOST = 1;
const H = 'g1';
const PASSPHRASE = 'correct horse battery';
// QEMU changes a VNC password only on a display started with one (password=on): the admin's VMs have one.
const VNC = "<graphics type='vnc' autoport='yes' listen='127.0.0.1' passwd='admin123'/>";

/** The VNC authentication response: DES of the challenge with the password (8 bytes, each bit-reversed) as key. */
function vncResponse(password: string, challenge: Buffer): Buffer {
  const key = Buffer.alloc(8);
  Buffer.from(password, 'latin1').copy(key, 0, 0, 8);
  for (let i = 0; i < 8; i++) {
    let b = key[i] as number;
    let r = 0;
    for (let j = 0; j < 8; j++) r |= ((b >> j) & 1) << (7 - j);
    key[i] = r;
    b = r;
  }
  // single DES as triple DES with one key three times (OpenSSL 3 keeps plain DES in its legacy provider)
  const des = createCipheriv('des-ede3-ecb', Buffer.concat([key, key, key]), null).setAutoPadding(false);
  return Buffer.concat([des.update(challenge), des.final()]);
}

/** Reads exactly n bytes (null when the stream ends first). */
function reader(sock: Socket): (n: number) => Promise<Buffer | null> {
  let buf = Buffer.alloc(0);
  let ended = false;
  let wake: (() => void) | null = null;
  sock.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    wake?.();
  });
  const end = () => {
    ended = true;
    wake?.();
  };
  sock.on('end', end);
  sock.on('close', end);
  sock.on('error', end);
  return async (n) => {
    while (buf.length < n && !ended) await new Promise<void>((r) => (wake = r));
    if (buf.length < n) return null;
    const out = buf.subarray(0, n);
    buf = buf.subarray(n);
    return out;
  };
}

/** An RFB 3.8 handshake with VNC authentication: the server's SecurityResult (0 = accepted), or null if cut off. */
async function rfbAuth(port: number, password: string): Promise<{ banner: string; result: number | null }> {
  const sock = netConnect(port, '127.0.0.1');
  const read = reader(sock);
  try {
    const banner = (await read(12))?.toString('latin1') ?? '';
    if (!banner.startsWith('RFB ')) return { banner, result: null };
    sock.write('RFB 003.008\n');
    const n = (await read(1))?.[0] ?? 0;
    const types = [...((await read(n)) ?? [])];
    if (!types.includes(2)) return { banner, result: null };
    sock.write(Buffer.from([2]));
    const challenge = await read(16);
    if (!challenge) return { banner, result: null };
    sock.write(vncResponse(password, challenge));
    const result = await read(4);
    return { banner, result: result ? result.readUInt32BE(0) : null };
  } finally {
    sock.destroy();
  }
}

/**
 * Grants create an account on the host: only where accounts are private to it (a test bed started before /etc
 * became an overlay there would put the account on this machine). Such a test bed needs down.sh, then up.sh.
 */
const privateAccounts =
  tb.available && spawnSync(join(tb.dir, 'bin', 'tbns'), [String(HOST), 'findmnt', '-n', '-o', 'FSTYPE', '/etc'], { encoding: 'utf8' }).stdout.trim() === 'overlay';
if (tb.available && !privateAccounts) console.warn('console grant tests skipped: the test bed has no private /etc per host (run down.sh, then up.sh)');

describe.skipIf(!privateAccounts)('console grants enforced by the host (real sshd, OpenSSH client)', () => {
  const home = tempHome('vd-grants-');
  const work = mkdtempSync(join(tmpdir(), 'vd-grants-ssh-'));
  const tag = uniq('gr').slice(3);
  const A = `grant-a-${tag}`;
  const B = `grant-b-${tag}`;
  const C = `grant-c-${tag}`;
  const host = tb.hosts[HOST - 1]!;
  const children: ChildProcess[] = [];
  let core: Core;
  let portB = 0;

  const askpass = join(work, 'askpass.sh');
  writeFileSync(askpass, `#!/bin/sh\necho '${PASSPHRASE}'\n`);
  chmodSync(askpass, 0o700);

  const keyOf = (file: GrantFile): string => {
    const f = join(work, `key-${file.id}`);
    writeFileSync(f, file.privateKey, { mode: 0o600 });
    return f;
  };
  /** OpenSSH options: the grant's key (its passphrase through SSH_ASKPASS), the test bed's known hosts. */
  const sshOpts = (key: string): string[] => [
    '-i', key, '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${tb.knownHosts}`, '-o', 'StrictHostKeyChecking=yes',
    '-o', 'PasswordAuthentication=no', '-o', 'KbdInteractiveAuthentication=no', '-o', 'ConnectTimeout=20',
  ];
  const env = { ...process.env, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' };
  const target = `virtdeck-console@${host.sshHost}`;
  /** OpenSSH with the grant's key: `args` are options, `command` goes after the target. */
  const ssh = (key: string, args: string[], command: string[] = []) =>
    spawnSync('ssh', [...sshOpts(key), '-p', String(host.sshPort), ...args, target, ...command], { env, encoding: 'utf8', timeout: 60_000, stdin: 'ignore' } as never) as unknown as { status: number | null; stdout: string; stderr: string };

  /** `ssh -N -L local:dest`; resolves once the forward listens (or ssh exits). Its stderr is collected. */
  async function forward(key: string, spec: string, probe: () => Promise<boolean>): Promise<{ stderr: () => string; exited: () => boolean; stop: () => void }> {
    let err = '';
    let gone = false;
    const child = spawn('ssh', [...sshOpts(key), '-p', String(host.sshPort), '-N', '-o', 'ExitOnForwardFailure=yes', '-L', spec, target], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', () => (gone = true));
    for (let i = 0; i < 300 && !gone && !(await probe()); i++) await new Promise((r) => setTimeout(r, 100));
    // what answers on the local end must be this ssh's listener
    if (gone) throw new Error(`ssh -L ${spec} ended: ${err}`);
    return { stderr: () => err, exited: () => gone, stop: () => child.kill() };
  }
  const tcpListening = (port: number) => () =>
    new Promise<boolean>((res) => {
      const s = netConnect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), res(true)));
      s.once('error', () => res(false));
    });

  const grant = (vm: string, extra: { vnc?: boolean; serial?: boolean; seconds?: number } = {}) =>
    core.call('grants.create', {
      ref: { host: H, vm },
      for: 'Ada Lovelace',
      until: new Date(Date.now() + (extra.seconds ?? 30 * 60) * 1000).toISOString(),
      vnc: extra.vnc ?? true,
      serial: extra.serial ?? false,
      viewOnly: false,
      passphrase: PASSPHRASE,
      createAccount: true,
    });

  beforeAll(async () => {
    defineTinyDomain(tb, HOST, A, VNC);
    defineTinyDomain(tb, HOST, B, VNC);
    tb.virsh(HOST, 'start', A);
    tb.virsh(HOST, 'start', B);
    defineTinyDomain(tb, HOST, C, "<graphics type='vnc' autoport='yes' listen='127.0.0.1'/>");
    tb.virsh(HOST, 'start', C);
    portB = Number(/<graphics type='vnc' port='(\d+)'/.exec(tb.virsh(HOST, 'dumpxml', B))?.[1]);
    core = await createCore({ home, autoConnect: false });
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, knownHostsCopy(tb, home), H) });
  });

  afterAll(async () => {
    for (const c of children) c.kill();
    await core?.close();
    purgeDomain(tb, HOST, A);
    purgeDomain(tb, HOST, B);
    purgeDomain(tb, HOST, C);
  });

  it('creates the console account only with consent, outside the libvirt group and without a shell of its own', async () => {
    // a test bed kept from an earlier run has the account already
    const existed = spawnSync(join(tb.dir, 'bin', 'tbns'), [String(HOST), 'getent', 'passwd', 'virtdeck-console']).status === 0;
    if (!existed) {
      const code = await refusal(core.call('grants.create', {
        ref: { host: H, vm: A }, for: 'x', until: new Date(Date.now() + 60_000).toISOString(), vnc: true, serial: false, viewOnly: false,
        passphrase: PASSPHRASE, createAccount: false,
      }));
      expect(code).toBe('grant.no-account');
    }
    const { file, grant: g } = await grant(A);
    expect(g.vncPort).toBe(file.vnc?.port);
    const passwd = spawnSync(join(tb.dir, 'bin', 'tbns'), [String(HOST), 'getent', 'passwd', 'virtdeck-console'], { encoding: 'utf8' }).stdout;
    expect(passwd.trim().split(':')[6]).toBe('/usr/local/libexec/virtdeck/grant-shell');
    const groups = spawnSync(join(tb.dir, 'bin', 'tbns'), [String(HOST), 'id', '-nG', 'virtdeck-console'], { encoding: 'utf8' }).stdout;
    expect(groups.split(/\s+/)).not.toContain('libvirt');
    // the port is pinned and the password set in the definition too
    const config = tb.virsh(HOST, 'dumpxml', '--inactive', '--security-info', A);
    expect(config).toContain(`port='${g.vncPort}' autoport='no'`);
    expect(config).toContain(`passwd='${file.vnc?.password}'`);
    // a display started without a password cannot get one live: refused before anything changes
    const before = tb.virsh(HOST, 'dumpxml', '--inactive', '--security-info', C);
    expect(await refusal(grant(C))).toBe('grant.vnc-no-password');
    expect(tb.virsh(HOST, 'dumpxml', '--inactive', '--security-info', C)).toBe(before);
  });

  it("refuses a shell, a command, SFTP, another VM's VNC port and the libvirt socket; forwards the granted port", async () => {
    const { file, grant: g } = await grant(A);
    const key = keyOf(file);
    const shell = ssh(key, ['-T']);
    expect(shell.status).not.toBe(0);
    const cmd = ssh(key, [], ['echo', 'granted-shell']);
    expect(cmd.stdout).not.toContain('granted-shell');
    expect(cmd.stderr).toContain('only opens consoles');
    const sftp = spawnSync('sftp', [...sshOpts(key), '-P', String(host.sshPort), '-b', '-', target], { env, input: 'ls /\n', encoding: 'utf8', timeout: 60_000 });
    expect(sftp.status).not.toBe(0);

    const other = await freePort();
    const toB = await forward(key, `127.0.0.1:${other}:127.0.0.1:${portB}`, tcpListening(other));
    expect((await rfbAuth(other, file.vnc!.password)).banner).toBe('');
    await new Promise((r) => setTimeout(r, 300));
    expect(toB.stderr()).toMatch(/open failed|administratively prohibited/);
    toB.stop();

    const sock = `/tmp/vdg-${g.id}.sock`; // short: a unix socket path has at most ~100 bytes
    const toLibvirt = await forward(key, `${sock}:/run/libvirt/libvirt-sock`, async () => spawnSync('test', ['-S', sock]).status === 0);
    const probe = await new Promise<string>((res) => {
      const s = netConnect(sock);
      let got = '';
      s.on('data', (d: Buffer) => (got += d.toString('hex')));
      s.on('error', () => res('error'));
      s.on('close', () => res(got));
      s.write(Buffer.alloc(28));
    });
    expect(probe === '' || probe === 'error').toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(toLibvirt.stderr()).toMatch(/open failed|administratively prohibited/);
    toLibvirt.stop();

    const local = await freePort();
    const toA = await forward(key, `127.0.0.1:${local}:127.0.0.1:${g.vncPort}`, tcpListening(local));
    const ok = await rfbAuth(local, file.vnc!.password);
    expect(ok.banner).toMatch(/^RFB 003\.00\d\n$/);
    expect(ok.result).toBe(0);
    const wrong = await rfbAuth(local, 'notit123');
    expect(wrong.result).not.toBe(0);
    toA.stop();
  });

  it("a serial grant opens that VM's console through the forced command and sudo rule", async () => {
    const { file } = await grant(A, { vnc: false, serial: true });
    const key = keyOf(file);
    // once virsh console on the host says it is connected, Ctrl+] ends it (and the session); 20 s at most
    const stdout = await new Promise<string>((resolve) => {
      const child = spawn('ssh', [...sshOpts(key), '-tt', '-p', String(host.sshPort), target], { env, stdio: ['pipe', 'pipe', 'ignore'] });
      children.push(child);
      let out = '';
      let ended = false;
      const timer = setTimeout(() => child.kill(), 20_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (!ended && out.includes('Connected to domain')) child.stdin!.write('\x1d');
        ended ||= out.includes('Connected to domain');
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(out);
      });
    });
    expect(stdout).toContain(`Connected to domain`);
    expect(stdout).toContain(A);
    // no port forwarding for a serial-only grant
    const local = await freePort();
    const fwd = await forward(key, `127.0.0.1:${local}:127.0.0.1:${portB}`, tcpListening(local));
    expect((await rfbAuth(local, 'x')).banner).toBe('');
    fwd.stop();
  });

  it('revoke removes the entry at once and resets the VNC password', async () => {
    const { file, grant: g } = await grant(A);
    const key = keyOf(file);
    const listed = await core.call('grants.list', { host: H, vm: A });
    expect(listed.map((x) => x.id)).toContain(g.id);
    await core.call('grants.revoke', { id: g.id });
    const keys = spawnSync(join(tb.dir, 'bin', 'tbns'), [String(HOST), 'cat', '/home/virtdeck-console/.ssh/authorized_keys'], { encoding: 'utf8' }).stdout;
    expect(keys).not.toContain(`id=${g.id}`);
    expect((await core.call('grants.list', { host: H })).map((x) => x.id)).not.toContain(g.id);
    const denied = ssh(key, [], ['true']);
    expect(denied.stderr).toContain('Permission denied');
    expect(tb.virsh(HOST, 'dumpxml', '--inactive', '--security-info', A)).not.toContain(`passwd='${file.vnc?.password}'`);
    expect(await refusal(core.call('grants.revoke', { id: g.id }))).toBe('grant.not-found');
    // the VM's history is the audit log
    const events = (await core.call('vms.events', { ref: { host: H, vm: A } })).filter((e) => (e.data as { params?: { id?: string } } | null)?.params?.id === g.id);
    expect(events.map((e) => e.kind)).toEqual(['granted', 'grant-revoked']);
    // and the audit log has the calls: the revoke, and the second one refused with its code
    const audited = (await core.call('audit.list', { text: g.id })).entries.map((e) => [e.action, e.host, e.vm, e.object, e.result, e.code]);
    expect(audited).toEqual([
      ['grants.revoke', null, null, g.id, 'error', 'grant.not-found'],
      ['grants.revoke', H, A, g.id, 'ok', null], // the host and VM the revoke found
    ]);
  });

  it('support mode: grants.open takes the grant file and its passphrase alone; its session forwards the granted VNC port only', async () => {
    const { file: f, grant: g } = await grant(A, { serial: false });
    const file = join(work, `support-${g.id}.json`);
    writeFileSync(file, grantFileText(f), { mode: 0o600 });
    // The core that opens it knows no host: the grant file is all it has.
    const support = await createCore({ home: tempHome('vd-grants-support-'), autoConnect: false });
    try {
      expect(await refusal(support.call('grants.open', { file, passphrase: 'not the passphrase' }))).toBe('grant.wrong-passphrase');
      const session = await support.call('grants.open', { file, passphrase: PASSPHRASE });
      expect(session).toMatchObject({ grant: g.id, vm: { name: A, uuid: g.uuid }, until: g.until, viewOnly: false, serial: false, vnc: { password: f.vnc!.password } });
      expect(await refusal(support.consoles.openSupportSerial(session.id))).toBe('grant.no-console');
      // Each local connection is one VNC channel of the session: a real RFB handshake with the file's password.
      const server = createServer((sock) => {
        support.consoles.openSupportVnc(session.id).then(
          (vnc) => {
            sock.pipe(vnc).pipe(sock);
            sock.on('close', () => vnc.destroy());
          },
          () => sock.destroy(),
        );
      });
      const port = await freePort();
      await new Promise<void>((res) => server.listen(port, '127.0.0.1', res));
      try {
        const ok = await rfbAuth(port, f.vnc!.password);
        expect(ok.banner).toMatch(/^RFB 003\.00\d\n$/);
        expect(ok.result).toBe(0);
      } finally {
        server.close();
      }
      await support.call('grants.close', { id: session.id });
      expect(await refusal(support.consoles.openSupportVnc(session.id))).toBe('grant.no-session');
    } finally {
      await support.close();
      await core.call('grants.revoke', { id: g.id });
    }
  });

  // sshd's expiry-time has seconds: half a minute is time enough for the check before it ends (a minute was
  // 35 s of waiting more in every CI run).
  it('a grant of half a minute stops working once it has ended', async () => {
    const { file, grant: g } = await grant(A, { seconds: 30 });
    const key = keyOf(file);
    const before = await freePort();
    const fwd = await forward(key, `127.0.0.1:${before}:127.0.0.1:${g.vncPort}`, tcpListening(before));
    expect((await rfbAuth(before, file.vnc!.password)).result).toBe(0);
    fwd.stop();
    await new Promise((r) => setTimeout(r, Date.parse(g.until) - Date.now() + 5_000));
    const after = ssh(key, ['-N', '-o', 'ExitOnForwardFailure=yes', '-L', `127.0.0.1:${await freePort()}:127.0.0.1:${g.vncPort}`]);
    expect(after.status).not.toBe(0);
    expect(after.stderr).toContain('Permission denied');
    // the admin's VirtDeck prunes it when it connects to the host
    const keys = () => spawnSync(join(tb.dir, 'bin', 'tbns'), [String(HOST), 'cat', '/home/virtdeck-console/.ssh/authorized_keys'], { encoding: 'utf8' }).stdout;
    expect(keys()).toContain(`id=${g.id}`);
    const again = await createCore({ home, autoConnect: false });
    try {
      await again.call('hosts.connect', { names: [H] });
    } finally {
      await again.close(); // waits for the prune under way
    }
    expect(keys()).not.toContain(`id=${g.id}`);
    const events = (await core.call('vms.events', { ref: { host: H, vm: A } })).filter((e) => (e.data as { params?: { id?: string } } | null)?.params?.id === g.id);
    expect(events.map((e) => e.kind)).toEqual(['granted', 'grant-expired']);
    // the prune is an audit entry of its own, here and in the host's audit file
    const expired = (await core.call('audit.list', { host: H, text: g.id })).entries;
    expect(expired.map((e) => [e.action, e.vm, e.object, e.result])).toEqual([['grants.expired', A, g.id, 'ok']]);
    const onHost = spawnSync(join(tb.dir, 'bin', 'tbns'), [String(HOST), 'cat', HOST_AUDIT_FILE], { encoding: 'utf8' }).stdout;
    expect(onHost).toContain(`"id":"${expired[0]!.id}"`);
  }, 150_000);

  it('the CLI creates, lists and revokes a grant, and `console --grant` opens the serial console with the file alone', async () => {
    const cliHome = tempHome('vd-grants-cli-');
    expect((await runCli(cliHome, hostAddArgs(tb, HOST, knownHostsCopy(tb, cliHome), H))).code).toBe(0);
    const pass = join(work, 'passphrase');
    writeFileSync(pass, `${PASSPHRASE}\n`);
    const out = join(work, `cli-${tag}.grant.json`);
    const created = await runCli(cliHome, ['grant', 'create', `${H}/${A}`, '--for', 'Grace Hopper', '--minutes', '30', '--serial', '--out', out, '--passphrase-file', pass]);
    expect(created.stderr).toContain('Grace Hopper');
    expect(created.code).toBe(0);
    const id = created.stdout.trim();
    const listed = JSON.parse((await runCli(cliHome, ['grant', 'list', `${H}/${A}`, '--json'])).stdout) as { id: string; serial: boolean; for: string }[];
    expect(listed.find((g) => g.id === id)).toMatchObject({ serial: true, for: 'Grace Hopper' });
    // once connected, Ctrl+] ends virsh console on the host, which ends the session and the command. It is sent
    // again each second: a byte that arrives before virsh has put the terminal in raw mode is flushed by it.
    const con = spawn(process.execPath, [CLI, 'console', '--grant', out, '--serial', '--passphrase-file', pass], {
      env: { ...process.env, VIRTDECK_HOME: cliHome },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(con);
    let seen = '';
    let escape: NodeJS.Timeout | undefined;
    con.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      if (!escape && seen.includes('Connected to domain')) {
        con.stdin!.write('\x1d');
        escape = setInterval(() => con.stdin!.write('\x1d'), 1000);
      }
    });
    const code = await new Promise<number | null>((res) => con.on('exit', (c) => res(c))).finally(() => clearInterval(escape));
    expect(seen).toContain('Connected to domain');
    expect(code).toBe(0);
    const bad = await runCli(cliHome, ['grant', 'create', `${H}/${A}`, '--for', 'x', '--minutes', '5', '--hours', '1', '--out', join(work, 'no'), '--passphrase-file', pass]);
    expect(bad.code).toBe(2);
    expect((await runCli(cliHome, ['grant', 'revoke', id])).code).toBe(0);
    expect((await runCli(cliHome, ['grant', 'list', H, '--json'])).stdout).not.toContain(id);
  }, 150_000);
});
