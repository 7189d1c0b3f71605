// Metrics history: ticks recorded (by the app's stats ticker or `virtdeck watch`) and history read back. The store
// is opened on first use, so a CLI command that never touches metrics never opens its file.
import type { MetricHistory } from '../../../shared/model/metrics.js';
import { MetricsStore } from '../../inventory/metrics-store.js';
import { CoreError } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { StatsService } from '../stats/stats-service.js';
import { type HostLoad, MetricsRecorder } from './metrics-recorder.js';

export class MetricsService {
  private opened: MetricsStore | null = null;
  private closed = false;
  readonly recorder: MetricsRecorder;

  constructor(
    private readonly file: string,
    private readonly hosts: Pick<HostRegistry, 'config'>,
    private readonly stats: Pick<StatsService, 'refresh'>,
    hostLoad: HostLoad,
  ) {
    this.recorder = new MetricsRecorder(() => this.store(), hostLoad);
  }

  /** One tick: one bulk stats call per online host (or the named one), recorded; answers how many samples. */
  async recordTick(host?: string): Promise<{ hosts: number; samples: number }> {
    const all = await this.stats.refresh(host);
    const counts = await Promise.all(all.map((h) => this.recorder.record(h.host, h.at, h.stats)));
    return { hosts: all.length, samples: counts.reduce((a, b) => a + b, 0) };
  }

  /** A host's (vm absent) or a VM's (name or UUID) history over the last `sinceSeconds`. */
  history(host: string, vm: string | undefined, sinceSeconds: number): MetricHistory {
    this.hosts.config(host);
    const h = this.store().history(host, vm ?? null, sinceSeconds, Math.floor(Date.now() / 1000));
    if (h) return h;
    if (vm !== undefined) throw new CoreError('vm.not-found', { host, vm });
    return { host, vm: null, name: host, step: 0, points: [] };
  }

  close(): void {
    this.closed = true;
    this.opened?.close();
    this.opened = null;
  }

  private store(): MetricsStore {
    // A tick still in flight when the core closes must not open the file again (nothing would close it).
    if (this.closed) throw new Error('metrics store closed');
    this.opened ??= MetricsStore.open(this.file);
    return this.opened;
  }
}
