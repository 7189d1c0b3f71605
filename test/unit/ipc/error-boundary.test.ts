// The one error boundary: whatever a handler throws — libvirt, SSH, inventory, seed checks, a bug — reaches the front
// end through the dispatcher as a code of the closed list (shared/model/errors.ts) with its params, never a sentence.
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../electron/core/dispatch.js';
import { SeedValidationError, validateInstanceSpec } from '../../../electron/core/cloudinit/index.js';
import { LibvirtConnectionClosedError, LibvirtError, LibvirtProtocolError } from '../../../electron/libvirt/errors.js';
import { XdrError } from '../../../electron/libvirt/xdr/errors.js';
import { XmlParseError } from '../../../electron/libvirt/xml/errors.js';
import { SshConnection } from '../../../electron/ssh/connection.js';
import {
  SshAuthError,
  SshError,
  SshHostKeyChangedError,
  SshHostKeyRejectedError,
  SshOfflineError,
} from '../../../electron/ssh/errors.js';
import { isErrorCode, type ErrorReport } from '../../../shared/model/errors.js';
import { useTempInventories } from '../inventory/helpers.js';
import { fakeCore } from './fake-core.js';

const inventories = useTempInventories();

/** What the dispatcher answers when hosts.list throws `err`. */
async function through(err: unknown): Promise<ErrorReport> {
  const core = fakeCore();
  core.handlers['hosts.list'].mockRejectedValue(err);
  const result = await dispatchCall(core, 'hosts.list', {});
  if (result.ok) throw new Error('the call succeeded');
  const { ok: _ok, ...r } = result;
  expect(isErrorCode(r.code)).toBe(true);
  expect(r).not.toHaveProperty('message');
  return r;
}

/** Throws what `fn` throws (the lower layer's own error), so the test feeds real errors through. */
async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('nothing was thrown');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('lower-level errors through the dispatcher', () => {
  it('libvirt: an error reply keeps libvirt’s own message and number; closed and garbled connections have codes', async () => {
    const reply = { code: 55, domain: 18, message: "Requested operation is not valid: pool 'p' is not active", level: 2 };
    const err = new LibvirtError({ ...reply, str1: null, str2: null, str3: null, int1: -1, int2: -1 }, 76);
    expect(await through(err)).toEqual({ code: 'libvirt.error', params: { message: reply.message, virCode: 55 } });
    expect(await through(new LibvirtConnectionClosedError('keepalive timeout'))).toEqual({ code: 'libvirt.closed', params: { message: 'keepalive timeout' } });
    expect((await through(new LibvirtProtocolError('bad program 0x1'))).code).toBe('libvirt.protocol');
    expect((await through(new XdrError('truncated'))).code).toBe('libvirt.protocol');
    expect(await through(new XmlParseError('unclosed tag', 3, 7))).toEqual({ code: 'xml.parse', params: { reason: 'unclosed tag', line: 3, column: 7 } });
  });

  it('SSH: a refused connection, failed authentication, changed, declined and revoked keys, a dropped link', async () => {
    const port = await closedPort();
    const refused = await caught(() => new SshConnection({ host: '127.0.0.1', port, user: 'root', reconnect: false, onUnknownHostKey: async () => false }).connect());
    expect(await through(refused)).toMatchObject({ code: 'ssh.unreachable', params: { target: `root@127.0.0.1:${port}` } });
    expect(await through(new SshAuthError('root@h1:22', ['agent', '/k/id_ed25519'], 'publickey'))).toEqual({
      code: 'ssh.auth',
      params: { target: 'root@h1:22', tried: ['agent', '/k/id_ed25519'], detail: 'publickey' },
    });
    const changed = new SshHostKeyChangedError('h1:22', 'SHA256:new', 'ssh-ed25519', ['SHA256:old'], '/k/known_hosts', 4);
    expect(await through(changed)).toEqual({
      code: 'ssh.host-key-changed',
      params: { target: 'h1:22', keyType: 'ssh-ed25519', fingerprint: 'SHA256:new', file: '/k/known_hosts', line: 4 },
    });
    expect((await through(new SshHostKeyRejectedError('h1:22', 'SHA256:x', 'ssh-rsa', 'declined'))).code).toBe('ssh.host-key-declined');
    const revoked = new SshHostKeyRejectedError('h1:22', 'SHA256:x', 'ssh-rsa', 'revoked', { file: '/k/known_hosts', line: 9 });
    expect(await through(revoked)).toMatchObject({ code: 'ssh.host-key-revoked', params: { file: '/k/known_hosts', line: 9 } });
    expect(await through(new SshOfflineError('h1:22', 'reconnecting'))).toEqual({ code: 'ssh.offline', params: { target: 'h1:22' } });
    expect((await through(new SshError('SSH_CHANNEL', 'exec on h1 failed: open failed'))).code).toBe('ssh.channel');
  });

  it('inventory: a second host of one name, an unknown host', async () => {
    const inv = inventories.open();
    const h1 = { name: 'h1', transport: 'local', uri: 'qemu:///system' } as const;
    inv.addHost(h1);
    expect(await through(await caught(() => inv.addHost(h1)))).toEqual({ code: 'host.exists', params: { host: 'h1' } });
    expect(await through(await caught(() => inv.removeHost('nope')))).toEqual({ code: 'host.not-found', params: { host: 'nope' } });
  });

  it('seed checks: the first error with the field it is about', async () => {
    const issues = validateInstanceSpec({ hostname: 'bad_name', users: [], sshPwauth: false, packages: [], runcmd: [], network: { mode: 'dhcp' } });
    expect(await through(new SeedValidationError(issues))).toEqual({ code: 'seed.hostname', params: { value: 'bad_name' }, field: 'hostname' });
  });

  it('anything else is internal with its first line, never a stack', async () => {
    expect(await through(new TypeError('x is undefined\n    at f (/secret/path.js:1:1)'))).toEqual({
      code: 'internal',
      params: { message: 'x is undefined' },
    });
    expect(await through(42)).toEqual({ code: 'internal', params: { message: '42' } });
  });
});
