// SHA-512 crypt (`$6$`), the password hash glibc, shadow and cloud-init's `passwd` use, following
// the published SHA-crypt specification (Drepper). Only this format is accepted for passwords. Shared, so that the
// UI and the CLI hash a typed password on this machine and only the hash crosses the door; the SHA-512 itself is
// @noble/hashes (audited, pure JS, the same in the browser and in Node).
import { sha512 as sha512Digest } from '@noble/hashes/sha2.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DEFAULT_ROUNDS = 5000;
const MIN_ROUNDS = 1000;
const MAX_ROUNDS = 999_999_999;
const MAX_SALT = 16;

/** `$6$salt$hash` or `$6$rounds=N$salt$hash` with an 86-character hash. */
const HASH_FORMAT = /^\$6\$(?:rounds=[1-9][0-9]*\$)?[^$:\n]{0,16}\$[./0-9A-Za-z]{86}$/;

export function isSha512CryptHash(value: string): boolean {
  return HASH_FORMAT.test(value);
}

/**
 * Hash `password` with a given salt (truncated to 16 characters as the spec says) or a random
 * 16-character one. An explicit `rounds` (clamped to 1000..999999999) is written into the result
 * as `rounds=N$`; without it the spec's default of 5000 applies.
 */
export function sha512Crypt(password: string, salt?: string, rounds?: number): string {
  const s = (salt ?? randomSalt()).slice(0, MAX_SALT);
  if (/[$:\n]/.test(s)) throw new Error('salt must not contain "$", ":" or a newline');
  const n = rounds === undefined ? DEFAULT_ROUNDS : Math.min(MAX_ROUNDS, Math.max(MIN_ROUNDS, Math.floor(rounds)));
  const prefix = rounds === undefined ? '$6$' : `$6$rounds=${n}$`;
  return `${prefix}${s}$${encode(digest(utf8ToBytes(password), utf8ToBytes(s), n))}`;
}

/** A random 16-character salt of the spec's alphabet. */
export function randomSalt(): string {
  return [...randomBytes(MAX_SALT)].map((b) => ALPHABET[b & 63]).join('');
}

/** SHA-512 of the parts one after the other. */
const sha512 = (...parts: Uint8Array[]): Uint8Array => {
  const h = sha512Digest.create();
  for (const p of parts) h.update(p);
  return h.digest();
};

/** `length` bytes of `block` repeated. */
function stretch(block: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += block.length) out.set(block.subarray(0, Math.min(block.length, length - i)), i);
  return out;
}

function digest(p: Uint8Array, s: Uint8Array, rounds: number): Uint8Array {
  const b = sha512(p, s, p);
  const aParts = [p, s, stretch(b, p.length)];
  for (let len = p.length; len > 0; len >>= 1) aParts.push(len & 1 ? b : p);
  let c = sha512(...aParts);

  const pBytes = stretch(sha512(...Array<Uint8Array>(p.length).fill(p)), p.length);
  const sBytes = stretch(sha512(...Array<Uint8Array>(16 + c[0]!).fill(s)), s.length);
  for (let i = 0; i < rounds; i++) {
    const parts = [i & 1 ? pBytes : c];
    if (i % 3) parts.push(sBytes);
    if (i % 7) parts.push(pBytes);
    parts.push(i & 1 ? c : pBytes);
    c = sha512(...parts);
  }
  return c;
}

/** The spec's base-64 of the 64 digest bytes, taken in its fixed permuted order. */
function encode(c: Uint8Array): string {
  let out = '';
  const put = (b2: number, b1: number, b0: number, chars: number) => {
    let w = (b2 << 16) | (b1 << 8) | b0;
    for (let i = 0; i < chars; i++, w >>= 6) out += ALPHABET[w & 63];
  };
  // Triples (i, i+21, i+42) rotated: byte k of each group walks 0..20, 21..41, 42..62.
  for (let i = 0; i < 21; i++) {
    const t = [i, i + 21, i + 42];
    const r = i % 3; // which member of the triple leads
    put(c[t[r]!]!, c[t[(r + 1) % 3]!]!, c[t[(r + 2) % 3]!]!, 4);
  }
  put(0, 0, c[63]!, 2);
  return out;
}
