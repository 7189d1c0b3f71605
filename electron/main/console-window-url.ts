// Which new windows the app's page may open: only the app's own page showing one console (a detached console,
// shared/model/console-route.ts). Everything else stays denied (security.ts). No 'electron' import: unit-tested.
import { parseConsoleRoute } from '../../shared/model/console-route.js';
import { isTrustedUrl, type TrustedLocations } from './trusted-origin.js';

export function isConsoleWindowUrl(url: string, trusted: TrustedLocations): boolean {
  if (!isTrustedUrl(url, trusted)) return false;
  const parsed = new URL(url);
  return (parsed.pathname === '/' || parsed.pathname === '/index.html') && !parsed.hash && parseConsoleRoute(parsed.search) !== null;
}
