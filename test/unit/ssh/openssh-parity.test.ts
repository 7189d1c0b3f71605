// What a connection tells the user that OpenSSH would tell them too: a new key type for a host whose other keys are
// known is not a plain first use; ssh_config settings and known_hosts markers it does not apply are named.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import ssh2, { type ParsedKey } from 'ssh2';
import { SshConnection, type UnknownHostKeyPrompt } from '../../../electron/ssh/connection.js';
import { fingerprintSha256 } from '../../../electron/ssh/known-hosts.js';
import { clientKey, fakeClientOptions, startFakeSshd, tempDir } from './fake-sshd.js';

const { utils } = ssh2;

/** A known_hosts line for the fake server's address with a fresh key of `type`. */
function otherKeyLine(port: number, type: 'ed25519' | 'ecdsa'): string {
  const pub = (utils.parseKey(utils.generateKeyPairSync(type, type === 'ecdsa' ? { bits: 256 } : {}).public) as ParsedKey).getPublicSSH();
  const name = pub.subarray(4, 4 + pub.readUInt32BE(0)).toString();
  return `[127.0.0.1]:${port} ${name} ${pub.toString('base64')}`;
}

describe('OpenSSH parity', { timeout: 120_000 }, () => {
  it('an unknown key of a new type says which other key types are known for the host', async () => {
    const key = clientKey();
    const sshd = await startFakeSshd({ hostKeyType: 'rsa', authorizedKey: key.publicKey });
    const knownHostsFile = join(tempDir(), 'known_hosts');
    writeFileSync(knownHostsFile, `${otherKeyLine(sshd.port, 'ed25519')}\n${otherKeyLine(sshd.port, 'ecdsa')}\n`);
    const onUnknownHostKey = vi.fn(async (_p: UnknownHostKeyPrompt) => false);
    const conn = new SshConnection(fakeClientOptions(sshd, { identityFiles: [key.file], knownHostsFile, onUnknownHostKey }));
    await expect(conn.connect()).rejects.toThrow(/was not trusted/);
    expect(onUnknownHostKey.mock.calls).toEqual([
      [
        {
          host: '127.0.0.1',
          port: sshd.port,
          keyType: 'ssh-rsa',
          fingerprint: fingerprintSha256(sshd.hostKeyBlob),
          otherKnownTypes: ['ssh-ed25519', 'ecdsa-sha2-nistp256'],
        },
      ],
    ]);
  });

  it('names ProxyCommand from ssh_config and @cert-authority from known_hosts as not applied', async () => {
    const key = clientKey();
    const sshd = await startFakeSshd({ authorizedKey: key.publicKey });
    const base = fakeClientOptions(sshd, { identityFiles: [key.file] });
    const configFile = join(tempDir(), 'config');
    writeFileSync(configFile, 'Host fake\n  HostName 127.0.0.1\n  ProxyCommand nc %h %p\n');
    writeFileSync(base.knownHostsFile!, `@cert-authority *.lab,[127.0.0.1]:* ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOr0\n`, { flag: 'a' });
    const conn = new SshConnection({ ...base, host: 'fake', configFile });
    await conn.connect();
    expect(conn.ignoredSettings).toEqual([
      { setting: 'ProxyCommand', file: configFile, line: 3 },
      { setting: '@cert-authority', file: base.knownHostsFile, line: 2 },
    ]);
    conn.close();
  });
});
