import { describe, expect, it } from 'vitest';
import { formatSize, parseSize } from '../../../electron/core/storage/sizes.js';
import { checkName } from '../../../electron/core/storage/names.js';
import { coreError } from '../../fixtures/core-error.js';

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

  it.each(['', 'G', '10X', '10Gi', '-1G', '1,5G', '10 G B', '1e3'])('rejects %j', (text) =>
    expect(() => parseSize(text)).toThrow(coreError('size.bad', { value: text })),
  );
  it('rejects zero and sizes past 2^53 bytes', () => {
    expect(() => parseSize('0M')).toThrow(coreError('size.zero', { value: '0M' }));
    expect(() => parseSize('0')).toThrow(coreError('size.zero', { value: '0' }));
    expect(() => parseSize('99999999999P')).toThrow(coreError('size.too-large', { value: '99999999999P' }));
  });
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
  it.each(['a', 'disk-1.qcow2', 'My_Pool+2'])('accepts %s', (n) => expect(() => checkName(n)).not.toThrow());
  it.each(['-x', '.hidden', 'a/b', 'a b', 'ü', "x'y"])('rejects %j', (n) => expect(() => checkName(n)).toThrow(coreError('name.bad-chars', { name: n })));
  it('rejects the empty name and names past the limit', () => {
    expect(() => checkName('')).toThrow(coreError('name.empty', {}));
    expect(() => checkName('a'.repeat(101))).toThrow(coreError('name.too-long', { name: 'a'.repeat(101), max: 100 }));
    expect(() => checkName('a'.repeat(11), 10)).toThrow(coreError('name.too-long', { name: 'a'.repeat(11), max: 10 }));
  });
});
