// Passphrases and passwords the user asked us to remember, encrypted at rest with the OS keystore
// (Electron safeStorage, handed in as a cipher so this file stays testable under plain Node).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PromptHandler, PromptRequest } from '../../shared/ipc/front-end.js';

/** The subset of Electron's safeStorage used here. */
export interface SecretCipher {
  /** False when there is no real keystore (e.g. Linux "basic_text"): nothing is stored then. */
  canStore(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

interface CredentialFile {
  version: 1;
  /** key → base64 of the encrypted secret */
  secrets: Record<string, string>;
}

export class CredentialStore {
  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  get(key: string): string | null {
    const encrypted = this.read().secrets[key];
    if (encrypted === undefined) return null;
    try {
      return this.cipher.decryptString(Buffer.from(encrypted, 'base64'));
    } catch {
      return null;
    }
  }

  /** Returns false (and stores nothing) when no keystore is available. */
  set(key: string, secret: string): boolean {
    if (!this.cipher.canStore()) return false;
    const data = this.read();
    data.secrets[key] = this.cipher.encryptString(secret).toString('base64');
    this.write(data);
    return true;
  }

  delete(key: string): void {
    const data = this.read();
    if (!(key in data.secrets)) return;
    delete data.secrets[key];
    this.write(data);
  }

  private read(): CredentialFile {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as CredentialFile;
      if (parsed.version === 1 && typeof parsed.secrets === 'object' && parsed.secrets !== null) return parsed;
    } catch {
      // Missing or unreadable: start empty.
    }
    return { version: 1, secrets: {} };
  }

  private write(data: CredentialFile): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

export function credentialKey(request: PromptRequest): string | null {
  switch (request.kind) {
    case 'passphrase':
      return `passphrase:${request.keyFile}`;
    case 'password':
      return `password:${request.user}@${request.host}`;
    // Host keys are decided each time; one-time codes are never worth keeping.
    case 'host-key':
    case 'keyboard-interactive':
      return null;
  }
}

/**
 * Answers secret prompts from the store when it can; otherwise asks `inner` and stores the secret when the user
 * ticked "remember". A stored secret answers every time it is asked for (each reconnect asks again) until the
 * core says the previous answer was refused (`retry`): only then is it dropped and the user asked.
 */
export function withStoredSecrets(inner: PromptHandler, store: CredentialStore): PromptHandler {
  return async (request) => {
    const key = credentialKey(request);
    if (key === null) return inner(request);
    const retry = (request.kind === 'passphrase' || request.kind === 'password') && request.retry === true;
    if (retry) {
      store.delete(key);
    } else {
      const stored = store.get(key);
      if (stored !== null) return { accept: true, secret: stored };
    }
    const answer = await inner(request);
    if (answer.accept && answer.remember && answer.secret !== undefined) store.set(key, answer.secret);
    return answer;
  };
}
