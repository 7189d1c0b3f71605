// Which renderer frames may call the API: our own top-level page, loaded from the app's renderer directory
// (file://) or from the dev server. Nothing else (iframes, navigated-away pages, foreign sites).

export interface TrustedLocations {
  /** file:// URL of the renderer directory, ending with "/". */
  rendererDirUrl: string;
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
  if (parsed.protocol === 'file:') return parsed.href.startsWith(trusted.rendererDirUrl);
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
