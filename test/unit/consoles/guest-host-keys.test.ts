// Guest SSH host keys: tied to the VM (its UUID) in VirtDeck's own store, compared with what the VM printed on its
// serial console, shown before they are trusted, and forgotten with the VM. Against an SSH server in this process;
// the "host" is this machine (LocalTransport) whose forwards lead to that server.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { HostKeyPrompt } from '../../../shared/model/host.js';
import { consoleHostKeyFingerprints } from '../../../electron/core/consoles/console-host-keys.js';
import { GuestHostKeys } from '../../../electron/core/consoles/guest-host-keys.js';
import { connectGuest } from '../../../electron/core/consoles/guest-ssh.js';
import { LocalTransport } from '../../../electron/core/hosts/local-transport.js';
import { SshHostKeyChangedError, SshHostKeyRejectedError } from '../../../electron/ssh/errors.js';
import { fingerprintSha256, keyTypeOfBlob } from '../../../electron/ssh/known-hosts.js';
import { connectedSocket } from '../../../electron/ssh/local-socket.js';
import { clientKey, startFakeSshd, tempDir, type FakeSshd } from '../ssh/fake-sshd.js';

/** This machine as the VM's host, except that every guest address leads to the fake sshd. */
class HostOfFake extends LocalTransport {
  constructor(private readonly sshd: () => FakeSshd) {
    super();
  }
  override forwardOut(): ReturnType<LocalTransport['forwardOut']> {
    return connectedSocket({ host: '127.0.0.1', port: this.sshd().port });
  }
}

const keyLine = (blob: Buffer) => `${keyTypeOfBlob(blob)} ${blob.toString('base64')} root@guest`;

/** What cloud-init prints on the serial console at first boot (with the "ec2:" prefix some images add). */
function consoleText(keys: Buffer[]): string {
  return [
    '[  OK  ] Started cloud-final.service',
    'ec2: #############################################################',
    'ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----',
    ...keys.map((k) => `ec2: 256 ${fingerprintSha256(k)} root@guest (ED25519)`),
    'ec2: -----END SSH HOST KEY FINGERPRINTS-----',
    'ec2: #############################################################',
    '-----BEGIN SSH HOST KEY KEYS-----',
    ...keys.map(keyLine),
    '-----END SSH HOST KEY KEYS-----',
    'guest login: ',
  ].join('\r\n');
}

/** A domain XML whose serial console is logged to a file holding `text` (or no log at all). */
function domainXml(text: string | null): string {
  if (text === null) return `<domain type='qemu'><name>g</name><devices><serial type='pty'><target port='0'/></serial></devices></domain>`;
  const log = join(tempDir(), 'g.serial.log');
  writeFileSync(log, text);
  return `<domain type='qemu'><name>g</name><devices><serial type='pty'><log file='${log}' append='off'/><target port='0'/></serial></devices></domain>`;
}

describe('serial console host keys', () => {
  it('reads the fingerprints of the last boot, with or without line prefixes', () => {
    const [a, b, c] = [clientKeyBlob(), clientKeyBlob(), clientKeyBlob()];
    expect(consoleHostKeyFingerprints(consoleText([a, b]))).toEqual(new Set([fingerprintSha256(a), fingerprintSha256(b)]));
    // An older boot's keys do not count once a newer boot printed its own.
    expect(consoleHostKeyFingerprints(`${consoleText([a])}\n${consoleText([c])}`)).toEqual(new Set([fingerprintSha256(c)]));
    expect(consoleHostKeyFingerprints('no keys here\n-----BEGIN SSH HOST KEY KEYS-----\nssh-ed25519 not-base64!\n')).toBeNull();
    expect(consoleHostKeyFingerprints('')).toBeNull();
  });
});

function clientKeyBlob(): Buffer {
  const pub = clientKey().publicKey.split(' ')[1]!;
  return Buffer.from(pub, 'base64');
}

describe('guest SSH host keys', { timeout: 120_000 }, () => {
  async function setup() {
    const key = clientKey();
    const box = { sshd: await startFakeSshd({ authorizedKey: key.publicKey }) };
    const keys = new GuestHostKeys(tempDir());
    const transport = new HostOfFake(() => box.sshd);
    const confirm = vi.fn(async (_p: HostKeyPrompt) => true);
    const login = (uuid: string, xml: string) =>
      connectGuest({ transport, vm: { uuid, name: 'web1', xml }, ip: '10.0.0.5', user: 'tester', identityFiles: [key.file], keys, confirm });
    return { key, box, keys, confirm, login };
  }

  it('a key the console vouches for is shown as such once, then recorded under the VM, not the address', async () => {
    const { box, keys, confirm, login } = await setup();
    const uuid = randomUUID();
    const xml = domainXml(consoleText([box.sshd.hostKeyBlob]));
    (await login(uuid, xml)).close();
    expect(confirm.mock.calls).toEqual([
      [
        {
          host: '10.0.0.5:22',
          keyType: 'ssh-ed25519',
          fingerprint: fingerprintSha256(box.sshd.hostKeyBlob),
          otherKnownTypes: [],
          guest: { vm: 'web1', console: 'match' },
        },
      ],
    ]);
    expect(readFileSync(keys.file, 'utf8')).toBe(`vm-${uuid} ${keyLine(box.sshd.hostKeyBlob).replace(' root@guest', '')}\n`);
    (await login(uuid, xml)).close();
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  it('a key the console contradicts is refused without asking', async () => {
    const { confirm, login } = await setup();
    const err = await login(randomUUID(), domainXml(consoleText([clientKeyBlob()]))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshHostKeyRejectedError);
    expect((err as SshHostKeyRejectedError).reason).toBe('contradicted');
    expect((err as Error).message).toContain('is not one the machine itself reported (its serial console); refusing to connect');
    expect(confirm).not.toHaveBeenCalled();
  });

  it('without a console to compare, the user is asked (and may say no: nothing is recorded)', async () => {
    const { keys, confirm, login } = await setup();
    confirm.mockResolvedValueOnce(false);
    await expect(login(randomUUID(), domainXml(null))).rejects.toBeInstanceOf(SshHostKeyRejectedError);
    expect(confirm.mock.calls[0]![0].guest).toEqual({ vm: 'web1', console: 'unavailable' });
    expect(() => readFileSync(keys.file)).toThrow(/ENOENT/);
  });

  it('an address reused by a new VM meets no old key; a changed key of the old VM is still refused; forget() drops it', async () => {
    const { key, box, keys, confirm, login } = await setup();
    const [oldVm, newVm] = [randomUUID(), randomUUID()];
    (await login(oldVm, domainXml(null))).close();
    // Same address, another VM with other keys (IPAM gave the address to a new VM).
    await box.sshd.close();
    box.sshd = await startFakeSshd({ authorizedKey: key.publicKey });
    (await login(newVm, domainXml(null))).close();
    expect(confirm).toHaveBeenCalledTimes(2);
    await expect(login(oldVm, domainXml(null))).rejects.toBeInstanceOf(SshHostKeyChangedError);
    await keys.forget(oldVm);
    expect(readFileSync(keys.file, 'utf8')).not.toContain(oldVm);
    expect(readFileSync(keys.file, 'utf8')).toContain(newVm);
    (await login(oldVm, domainXml(null))).close();
    expect(confirm).toHaveBeenCalledTimes(3);
  });
});
