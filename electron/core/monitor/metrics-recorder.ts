// Turns bulk-stats ticks into metrics history: per VM the rates between its last two samples (shared/model/rates),
// per host its CPU % and memory (node calls, at most once per 10 s slot) plus its VMs' disk and net rates summed.
import { METRIC_TIERS, type MetricPoint } from '../../../shared/model/metrics.js';
import { deriveSample, type RawSample } from '../../../shared/model/rates.js';
import type { VmStats } from '../../../shared/model/stats.js';
import { sumKnown, topRow } from '../../../shared/model/top.js';
import type { MetricsStore } from '../../inventory/metrics-store.js';

export type HostLoad = (host: string) => Promise<{ cpuPct: number | null; memKiB: number }>;

export class MetricsRecorder {
  private readonly last = new Map<string, RawSample>();
  private readonly hostSlot = new Map<string, number>();

  constructor(
    private readonly store: () => MetricsStore,
    private readonly hostLoad: HostLoad,
  ) {}

  /** One tick of a host: its VMs' stats taken at `at` (ISO-8601). */
  async record(host: string, at: string, stats: readonly VmStats[]): Promise<number> {
    const atMs = Date.parse(at);
    const points: MetricPoint[] = [];
    let disk: number | null = null;
    let net: number | null = null;
    for (const s of stats) {
      const key = `${host}/${s.uuid}`;
      const cur = { at: atMs, stats: s };
      const r = topRow(host, s.uuid, s.name, deriveSample(this.last.get(key), cur));
      this.last.set(key, cur);
      disk = sumKnown(disk, r.diskBps);
      net = sumKnown(net, r.netBps);
      points.push({ host, vm: s.uuid, name: s.name, cpuPct: r.cpuPct, memKiB: r.memKiB, diskBps: r.diskBps, netBps: r.netBps });
    }
    const t = Math.floor(atMs / 1000);
    const slot = Math.floor(t / METRIC_TIERS[0].step);
    if (this.hostSlot.get(host) !== slot) {
      this.hostSlot.set(host, slot);
      const load = await this.hostLoad(host);
      points.push({ host, vm: null, name: host, cpuPct: load.cpuPct, memKiB: load.memKiB, diskBps: disk, netBps: net });
    }
    this.store().record(t, points);
    return points.length;
  }
}
