import { describe, expect, it } from 'vitest';
import type { VmStats } from '../../../shared/model/stats.js';
import { deriveSample } from '../../../shared/model/rates.js';

function stats(o: Partial<VmStats>): VmStats {
  return {
    uuid: 'u',
    name: 'vm',
    state: 1,
    cpuTimeNs: 0,
    vcpus: 2,
    memoryCurrentKiB: 1024,
    memoryAvailableKiB: 1000,
    memoryUnusedKiB: 400,
    blockReadBytes: 0,
    blockWriteBytes: 0,
    netRxBytes: 0,
    netTxBytes: 0,
    raw: {},
    ...o,
  };
}

describe('deriveSample', () => {
  it('has no rates for the first sample but reports memory', () => {
    const s = deriveSample(undefined, { at: 1000, stats: stats({}) });
    expect(s.cpuPct).toBeNull();
    expect(s.diskReadBps).toBeNull();
    expect(s.memUsedKiB).toBe(600);
    expect(s.memTotalKiB).toBe(1000);
  });

  it('derives CPU % of all vCPUs and byte rates from two samples', () => {
    const prev = { at: 10_000, stats: stats({ cpuTimeNs: 5e9, blockReadBytes: 1000, blockWriteBytes: 0, netRxBytes: 0, netTxBytes: 100 }) };
    // 2 s later: 1 s of CPU time over 2 vCPUs × 2 s = 25 %.
    const cur = { at: 12_000, stats: stats({ cpuTimeNs: 6e9, blockReadBytes: 5000, blockWriteBytes: 2048, netRxBytes: 1e6, netTxBytes: 100 }) };
    const s = deriveSample(prev, cur);
    expect(s.cpuPct).toBeCloseTo(25, 6);
    expect(s.diskReadBps).toBe(2000);
    expect(s.diskWriteBps).toBe(1024);
    expect(s.netRxBps).toBe(5e5);
    expect(s.netTxBps).toBe(0);
  });

  it('gives null rates when a counter goes back (guest restarted) or is missing', () => {
    const prev = { at: 0, stats: stats({ cpuTimeNs: 9e9, netRxBytes: null }) };
    const s = deriveSample(prev, { at: 1000, stats: stats({ cpuTimeNs: 1e9, netRxBytes: 50 }) });
    expect(s.cpuPct).toBeNull();
    expect(s.netRxBps).toBeNull();
  });

  it('falls back to the balloon size when the guest does not report unused memory', () => {
    const s = deriveSample(undefined, { at: 0, stats: stats({ memoryAvailableKiB: null, memoryUnusedKiB: null, memoryCurrentKiB: 2048 }) });
    expect(s.memUsedKiB).toBe(2048);
    expect(s.memTotalKiB).toBe(2048);
  });
});
