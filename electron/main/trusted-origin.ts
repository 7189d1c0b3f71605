// Which renderer frames may call the API: our own top-level page, served from virtdeck://app/ (see app-scheme.ts)
// or from the dev server. Nothing else (iframes, file:// pages, navigated-away pages, foreign sites).

export const APP_SCHEME = 'virtdeck';
export const APP_HOST = 'app';
/** The renderer's entry page. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface TrustedLocations {
  /** Dev server origin (http://127.0.0.1:5173) when running unpackaged with a dev server. */
  devServerOrigin?: string;
}

export function isTrustedUrl(url: string | undefined, trusted: TrustedLocations): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // WHATWG URL gives custom schemes an opaque ("null") origin, so compare scheme and host, not .origin.
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST && !parsed.username && !parsed.port;
  return trusted.devServerOrigin !== undefined && parsed.origin === trusted.devServerOrigin;
}

/** The parts of Electron's WebFrameMain the check needs. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

export function isTrustedFrame(frame: SenderFrame | null | undefined, trusted: TrustedLocations): boolean {
  return frame != null && frame.parent === null && isTrustedUrl(frame.url, trusted);
}
