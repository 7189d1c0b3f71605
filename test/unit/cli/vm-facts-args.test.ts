// `vm tag` words and `vm list --columns` names.
import { describe, expect, it } from 'vitest';
import { tagChanges } from '../../../shared/model/vm-facts.js';
import { listColumn } from '../../../electron/cli/vm-columns.js';
import { fakeVm } from '../../fixtures/renderer/fake-vms.js';

describe('vm facts on the command line', () => {
  it('+TAG and TAG add, -TAG removes', () => {
    expect(tagChanges(['+web', 'db', '-old', '+a-b'])).toEqual({ add: ['web', 'db', 'a-b'], remove: ['old'] });
    expect(tagChanges([])).toEqual({ add: [], remove: [] });
  });

  it('columns: built in, custom by name, unknown is null; notes show their first line', () => {
    const vm = { ...fakeVm('h1', 1), owner: 'alice', notes: 'one\ntwo', tags: ['a', 'b'], fields: { tier: 'gold' } };
    expect(['owner', 'tags', 'notes', 'tier'].map((c) => listColumn(c, ['tier'])?.cell(vm))).toEqual(['alice', 'a,b', 'one …', 'gold']);
    expect(listColumn('tier', [])).toBeNull();
    expect(listColumn('last-seen', [])?.header).toBe('last seen');
  });
});
