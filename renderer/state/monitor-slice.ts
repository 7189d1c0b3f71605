// Host stats cards and metrics history for the monitoring screens; loaded on demand while a screen shows them.
import { create } from 'zustand';
import type { MetricHistory } from '../../shared/model/metrics.js';
import type { HostStats } from '../../shared/model/monitor.js';
import { backend } from './backend.js';

/** The graph ranges the screens offer, in seconds. */
export const HISTORY_RANGES = { '1h': 3600, '1d': 86_400, '30d': 30 * 86_400 } as const;
export type HistoryRange = keyof typeof HISTORY_RANGES;

/** Key of one history: host, VM UUID ('' for the host itself) and range. */
export const historyKey = (host: string, vm: string | null, range: HistoryRange): string => `${host}/${vm ?? ''}/${range}`;

interface MonitorState {
  hostStats: Readonly<Record<string, HostStats>>;
  histories: Readonly<Record<string, MetricHistory>>;
  /** Every online host's card (hosts that failed keep their last card). */
  loadHostStats(): Promise<void>;
  loadHistory(host: string, vm: string | null, range: HistoryRange): Promise<void>;
}

export const useMonitor = create<MonitorState>()((set, get) => ({
  hostStats: {},
  histories: {},
  async loadHostStats() {
    const all = await backend().api['monitor.hostStats']({});
    set({ hostStats: { ...get().hostStats, ...Object.fromEntries(all.map((h) => [h.host, h])) } });
  },
  async loadHistory(host, vm, range) {
    const h = await backend().api['monitor.history']({ host, sinceSeconds: HISTORY_RANGES[range], ...(vm ? { vm } : {}) });
    set({ histories: { ...get().histories, [historyKey(host, vm, range)]: h } });
  },
}));
