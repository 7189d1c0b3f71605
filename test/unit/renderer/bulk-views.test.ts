// The renderer's pure parts of bulk actions and saved views: the value box's spec, shift-click ranges, view lists.
import { describe, expect, it } from 'vitest';
import { specOf } from '../../../renderer/features/vms/BulkDialog.js';
import { clickRow } from '../../../renderer/features/vms/row-selection.js';
import { renamedView, viewName, withoutView, withView, type SavedView } from '../../../renderer/features/vms/saved-views.js';

describe('bulk value box', () => {
  it('makes the spec of each action, or null while it is not enough', () => {
    expect(specOf('tag', ' +web, prod  -old ')).toEqual({ action: 'tag', add: ['web', 'prod'], remove: ['old'] });
    expect(specOf('tag', '  ')).toBeNull();
    expect(specOf('snapshot', ' before ')).toEqual({ action: 'snapshot', name: 'before' });
    expect(specOf('snapshot', '')).toBeNull();
    expect(specOf('owner', '')).toEqual({ action: 'owner', owner: null });
    expect(specOf('owner', ' alice ')).toEqual({ action: 'owner', owner: 'alice' });
    expect(specOf('destroy', 'ignored')).toEqual({ action: 'destroy' });
  });
});

describe('row selection', () => {
  const shown = ['a', 'b', 'c', 'd', 'e'];
  it('a click toggles and anchors; a shift-click adds the range from the anchor', () => {
    let s = clickRow(shown, { selected: {}, anchor: null }, 'b', false);
    expect(s).toEqual({ selected: { b: true }, anchor: 'b' });
    s = clickRow(shown, s, 'd', true);
    expect(Object.keys(s.selected).sort()).toEqual(['b', 'c', 'd']);
    s = clickRow(shown, s, 'a', true);
    expect(Object.keys(s.selected).sort()).toEqual(['a', 'b', 'c', 'd']);
    s = clickRow(shown, s, 'c', false);
    expect(s).toEqual({ selected: { a: true, b: true, d: true }, anchor: 'c' });
  });
  it('a shift-click without an anchor among the shown rows is a plain click', () => {
    expect(clickRow(shown, { selected: {}, anchor: 'gone' }, 'c', true)).toEqual({ selected: { c: true }, anchor: 'c' });
  });
});

describe('saved views', () => {
  const view = (name: string, query = ''): SavedView => ({ name, query, hostFilter: null, hiddenColumns: [], groupByHost: false, sort: { column: 'name', dir: 'asc' } });
  it('saves by name (replacing), sorted', () => {
    const views = withView(withView([view('web')], view('db')), view('web', 'tag:web'));
    expect(views.map((v) => [v.name, v.query])).toEqual([['db', ''], ['web', 'tag:web']]);
  });
  it('renames unless the new name is taken or empty; deletes', () => {
    const views = [view('a'), view('b')];
    expect(renamedView(views, 'a', ' c ').map((v) => v.name)).toEqual(['b', 'c']);
    expect(renamedView(views, 'a', 'b').map((v) => v.name)).toEqual(['a', 'b']);
    expect(renamedView(views, 'a', '  ').map((v) => v.name)).toEqual(['a', 'b']);
    expect(withoutView(views, 'a').map((v) => v.name)).toEqual(['b']);
    expect(viewName('x'.repeat(65))).toBeNull();
  });
});
