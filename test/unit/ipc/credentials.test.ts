import { copyFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createPromptRelay } from '../../../electron/webapi/prompt-relay.js';
import { CredentialStore, withStoredSecrets, type SecretCipher } from '../../../electron/main/credentials.js';
import { SshConnection } from '../../../electron/ssh/connection.js';
import { SshAuthError } from '../../../electron/ssh/errors.js';
import type { PromptRequest } from '../../../shared/ipc/front-end.js';
import { clientKey, fakeClientOptions, startFakeSshd, type FakeSshd } from '../ssh/fake-sshd.js';
import { loadBounds, saveBounds, DEFAULT_BOUNDS } from '../../../electron/main/window-state.js';

// A reversible stand-in for safeStorage (byte-wise complement), enough to show nothing is written in clear.
const cipher = (canStore = true): SecretCipher => ({
  canStore: () => canStore,
  encryptString: (plain) => Buffer.from(Buffer.from(plain).map((b) => 255 - b)),
  decryptString: (enc) => Buffer.from(enc.map((b) => 255 - b)).toString(),
});

const tmpFile = (name: string) => path.join(mkdtempSync(path.join(tmpdir(), 'vd-cred-')), 'sub', name);

describe('CredentialStore', () => {
  it('stores encrypted, private, and reads back', () => {
    const file = tmpFile('credentials.json');
    const store = new CredentialStore(file, cipher());
    expect(store.set('passphrase:/k', 'hunter2')).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('hunter2');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new CredentialStore(file, cipher()).get('passphrase:/k')).toBe('hunter2');
    store.delete('passphrase:/k');
    expect(store.get('passphrase:/k')).toBeNull();
  });

  it('stores nothing without a keystore', () => {
    const store = new CredentialStore(tmpFile('c.json'), cipher(false));
    expect(store.set('password:u@h', 'pw')).toBe(false);
    expect(store.get('password:u@h')).toBeNull();
  });
});

