// Sizes as people type them ("10G", "512M", "1.5T", "4096") and as we print them.
// Single letters and *iB are powers of 1024 (like qemu-img and virsh); "KB", "MB", "GB", "TB" are powers of 1000.
import { CoreError } from '../errors.js';

const POWERS: Record<string, number> = { '': 0, K: 1, M: 2, G: 3, T: 4, P: 5 };

/** Bytes for a size text; a bare number is bytes. Throws CoreError('invalid') with the accepted forms. */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGTP]?)(i?B?)\s*$/i.exec(text);
  const prefix = (m?.[2] ?? '').toUpperCase();
  const suffix = m?.[3] ?? '';
  if (!m || (prefix === '' && suffix !== '' && suffix.toUpperCase() !== 'B') || /^i$/i.test(suffix)) {
    throw new CoreError('size.bad', { value: text });
  }
  const decimal = prefix !== '' && suffix.toUpperCase() === 'B';
  const bytes = Math.ceil(Number(m[1]) * (decimal ? 1000 : 1024) ** (POWERS[prefix] ?? 0));
  if (!Number.isSafeInteger(bytes)) throw new CoreError('size.too-large', { value: text });
  if (bytes === 0) throw new CoreError('size.zero', { value: text });
  return bytes;
}

/** "10 GiB", "512 MiB", "1.5 GiB", "100 B". */
export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  const text = i === 0 || Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1).replace(/\.?0+$/, '');
  return `${text} ${units[i]}`;
}
