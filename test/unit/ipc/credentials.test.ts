import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CredentialStore, withStoredSecrets, type SecretCipher } from '../../../electron/main/credentials.js';
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
  it('remembers on request, answers from the store, and drops a secret the core asks for again', async () => {
    const store = new CredentialStore(tmpFile('c.json'), cipher());
    const ask = vi.fn(async () => ({ accept: true, secret: 'pw1', remember: true }));
    const prompts = withStoredSecrets(ask, store);
    const req = { kind: 'password', user: 'root', host: 'h1' } as const;
    expect(await prompts(req)).toMatchObject({ secret: 'pw1' });
    expect(store.get('password:root@h1')).toBe('pw1');
    const prompts2 = withStoredSecrets(ask, store); // next run
    expect(await prompts2(req)).toEqual({ accept: true, secret: 'pw1' });
    expect(ask).toHaveBeenCalledTimes(1);
    ask.mockResolvedValueOnce({ accept: true, secret: 'pw2', remember: false });
    expect(await prompts2(req)).toMatchObject({ secret: 'pw2' }); // asked again: the stored one was wrong
    expect(store.get('password:root@h1')).toBeNull();
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
