// Image URLs: what the host's curl gets (the parsed, normalized href, credentials included) and what people and
// the inventory see (the same URL without user and password: titles, messages, logs, the image's source).
import { CoreError } from '../errors.js';

export interface ImageUrl {
  /** Normalized URL handed to curl/wget as one argv element. */
  href: string;
  /** The URL without credentials, safe to show and to store. */
  shown: string;
}

const DOWNLOADABLE = ['http:', 'https:', 'ftp:'];

export function parseImageUrl(url: string): ImageUrl {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CoreError('image.bad-url', { url: withoutCredentials(url) });
  }
  const href = u.href;
  u.username = '';
  u.password = '';
  if (!DOWNLOADABLE.includes(u.protocol)) throw new CoreError('image.url-scheme', { url: u.href });
  return { href, shown: u.href };
}

/** Best effort for strings that do not parse: drop a "user:pass@" after the scheme. */
function withoutCredentials(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}
