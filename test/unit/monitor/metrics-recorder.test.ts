// Stats ticks into history: VM rates from the last two samples, the host's point once per 10 s slot with its VMs'
// disk and net summed, and nothing reopened after close.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricsService } from '../../../electron/core/monitor/metrics-service.js';
import type { VmStats } from '../../../shared/model/stats.js';

/** 5 to 10 minutes ago, on a 5-minute step (history() reads the last hour up to the real now). */
const T0 = Math.floor(Date.now() / 300_000) * 300 - 300;
const iso = (t: number) => new Date(t * 1000).toISOString();
let dir = '';

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function vmStats(uuid: string, cpuSeconds: number, diskBytes: number): VmStats {
  return {
    uuid, name: `vm-${uuid}`, state: 1, cpuTimeNs: cpuSeconds * 1e9, vcpus: 2, memoryCurrentKiB: 2048, memoryAvailableKiB: null,
    memoryUnusedKiB: null, blockReadBytes: diskBytes, blockWriteBytes: 0, netRxBytes: null, netTxBytes: null, raw: {},
  };
}

function service(hostLoads: string[]) {
  dir = mkdtempSync(join(tmpdir(), 'vd-recorder-'));
  const hosts = { config: () => ({ name: 'h1', transport: 'local' as const, uri: 'qemu:///system' }) };
  const stats = { refresh: async () => [] };
  return new MetricsService(join(dir, 'metrics.sqlite'), hosts, stats, async (host) => {
    hostLoads.push(host);
    return { cpuPct: 40, memKiB: 999 };
  });
}

describe('MetricsRecorder', () => {
  it('records VM rates between ticks and the host once per 10 s slot, its disk the sum of its VMs', async () => {
    const loads: string[] = [];
    const m = service(loads);
    // 1 Hz ticks for 20 s: VM a burns 1 CPU second per second (50 % of 2 vCPUs) and reads 1000 B/s; b idles.
    for (let i = 0; i <= 20; i++) {
      await m.recorder.record('h1', iso(T0 + i), [vmStats('a', i, 1000 * i), vmStats('b', 0, 0)]);
    }
    expect(loads).toHaveLength(3); // slots T0, T0+10, T0+20
    const a = m.history('h1', 'vm-a', 3600);
    expect(a.points.map(([t, cpu, mem, disk]) => [t - T0, cpu, mem, disk])).toEqual([[0, 50, 2048, 1000], [10, 50, 2048, 1000]]);
    const host = m.history('h1', undefined, 3600);
    expect(host.points.map(([t, cpu, mem, disk]) => [t - T0, cpu, mem, disk])).toEqual([[0, 40, 999, null], [10, 40, 999, 1000]]);
    m.close();
  });

  it('a tick still in flight when the core closes does not open the store again', async () => {
    const m = service([]);
    await m.recorder.record('h1', iso(T0), [vmStats('a', 0, 0)]);
    m.close();
    await expect(m.recorder.record('h1', iso(T0 + 10), [vmStats('a', 1, 0)])).rejects.toThrow('closed');
  });
});
