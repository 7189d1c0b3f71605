// Saved views of the VM table: filter, host, visible columns, grouping and sort under a name. Kept in this install's
// persisted UI settings (they are how one person looks at the table, not facts of the VMs). Pure list operations.
import type { VmSort } from './filter-sort.js';

/** Columns a view may hide (name, the checkbox and the menu always show). */
export const OPTIONAL_COLUMNS = ['host', 'state', 'vcpus', 'memory', 'cpu', 'ips', 'owner', 'tags'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

export interface SavedView {
  name: string;
  query: string;
  hostFilter: string | null;
  hiddenColumns: OptionalColumn[];
  groupByHost: boolean;
  sort: VmSort;
}

export const VIEW_NAME_MAX = 64;

/** The name as kept (trimmed), or null when it cannot be one. */
export function viewName(name: string): string | null {
  const trimmed = name.trim();
  return trimmed && trimmed.length <= VIEW_NAME_MAX ? trimmed : null;
}

const byName = (a: SavedView, b: SavedView): number => a.name.localeCompare(b.name);

/** Adds the view, or replaces the one of the same name. */
export function withView(views: readonly SavedView[], view: SavedView): SavedView[] {
  return [...views.filter((v) => v.name !== view.name), view].sort(byName);
}

/** Renames `from`; unchanged when `to` is taken by another view or not a name. */
export function renamedView(views: readonly SavedView[], from: string, to: string): SavedView[] {
  const name = viewName(to);
  if (!name || (name !== from && views.some((v) => v.name === name))) return [...views];
  return views.map((v) => (v.name === from ? { ...v, name } : v)).sort(byName);
}

export function withoutView(views: readonly SavedView[], name: string): SavedView[] {
  return views.filter((v) => v.name !== name);
}
