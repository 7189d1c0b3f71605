// The host's hashing script, run here by a real `sh` as a host runs it: OpenSSL where there is one, coreutils'
// sha256sum where not (a PATH without openssl), the whole file or its first bytes, odd file names taken as data, and
// an unreadable file as a failure rather than the hash of nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_SHA256_SCRIPT } from '../../../electron/core/storage/host-sha256.js';

const dir = mkdtempSync(join(tmpdir(), 'vd-hostsha-'));
const data = randomBytes(3 * 1024 * 1024 + 17);
const file = join(dir, "a 'vol' $(touch pwned).raw"); // run with `dir` as the working directory
writeFileSync(file, data);
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** A PATH holding only what the script needs besides openssl. */
const noOpenssl = join(dir, 'bin');
mkdirSync(noOpenssl);
for (const tool of ['head', 'stat', 'sha256sum', 'cat']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(noOpenssl, tool));

function run(args: string[], path?: string): { status: number | null; out: string; err: string } {
  const r = spawnSync('/bin/sh', ['-c', HOST_SHA256_SCRIPT, 'sh', ...args], { encoding: 'utf8', cwd: dir, env: { PATH: path ?? process.env.PATH ?? '' } });
  return { status: r.status, out: r.stdout.split(/\s/)[0] ?? '', err: r.stderr };
}

describe('the host SHA-256 script', () => {
  it.each([
    ['with openssl', undefined],
    ['with sha256sum only', noOpenssl],
  ])('%s: the whole file, its exact size, and a prefix', (_label, path) => {
    expect(run([file], path)).toMatchObject({ status: 0, out: sha(data) });
    expect(run([file, String(data.length)], path)).toMatchObject({ status: 0, out: sha(data) });
    expect(run([file, '1000'], path)).toMatchObject({ status: 0, out: sha(data.subarray(0, 1000)) });
    expect(existsSync(join(dir, 'pwned'))).toBe(false); // the name stayed data
  });

  it('which hasher ran: openssl when present, sha256sum without it', () => {
    const traced = (path?: string) =>
      spawnSync('/bin/sh', ['-xc', HOST_SHA256_SCRIPT, 'sh', file], { encoding: 'utf8', env: { PATH: path ?? process.env.PATH ?? '' } }).stderr;
    expect(traced()).toMatch(/openssl dgst -sha256/);
    expect(traced(noOpenssl)).toMatch(/sha256sum/);
    expect(traced(noOpenssl)).not.toMatch(/openssl dgst/);
  });

  it('a missing file fails with its name instead of hashing nothing', () => {
    const r = run([join(dir, 'gone.raw'), '10']);
    expect(r.status).toBe(1);
    expect(r.err).toContain('cannot read');
    expect(r.out).toBe('');
  });
});
