import { beforeEach, describe, expect, it } from 'vitest';
import type { MetricHistory } from '../../../shared/model/metrics.js';
import type { HostStats } from '../../../shared/model/monitor.js';
import { setBackend } from '../../../renderer/state/backend.js';
import { historyKey, useMonitor } from '../../../renderer/state/monitor-slice.js';
import { createFakeBackend, type FakeBackend } from '../../fixtures/renderer/fake-backend.js';

let backend: FakeBackend;
const asked: unknown[] = [];

const card = (host: string, percent: number): HostStats => ({
  host, at: '2026-12-02T00:00:00.000Z', hostname: host,
  cpu: { model: 'x86_64', cpus: 2, mhz: 2000, percent, times: { kernel: 0, user: 0, idle: 0, iowait: 0 } },
  memory: { totalKiB: 100, freeKiB: 50, buffersKiB: 0, cachedKiB: 0, usedKiB: 50 },
  pools: [], vms: { nostate: 0, running: 1, blocked: 0, paused: 0, shutdown: 0, shutoff: 0, crashed: 0, pmsuspended: 0 },
  versions: { libvirt: '9.0.0', qemu: '7.2.0' }, uptimeSeconds: 1, load: [0, 0, 0],
});

beforeEach(() => {
  useMonitor.setState({ hostStats: {}, histories: {} });
  asked.length = 0;
  backend = createFakeBackend([], [], []);
  setBackend(backend);
});

describe('monitor slice', () => {
  it('keeps a host card that failed to answer next time, and updates the others', async () => {
    backend.api['monitor.hostStats'] = async () => [card('h1', 10), card('h2', 20)];
    await useMonitor.getState().loadHostStats();
    backend.api['monitor.hostStats'] = async () => [card('h2', 30)];
    await useMonitor.getState().loadHostStats();
    const s = useMonitor.getState().hostStats;
    expect([s.h1?.cpu.percent, s.h2?.cpu.percent]).toEqual([10, 30]);
  });

  it('asks for each range in seconds and keeps each apart (host and VM)', async () => {
    backend.api['monitor.history'] = async (input) => {
      asked.push(input);
      return { host: input.host, vm: input.vm ?? null, name: 'x', step: input.sinceSeconds > 86_400 ? 300 : 10, points: [] } satisfies MetricHistory;
    };
    await useMonitor.getState().loadHistory('h1', null, '1h');
    await useMonitor.getState().loadHistory('h1', 'uuid-1', '30d');
    expect(asked).toEqual([{ host: 'h1', sinceSeconds: 3600 }, { host: 'h1', vm: 'uuid-1', sinceSeconds: 30 * 86_400 }]);
    const h = useMonitor.getState().histories;
    expect(h[historyKey('h1', null, '1h')]?.step).toBe(10);
    expect(h[historyKey('h1', 'uuid-1', '30d')]?.step).toBe(300);
    expect(h[historyKey('h1', null, '30d')]).toBeUndefined();
  });
});
