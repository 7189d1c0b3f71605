import { describe, expect, it } from 'vitest';
import { rankTop, sumKnown, type TopRow, topRow } from '../../../shared/model/top.js';

const row = (name: string, o: Partial<TopRow>): TopRow => ({ host: 'h1', uuid: name, name, cpuPct: null, memKiB: null, diskBps: null, netBps: null, ...o });

describe('rankTop', () => {
  const rows = [
    row('idle', { cpuPct: 1, memKiB: 900, diskBps: 0, netBps: 10 }),
    row('busy', { cpuPct: 97, memKiB: 100, diskBps: 5, netBps: 0 }),
    row('off', {}),
    row('io', { cpuPct: 5, memKiB: 300, diskBps: 5000, netBps: 7000 }),
  ];

  it.each([
    ['cpu', ['busy', 'io', 'idle', 'off']],
    ['mem', ['idle', 'io', 'busy', 'off']],
    ['disk', ['io', 'busy', 'idle', 'off']],
    ['net', ['io', 'idle', 'busy', 'off']],
  ] as const)('by %s: highest first, unknown last', (by, order) => {
    expect(rankTop(rows, by).map((r) => r.name)).toEqual(order);
  });

  it('breaks ties by host then name, and leaves its input alone', () => {
    const tied = [row('b', { cpuPct: 3 }), { ...row('a', { cpuPct: 3 }), host: 'h2' }, row('a', { cpuPct: 3 })];
    expect(rankTop(tied, 'cpu').map((r) => `${r.host}/${r.name}`)).toEqual(['h1/a', 'h1/b', 'h2/a']);
    expect(tied.map((r) => r.name)).toEqual(['b', 'a', 'a']);
  });
});

describe('topRow', () => {
  it('sums read+write and rx+tx of what is known', () => {
    const r = topRow('h1', 'u', 'vm', {
      at: 0, cpuPct: 12, memUsedKiB: 5, memTotalKiB: 10, diskReadBps: 3, diskWriteBps: null, netRxBps: null, netTxBps: null,
    });
    expect(r).toEqual({ host: 'h1', uuid: 'u', name: 'vm', cpuPct: 12, memKiB: 5, diskBps: 3, netBps: null });
    expect(sumKnown(null, null)).toBeNull();
    expect(sumKnown(2, 3)).toBe(5);
  });
});
