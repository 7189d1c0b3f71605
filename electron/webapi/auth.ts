// Who may talk to the web API. Every request must name our own loopback host:port (a DNS-rebinding page reaches us
// under its own host name) and, from a browser, come from our own origin. The API (WebSockets) and file transfers
// also need the session token: in the WebSocket subprotocol list, or as `?token=` on /transfer requests. No cookie:
// cookies are not isolated by port (RFC 6265 §8.5), so one would go to every 127.0.0.1 server the browser visits.
// The renderer's static files hold no secret and need no token.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { WEBAPI_TOKEN_PROTOCOL_PREFIX } from '../../shared/ipc/webapi-messages.js';

export type GateResult = { ok: true; target: URL } | { ok: false; status: 400 | 401 | 403; reason: string };

/**
 * The request target on our origin, or null unless it is origin-form ("/path?query"). An absolute-form target
 * ("http://a:99999/") is legal HTTP but no browser sends one to us, and it may not even parse as a URL.
 */
function originFormTarget(raw: string | undefined): URL | null {
  return raw?.startsWith('/') ? URL.parse(`http://127.0.0.1${raw}`) : null;
}

/**
 * Host, Origin and target checks every request passes; then the session token, as `presented` finds it in the
 * request (undefined: this target needs none).
 */
export function checkRequest(
  req: IncomingMessage,
  port: number,
  token: string,
  presented: (target: URL) => string | null | undefined,
): GateResult {
  const target = originFormTarget(req.url);
  if (!target) return { ok: false, status: 400, reason: 'request target must be a path' };
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes(req.headers.host ?? '')) return { ok: false, status: 403, reason: 'unexpected Host header' };
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) {
    return { ok: false, status: 403, reason: 'foreign origin' };
  }
  const shown = presented(target);
  if (shown === undefined) return { ok: true, target };
  if (shown === null) return { ok: false, status: 401, reason: 'token required' };
  if (!sameSecret(shown, token)) return { ok: false, status: 403, reason: 'wrong token' };
  return { ok: true, target };
}

/** The token a WebSocket handshake offers as one of its subprotocols. */
export function protocolToken(req: IncomingMessage): string | null {
  for (const protocol of (req.headers['sec-websocket-protocol'] ?? '').split(',')) {
    const p = protocol.trim();
    if (p.startsWith(WEBAPI_TOKEN_PROTOCOL_PREFIX)) return p.slice(WEBAPI_TOKEN_PROTOCOL_PREFIX.length);
  }
  return null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
