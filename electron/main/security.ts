// Process-wide guards: CSP on every response, no permission but desktop notifications (alerts) and the clipboard
// (the graphical console's copy and paste with the guest), no navigation, no new windows, no webviews.
import { app, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../webapi/csp.js';

const ALLOWED: ReadonlySet<string> = new Set(['notifications', 'clipboard-read', 'clipboard-sanitized-write']);

export function installSessionGuards(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED.has(permission));
}

export function installContentsGuards(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
