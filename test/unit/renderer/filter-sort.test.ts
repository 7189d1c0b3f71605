import { describe, expect, it } from 'vitest';
import { filterSortVms, parseTerms, toRows, type VmQuery } from '../../../renderer/features/vms/filter-sort.js';
import { fakeVm, fakeVms } from '../../fixtures/renderer/fake-vms.js';

const q = (o: Partial<VmQuery> = {}): VmQuery => ({ text: '', host: null, sort: { column: 'name', dir: 'asc' }, ...o });

describe('parseTerms', () => {
  it('splits on whitespace and recognises field prefixes', () => {
    expect(parseTerms('  Web  state:run tag:prod foo:bar ip: ').map(({ field, value }) => ({ field, value }))).toEqual([
      { field: 'any', value: 'web' },
      { field: 'state', value: 'run' },
      { field: 'tag', value: 'prod' },
      { field: 'any', value: 'foo:bar' },
      { field: 'any', value: 'ip:' },
    ]);
  });

  it('reads field names and state words in either UI language, with either colon', () => {
    expect(parseTerms('状态:运行中 主机：h1 名称:web')).toEqual([
      { field: 'state', value: '运行中', states: ['running'] },
      { field: 'host', value: 'h1', states: [] },
      { field: 'name', value: 'web', states: [] },
    ]);
    expect(parseTerms('state:已')[0]?.states).toEqual(['paused', 'shutoff', 'crashed', 'pmsuspended']);
  });
});

describe('filter in zh-CN words', () => {
  const vms = [fakeVm('h1', 1, { name: 'a', state: 'running' }), fakeVm('h1', 2, { name: 'b', state: 'shutoff' })];
  it.each([
    ['state:运行中', ['a']],
    ['状态:已关机', ['b']],
    ['运行中', ['a']],
    ['state:Shut', ['b']],
    ['state:running', ['a']],
  ])('%s → %j', (text, names) => {
    expect(filterSortVms(vms, q({ text })).map((v) => v.name)).toEqual(names);
  });
});

describe('filterSortVms', () => {
  const vms = [
    fakeVm('h2', 1, { name: 'vm10', state: 'running', ips: ['10.0.0.10'], tags: ['web'], vcpus: 4, memoryMiB: 2048 }),
    fakeVm('h1', 2, { name: 'vm2', state: 'shutoff', ips: [], tags: ['db', 'prod'], vcpus: 1, memoryMiB: 4096 }),
    fakeVm('h1', 3, { name: 'VM1', state: 'running', ips: ['10.0.0.9'], tags: [], vcpus: 2, memoryMiB: 1024 }),
  ];
  const names = (list: { name: string }[]) => list.map((v) => v.name);

  it('sorts names naturally and case-insensitively, both directions', () => {
    expect(names(filterSortVms(vms, q()))).toEqual(['VM1', 'vm2', 'vm10']);
    expect(names(filterSortVms(vms, q({ sort: { column: 'name', dir: 'desc' } })))).toEqual(['vm10', 'vm2', 'VM1']);
  });

  it('sorts by numbers, host, and IP with VMs without an IP last', () => {
    expect(names(filterSortVms(vms, q({ sort: { column: 'vcpus', dir: 'asc' } })))).toEqual(['vm2', 'VM1', 'vm10']);
    expect(names(filterSortVms(vms, q({ sort: { column: 'memory', dir: 'desc' } })))).toEqual(['vm2', 'vm10', 'VM1']);
    expect(names(filterSortVms(vms, q({ sort: { column: 'host', dir: 'asc' } })))).toEqual(['VM1', 'vm2', 'vm10']);
    expect(names(filterSortVms(vms, q({ sort: { column: 'ips', dir: 'asc' } })))).toEqual(['VM1', 'vm10', 'vm2']);
  });

  it('sorts by CPU with VMs lacking a sample last', () => {
    const cpuByKey = { [`h2/${vms[0]?.uuid}`]: 5, [`h1/${vms[2]?.uuid}`]: 50 };
    expect(names(filterSortVms(vms, q({ sort: { column: 'cpu', dir: 'desc' }, cpuByKey })))).toEqual(['VM1', 'vm10', 'vm2']);
    expect(names(filterSortVms(vms, q({ sort: { column: 'cpu', dir: 'asc' }, cpuByKey })))).toEqual(['vm10', 'VM1', 'vm2']);
  });

  it('filters by free text (every term must match) and by field', () => {
    expect(names(filterSortVms(vms, q({ text: 'vm1' })))).toEqual(['VM1', 'vm10']);
    expect(names(filterSortVms(vms, q({ text: '10.0.0.9' })))).toEqual(['VM1']);
    expect(names(filterSortVms(vms, q({ text: 'state:run' })))).toEqual(['VM1', 'vm10']);
    expect(names(filterSortVms(vms, q({ text: 'tag:prod' })))).toEqual(['vm2']);
    expect(names(filterSortVms(vms, q({ text: 'host:h1 state:running' })))).toEqual(['VM1']);
    expect(names(filterSortVms(vms, q({ text: 'web db' })))).toEqual([]);
    expect(names(filterSortVms(vms, q({ host: 'h2' })))).toEqual(['vm10']);
  });

  it('does not modify its input', () => {
    const copy = [...vms];
    filterSortVms(vms, q({ sort: { column: 'vcpus', dir: 'desc' } }));
    expect(vms).toEqual(copy);
  });

  // its speed is measured in test/bench/renderer-filter-sort.bench.test.ts, not asserted here
  it('filters and sorts 2,000 VMs by address', () => {
    const many = fakeVms(2000, ['h1', 'h2', 'h3']);
    const out = filterSortVms(many, q({ text: 'web', sort: { column: 'ips', dir: 'asc' } }));
    expect(out.length).toBe(250);
  });
});

describe('toRows', () => {
  it('groups by host in name order, keeping the VM order inside a group', () => {
    const vms = [fakeVm('h2', 1, { name: 'a' }), fakeVm('h1', 2, { name: 'b' }), fakeVm('h2', 3, { name: 'c' })];
    const rows = toRows(vms, true).map((r) => (r.kind === 'group' ? `[${r.host}:${r.count}]` : r.vm.name));
    expect(rows).toEqual(['[h1:1]', 'b', '[h2:2]', 'a', 'c']);
    expect(toRows(vms, false).map((r) => (r.kind === 'vm' ? r.vm.name : ''))).toEqual(['a', 'b', 'c']);
  });
});
