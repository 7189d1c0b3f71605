// monitor.* calls.
import type { HandlersOf } from '../calls.js';
import type { HostStatsService } from './host-stats-service.js';
import type { MetricsService } from './metrics-service.js';

export function monitorHandlers(hostStats: HostStatsService, metrics: MetricsService): HandlersOf<'monitor'> {
  return {
    'monitor.hostStats': async ({ host }) => hostStats.stats(host),
    'monitor.record': async ({ host }) => metrics.recordTick(host),
    'monitor.history': async ({ host, vm, sinceSeconds }) => metrics.history(host, vm, sinceSeconds),
  };
}
