import { describe, expect, it } from 'vitest';
import type { SnapshotInfo } from '../../../shared/model/snapshot.js';
import { defaultSnapshotName, SNAPSHOT_NAME_RE, snapshotTree } from '../../../renderer/features/snapshots/snapshot-tree.js';

const snap = (name: string, parent: string | null): SnapshotInfo => ({
  host: 'h1', vm: 'v', name, description: null, createdAt: null, state: 'running', kind: 'internal', memory: true,
  parent, children: [], current: false, disks: [], sizeBytes: null,
});

describe('snapshotTree', () => {
  it('orders roots then children depth-first with their depth', () => {
    const rows = snapshotTree([snap('a', null), snap('b', 'a'), snap('c', null), snap('d', 'a'), snap('e', 'b')]);
    expect(rows.map((r) => `${r.snap.name}:${r.depth}`)).toEqual(['a:0', 'b:1', 'e:2', 'd:1', 'c:0']);
  });
  it('keeps a snapshot whose parent is not listed, as a root', () => {
    expect(snapshotTree([snap('x', 'gone'), snap('y', 'x')]).map((r) => `${r.snap.name}:${r.depth}`)).toEqual(['x:0', 'y:1']);
  });
  it('name rule matches the core', () => {
    expect(SNAPSHOT_NAME_RE.test('before-upgrade.1')).toBe(true);
    expect(SNAPSHOT_NAME_RE.test('-x')).toBe(false);
    expect(SNAPSHOT_NAME_RE.test('a b')).toBe(false);
  });
});

describe('defaultSnapshotName', () => {
  it('names by local date and minute, valid by the rule, and steps past names the VM already has', () => {
    const at = new Date(2026, 0, 2, 3, 4, 59);
    expect(defaultSnapshotName(at, [])).toBe('snap-20260102-0304');
    expect(defaultSnapshotName(at, [snap('snap-20260102-0304', null), snap('snap-20260102-0304-2', null)])).toBe('snap-20260102-0304-3');
    expect(SNAPSHOT_NAME_RE.test(defaultSnapshotName(at, []))).toBe(true);
  });
});
