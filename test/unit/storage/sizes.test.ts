import { describe, expect, it } from 'vitest';
import { formatSize, parseSize } from '../../../electron/core/storage/sizes.js';
import { checkName } from '../../../electron/core/storage/names.js';

describe('parseSize', () => {
  it.each([
    ['4096', 4096],
    ['100B', 100],
    ['512M', 512 * 1024 ** 2],
    ['512MiB', 512 * 1024 ** 2],
    ['10G', 10 * 1024 ** 3],
    ['10g', 10 * 1024 ** 3],
    ['1.5T', 1.5 * 1024 ** 4],
    ['20GB', 20e9],
    ['1KB', 1000],
    [' 2 K ', 2048],
    ['0.5K', 512],
  ])('%s → %d bytes', (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(['', 'G', '10X', '10Gi', '-1G', '1,5G', '10 G B', '0', '0M', '1e3', '99999999999P'])('rejects %j', (text) =>
    expect(() => parseSize(text)).toThrow(/bad size|zero|too large/),
  );
});

describe('formatSize', () => {
  it.each([
    [100, '100 B'],
    [1024, '1 KiB'],
    [10 * 1024 ** 3, '10 GiB'],
    [1.5 * 1024 ** 3, '1.5 GiB'],
    [123.4 * 1024 ** 2, '123.4 MiB'],
  ])('%d → %s', (bytes, text) => expect(formatSize(bytes)).toBe(text));
});

describe('checkName', () => {
  it.each(['a', 'disk-1.qcow2', 'My_Pool+2'])('accepts %s', (n) => expect(() => checkName('pool', n)).not.toThrow());
  it.each(['', '-x', '.hidden', 'a/b', 'a b', 'ü', "x'y", 'a'.repeat(101)])('rejects %j', (n) =>
    expect(() => checkName('pool', n)).toThrow(/pool name/),
  );
});
