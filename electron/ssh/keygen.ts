// A fresh ed25519 key pair in OpenSSH's own formats, the private key encrypted with a passphrase as `ssh-keygen -p`
// does (aes256-ctr, bcrypt KDF), so OpenSSH's `ssh -i` and VirtDeck read it alike. ssh2's generator is loaded
// only here (ssh2.ts keeps it out of every connection's start-up).
import { createRequire } from 'node:module';

type Ssh2Utils = typeof import('ssh2')['utils'];

/** bcrypt KDF rounds (ssh-keygen's default is 16). */
const KDF_ROUNDS = 16;

export interface KeyPair {
  /** "-----BEGIN OPENSSH PRIVATE KEY-----…", encrypted. */
  privateKey: string;
  /** "ssh-ed25519 AAAA… comment" */
  publicKey: string;
}

export function generateEd25519(passphrase: string, comment: string): KeyPair {
  const utils = (createRequire(import.meta.url)('ssh2') as { utils: Ssh2Utils }).utils;
  const pair = utils.generateKeyPairSync('ed25519', { comment, passphrase, cipher: 'aes256-ctr', rounds: KDF_ROUNDS });
  return { privateKey: pair.private, publicKey: pair.public };
}

/** Whether the passphrase opens an encrypted OpenSSH private key (checked before a connection is tried). */
export function passphraseOpens(privateKey: string, passphrase: string): boolean {
  const utils = (createRequire(import.meta.url)('ssh2') as { utils: Ssh2Utils }).utils;
  const parsed = utils.parseKey(privateKey, passphrase);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key !== undefined && !(key instanceof Error) && key.isPrivateKey();
}
