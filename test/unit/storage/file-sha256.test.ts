// The local half of an upload's check: the SHA-256 of a file's first bytes, read on a worker thread.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSha256 } from '../../../electron/core/storage/file-sha256.js';

const dir = mkdtempSync(join(tmpdir(), 'vd-filesha-'));
const data = randomBytes(2 * 1024 * 1024 + 5); // more than the worker's 1 MiB buffer
const file = join(dir, 'data.bin');
writeFileSync(file, data);
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('fileSha256', () => {
  it('hashes the first bytes asked for: all, some, none', async () => {
    expect(await fileSha256(file, data.length)).toBe(sha(data));
    expect(await fileSha256(file, 1_048_577)).toBe(sha(data.subarray(0, 1_048_577)));
    expect(await fileSha256(file, 0)).toBe(sha(Buffer.alloc(0)));
  });

  it('a file shorter than asked, or missing, is an error', async () => {
    await expect(fileSha256(file, data.length + 1)).rejects.toThrow(/fewer than/);
    await expect(fileSha256(join(dir, 'gone'), 1)).rejects.toThrow(/ENOENT/);
  });

  it('an aborted signal stops it with the signal’s reason', async () => {
    const ctl = new AbortController();
    const hashing = fileSha256(file, data.length, ctl.signal);
    ctl.abort(new Error('cancelled by the user'));
    await expect(hashing).rejects.toThrow('cancelled by the user');
  });
});