describe('withStoredSecrets', () => {
  it('remembers on request, answers from the store every time, and drops a secret only when it was refused', async () => {
    const store = new CredentialStore(tmpFile('c.json'), cipher());
    const ask = vi.fn(async () => ({ accept: true, secret: 'pw1', remember: true }));
    const prompts = withStoredSecrets(ask, store);
    const req = { kind: 'password', user: 'root', host: 'h1' } as const;
    expect(await prompts(req)).toMatchObject({ secret: 'pw1' });
    expect(store.get('password:root@h1')).toBe('pw1');
    const prompts2 = withStoredSecrets(ask, store); // next run
    for (let i = 0; i < 5; i++) expect(await prompts2(req)).toEqual({ accept: true, secret: 'pw1' });
    expect(ask).toHaveBeenCalledTimes(1);
    ask.mockResolvedValueOnce({ accept: true, secret: 'pw2', remember: false });
    expect(await prompts2({ ...req, retry: true })).toMatchObject({ secret: 'pw2' }); // the stored one was refused
    expect(store.get('password:root@h1')).toBeNull();
  });

  it('never stores keyboard-interactive answers (one-time codes)', async () => {
    const store = new CredentialStore(tmpFile('c.json'), cipher());
    const ask = vi.fn(async () => ({ accept: true, secret: '123456', remember: true }));
    const req = { kind: 'keyboard-interactive', prompt: { user: 'u', host: 'h', name: '', instructions: '', prompt: 'Code: ', echo: true } } as const;
    await withStoredSecrets(ask, store)(req);
    await withStoredSecrets(ask, store)(req);
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it('never stores host-key decisions', async () => {
    const store = new CredentialStore(tmpFile('c.json'), cipher());
    const ask = vi.fn(async () => ({ accept: true, remember: true }));
    const req = { kind: 'host-key', hostKey: { host: 'h:22', keyType: 'ssh-ed25519', fingerprint: 'SHA256:x' } } as const;
    await withStoredSecrets(ask, store)(req);
    await withStoredSecrets(ask, store)(req);
    expect(ask).toHaveBeenCalledTimes(2);
  });
});

describe('window bounds', () => {
  it('round-trips and falls back on junk', () => {
    const file = tmpFile('window-state.json');
    expect(loadBounds(file)).toEqual(DEFAULT_BOUNDS);
    saveBounds(file, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(loadBounds(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    saveBounds(file, { width: 5, height: 5, maximized: false });
    expect(loadBounds(file)).toEqual(DEFAULT_BOUNDS);
  });
});

// The whole path a remembered secret takes: SSH auth → the core's prompt relay → the store, against a real SSH
// server in this process. Each reconnect asks again; only a refused answer (`retry`) may drop what was remembered.
// ssh2 decrypts the key (bcrypt KDF, in JavaScript) at every reconnect: seconds each on a busy 2-core machine
describe('remembered secrets across reconnects', { timeout: 120_000 }, () => {
  const remembering = (secret: () => string) => vi.fn(async (_req: PromptRequest) => ({ accept: true, secret: secret(), remember: true }));

  async function reconnects(conn: SshConnection, sshd: FakeSshd, times: number): Promise<void> {
    for (let i = 0; i < times; i++) {
      const dropped = new Promise<void>((resolve) => conn.on('state', (s) => s.state === 'offline' && resolve()));
      sshd.dropAll();
      await dropped;
      await conn.connect();
      expect((await conn.exec(['hostname'])).stdout.toString()).toBe('fake\n');
    }
  }

  it('a remembered passphrase survives 5 reconnects; a wrong one is dropped and the user asked once', async () => {
    const store = new CredentialStore(tmpFile('c.json'), cipher());
    let typed = 'right';
    const ask = remembering(() => typed);
    const relay = createPromptRelay();
    relay.setHandler(withStoredSecrets(ask, store));
    const key = clientKey('right');
    const sshd = await startFakeSshd({ authorizedKey: key.publicKey });
    const conn = new SshConnection(
      fakeClientOptions(sshd, { identityFiles: [key.file], askPassphrase: (f, retry) => relay.prompts.passphrase!(f, retry) }),
    );
    await conn.connect();
    await reconnects(conn, sshd, 5);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(sshd.logins).toBe(6);
    expect(store.get(`passphrase:${key.file}`)).toBe('right');

    // The key file gets a new passphrase: the remembered one fails, is dropped, and the new answer is kept.
    const rekeyed = clientKey('changed');
    copyFileSync(rekeyed.file, key.file);
    sshd.authorize(rekeyed.publicKey);
    typed = 'changed';
    await reconnects(conn, sshd, 1);
    expect(ask.mock.calls.map(([r]) => r)).toEqual([
      { kind: 'passphrase', keyFile: key.file, retry: false },
      { kind: 'passphrase', keyFile: key.file, retry: true },
    ]);
    expect(store.get(`passphrase:${key.file}`)).toBe('changed');
    conn.close();
  });

  it('a remembered password is used until the server refuses it, even when the refusal ends the attempt', async () => {
    const store = new CredentialStore(tmpFile('c.json'), cipher());
    store.set('password:tester@127.0.0.1', 'old');
    const ask = vi.fn(async (_req: PromptRequest) => ({ accept: false }));
    const relay = createPromptRelay();
    relay.setHandler(withStoredSecrets(ask, store));
    const sshd = await startFakeSshd({ password: 'old' });
    const conn = new SshConnection(fakeClientOptions(sshd, { askPassword: (u, h, retry) => relay.prompts.password!(u, h, retry) }));
    await conn.connect();
    await reconnects(conn, sshd, 5);
    expect(ask).not.toHaveBeenCalled();

    // Password changed on the server; the user cancels the question that follows the refusal.
    const refusing = await startFakeSshd({ password: 'new' });
    const other = new SshConnection(fakeClientOptions(refusing, { askPassword: (u, h, retry) => relay.prompts.password!(u, h, retry) }));
    await expect(other.connect()).rejects.toBeInstanceOf(SshAuthError);
    expect(ask.mock.calls.map(([r]) => r)).toEqual([{ kind: 'password', user: 'tester', host: '127.0.0.1', retry: true }]);
    expect(store.get('password:tester@127.0.0.1')).toBeNull();
    conn.close();
  });
});
