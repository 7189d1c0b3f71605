// The renderer is served from a privileged custom scheme, virtdeck://app/, instead of file:// (Electron security
// checklist 18/19): file:// pages share one origin with every local file, a custom scheme is an origin of its own,
// so the file protocol's extra privileges can be fused off. Only the built renderer directory is reachable.
import { protocol } from 'electron';
import { resolveStatic } from '../webapi/static-files.js';
import { CONTENT_SECURITY_POLICY } from '../webapi/csp.js';
import { APP_SCHEME, APP_HOST } from './trusted-origin.js';

/** Must run before the app is ready: the scheme is standard (relative URLs, origin) and secure (like https). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** After ready: answer virtdeck://app/<path> from `rendererDir`; anything else is 404. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST && request.method === 'GET' ? await resolveStatic(rendererDir, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
