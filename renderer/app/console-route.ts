// A console tab in a window of its own: the page's address for it (shared/model/console-route.ts), and the tab a
// console window's address stands for.
import { CONSOLE_ROUTE_KINDS, consoleRouteQuery, parseConsoleRoute, type ConsoleRouteKind } from '../../shared/model/console-route.js';
import type { Tab } from '../state/ui-slice.js';

export type ConsoleTab = Tab & { kind: ConsoleRouteKind };

export function isConsoleTab(tab: Tab): tab is ConsoleTab {
  return (CONSOLE_ROUTE_KINDS as readonly string[]).includes(tab.kind);
}

/** The console tab a page address asks for, or null (the workbench). */
export function consoleRouteOf(search: string): ConsoleTab | null {
  const r = parseConsoleRoute(search);
  return r && { id: `${r.kind}:${r.vmKey}`, ...r };
}

/** The address of `tab` as a window of the page at `page` (same origin and path; its own query, no fragment). */
export function consoleUrl(tab: ConsoleTab, page: { origin: string; pathname: string }): string {
  return `${page.origin}${page.pathname}${consoleRouteQuery(tab)}`;
}
