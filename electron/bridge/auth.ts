// Who may talk to the bridge: requests to our own loopback host:port that carry the session token
// (?token= or the cookie set from it), and, from browsers, only from our own origin.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BRIDGE_TOKEN_COOKIE } from '../../shared/ipc/bridge-messages.js';

export type AuthResult = { ok: true; target: URL; fromQuery: boolean } | { ok: false; status: 400 | 401 | 403; reason: string };

function cookieToken(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === BRIDGE_TOKEN_COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The request target on our origin, or null unless it is origin-form ("/path?query"). An absolute-form target
 * ("http://a:99999/") is legal HTTP but no browser sends one to us, and it may not even parse as a URL.
 */
function originFormTarget(raw: string | undefined): URL | null {
  return raw?.startsWith('/') ? URL.parse(`http://127.0.0.1${raw}`) : null;
}

export function checkRequest(req: IncomingMessage, token: string, port: number): AuthResult {
  const target = originFormTarget(req.url);
  if (!target) return { ok: false, status: 400, reason: 'request target must be a path' };
  // A DNS-rebinding page reaches us under its own host name: insist on ours.
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes(req.headers.host ?? '')) return { ok: false, status: 403, reason: 'unexpected Host header' };
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) {
    return { ok: false, status: 403, reason: 'foreign origin' };
  }
  const fromQuery = target.searchParams.get('token');
  const presented = fromQuery ?? cookieToken(req.headers.cookie);
  if (presented === null) return { ok: false, status: 401, reason: 'token required' };
  if (!sameSecret(presented, token)) return { ok: false, status: 403, reason: 'wrong token' };
  return { ok: true, target, fromQuery: fromQuery !== null };
}

export function tokenCookie(token: string): string {
  return `${BRIDGE_TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}
