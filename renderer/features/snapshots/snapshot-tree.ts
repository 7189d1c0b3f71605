// Snapshots as an indented tree: each root, then its children depth-first (oldest first, as the core lists them).
import type { SnapshotInfo } from '../../../shared/model/snapshot.js';

export interface TreeRow {
  snap: SnapshotInfo;
  depth: number;
}

export function snapshotTree(list: readonly SnapshotInfo[]): TreeRow[] {
  const byName = new Map(list.map((s) => [s.name, s]));
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const visit = (s: SnapshotInfo, depth: number) => {
    if (seen.has(s.name)) return;
    seen.add(s.name);
    rows.push({ snap: s, depth });
    for (const c of list) if (c.parent === s.name) visit(c, depth + 1);
  };
  // A snapshot whose parent is missing from the list is shown as a root rather than dropped.
  for (const s of list) if (s.parent === null || !byName.has(s.parent)) visit(s, 0);
  return rows;
}

/** Snapshot names the core accepts (they end up in overlay file names). */
export const SNAPSHOT_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

/** "snap-20260102-0304" in local time (a second one that minute gets "-2", …): valid as it stands, easy to keep. */
export function defaultSnapshotName(now: Date, existing: readonly { name: string }[]): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const base = `snap-${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}`;
  const taken = new Set(existing.map((s) => s.name));
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  return name;
}
