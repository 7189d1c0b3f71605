import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { shellQuote, shellQuoteArgv } from '../../../electron/ssh/quote.js';

const run = promisify(execFile);

/** What `sh` receives as separate arguments when given the quoted line (NUL separated by printf). */
async function throughShell(args: string[]): Promise<string[]> {
  const { stdout } = await run('sh', ['-c', `printf '%s\\0' ${shellQuoteArgv(args)}`], { encoding: 'buffer' });
  const parts = stdout.toString('utf8').split('\0');
  parts.pop();
  return parts;
}

const nasty = [
  '',
  'plain',
  'with space',
  "it's",
  "''",
  '"double"',
  '$(touch /tmp/should-not-exist)',
  '`id`',
  '$HOME ${PATH}',
  'a\nb\r\n',
  '\t',
  'back\\slash\\',
  '; rm -rf / &',
  '*?[a]',
  '~',
  '-n',
  'ünïcödé ✓ 日本語 🚀',
  '!event',
  '#comment',
];

// Alphabet that makes collisions with shell syntax likely.
const ALPHABET = ` '"\\$\`!#&*()[]{}<>|;~?\n\t-=%a1é✓🚀`;

function randomString(rnd: () => number): string {
  const chars = [...ALPHABET];
  const len = Math.floor(rnd() * 12);
  let s = '';
  for (let i = 0; i < len; i++) s += chars[Math.floor(rnd() * chars.length)];
  return s;
}

function seeded(seed: number): () => number {
  // mulberry32: a small deterministic generator so failures are reproducible.
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('shellQuoteArgv', () => {
  it('keeps safe words bare and quotes everything else', () => {
    expect(shellQuote('virt-ssh-helper')).toBe('virt-ssh-helper');
    expect(shellQuote('qemu:///system')).toBe('qemu:///system');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('$(x)')).toBe(`'$(x)'`);
  });

  it('rejects NUL and empty argv', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
    expect(() => shellQuoteArgv([])).toThrow();
  });

  it('hand-picked hostile strings arrive byte-exact through sh -c', async () => {
    expect(await throughShell(nasty)).toEqual(nasty);
  });

  it('random strings round-trip (200 cases, fixed seed)', async () => {
    const rnd = seeded(0x5eed);
    for (let round = 0; round < 20; round++) {
      const args = Array.from({ length: 10 }, () => randomString(rnd));
      expect(await throughShell(args)).toEqual(args);
    }
  });
});
