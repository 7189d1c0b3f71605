// The address of a console in a window of its own: the app's page with `?console=<kind>&vm=<host/uuid>` (plus the
// guest SSH login). The renderer shows such a page as that one console; Electron's main process lets exactly such
// an address of the app open as a new window (electron/main/console-window.ts).

export const CONSOLE_ROUTE_KINDS = ['vnc', 'serial', 'ssh'] as const;
export type ConsoleRouteKind = (typeof CONSOLE_ROUTE_KINDS)[number];

export interface ConsoleRoute {
  kind: ConsoleRouteKind;
  /** `${host}/${uuid}` (the renderer store's VM key). */
  vmKey: string;
  /** Guest SSH: the login and the address it goes to. */
  user?: string;
  ip?: string;
}

const isKind = (k: string | null): k is ConsoleRouteKind => (CONSOLE_ROUTE_KINDS as readonly (string | null)[]).includes(k);

/** The fields of a query ("?a=1&b=2"; shared/ has no URLSearchParams): the first of each name wins. */
function queryFields(search: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of search.replace(/^\?/, '').split('&')) {
    const eq = part.indexOf('=');
    const [name, value] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    try {
      const key = decodeURIComponent(name.replace(/\+/g, ' '));
      if (key && !fields.has(key)) fields.set(key, decodeURIComponent(value.replace(/\+/g, ' ')));
    } catch {
      // A malformed escape: that field is not there.
    }
  }
  return fields;
}

/** The console a page's query asks for, or null (none, or not a valid one). */
export function parseConsoleRoute(search: string): ConsoleRoute | null {
  const q = queryFields(search);
  const get = (name: string): string | null => q.get(name) ?? null;
  const kind = get('console');
  const vmKey = get('vm');
  if (!isKind(kind) || !vmKey || !/^[^/]+\/[^/]+$/.test(vmKey) || vmKey.length > 1100) return null;
  const user = get('user');
  const ip = get('ip');
  return { kind, vmKey, ...(user ? { user } : {}), ...(ip ? { ip } : {}) };
}

/** The query (with its "?") of a console's window. */
export function consoleRouteQuery(r: ConsoleRoute): string {
  const fields: [string, string | undefined][] = [['console', r.kind], ['vm', r.vmKey], ['user', r.user], ['ip', r.ip]];
  return `?${fields.flatMap(([k, v]) => (v ? [`${k}=${encodeURIComponent(v)}`] : [])).join('&')}`;
}
