import { describe, expect, it } from 'vitest';
import { parseImageUrl } from '../../../electron/core/images/image-url.js';
import { CoreError } from '../../../electron/core/errors.js';
import { coreError } from '../../fixtures/core-error.js';

describe('image URLs', () => {
  it('hands curl the normalized href and shows the URL without credentials', () => {
    const u = parseImageUrl('HTTPS://alice:s3cret@Images.Example.org:443/debian/../cloud/disk image.qcow2');
    expect(u.href).toBe('https://alice:s3cret@images.example.org/cloud/disk%20image.qcow2');
    expect(u.shown).toBe('https://images.example.org/cloud/disk%20image.qcow2');
  });

  it('leaves a URL without credentials as it is', () => {
    expect(parseImageUrl('http://10.0.0.5/d.img')).toEqual({ href: 'http://10.0.0.5/d.img', shown: 'http://10.0.0.5/d.img' });
  });

  it.each([
    ['file:///etc/shadow', coreError('image.url-scheme', { url: 'file:///etc/shadow' })],
    ['not a url', coreError('image.bad-url', { url: 'not a url' })],
    ['-o/tmp/x http://a/b', coreError('image.bad-url', { url: '-o/tmp/x http://a/b' })],
  ])('refuses %s', (url, error) => {
    expect(() => parseImageUrl(url)).toThrow(CoreError);
    expect(() => parseImageUrl(url)).toThrow(error);
  });

  it('never repeats the password in its errors', () => {
    for (const url of ['ftp://bob:hunter2@[bad/x', 'gopher://bob:hunter2@host/x']) {
      expect(() => parseImageUrl(url)).toThrow(CoreError);
      try {
        parseImageUrl(url);
      } catch (err) {
        expect(JSON.stringify((err as CoreError).params)).not.toContain('hunter2');
        expect((err as Error).message).not.toContain('hunter2');
      }
    }
  });
});
