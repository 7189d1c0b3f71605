// Live stats, kept apart from the VM list so 1 Hz ticks re-render only the charts that read them.
import { create } from 'zustand';
import type { VmStats } from '../../shared/model/stats.js';
import { vmKey } from './keys.js';
import { deriveSample, type RawSample, type StatSample } from '../../shared/model/rates.js';
import { RingBuffer } from './ring-buffer.js';

/** Five minutes at the core's 1 Hz tick. */
export const HISTORY_SAMPLES = 300;

export interface VmSeries {
  /** Shared, mutated in place; a new VmSeries wrapper per tick is what tells subscribers to re-read it. */
  readonly history: RingBuffer<StatSample>;
  readonly latest: StatSample;
  readonly raw: RawSample;
}

interface StatsState {
  series: Readonly<Record<string, VmSeries>>;
  applyStats(host: string, at: string, stats: readonly VmStats[]): void;
  drop(key: string): void;
  dropHost(host: string): void;
}

export const useStats = create<StatsState>()((set, get) => ({
  series: {},
  applyStats(host, at, stats) {
    const atMs = Date.parse(at);
    if (Number.isNaN(atMs) || stats.length === 0) return;
    const next: Record<string, VmSeries> = { ...get().series };
    for (const s of stats) {
      const key = vmKey(host, s.uuid);
      const prev = next[key];
      if (prev && prev.raw.at >= atMs) continue; // duplicate or out-of-order tick
      const raw: RawSample = { at: atMs, stats: s };
      const latest = deriveSample(prev?.raw, raw);
      const history = prev?.history ?? new RingBuffer<StatSample>(HISTORY_SAMPLES);
      history.push(latest);
      next[key] = { history, latest, raw };
    }
    set({ series: next });
  },
  drop(key) {
    if (!(key in get().series)) return;
    const next = { ...get().series };
    delete next[key];
    set({ series: next });
  },
  dropHost(host) {
    const prefix = `${host}/`;
    const next = Object.fromEntries(Object.entries(get().series).filter(([k]) => !k.startsWith(prefix)));
    set({ series: next });
  },
}));
