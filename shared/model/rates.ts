// Rates derived from two cumulative bulk-stats samples of the same VM.
import type { VmStats } from './stats.js';

export interface StatSample {
  /** Epoch ms of the sample. */
  at: number;
  /** Guest CPU use as % of all its vCPUs (0..100), null when unknown or the counter went back (restart). */
  cpuPct: number | null;
  memUsedKiB: number | null;
  memTotalKiB: number | null;
  diskReadBps: number | null;
  diskWriteBps: number | null;
  netRxBps: number | null;
  netTxBps: number | null;
}

export interface RawSample {
  at: number;
  stats: VmStats;
}

function perSecond(prev: number | null, cur: number | null, seconds: number): number | null {
  if (prev === null || cur === null || cur < prev) return null;
  return (cur - prev) / seconds;
}

export function deriveSample(prev: RawSample | undefined, cur: RawSample): StatSample {
  const s = cur.stats;
  const memTotalKiB = s.memoryAvailableKiB ?? s.memoryCurrentKiB;
  const memUsedKiB =
    s.memoryAvailableKiB !== null && s.memoryUnusedKiB !== null
      ? s.memoryAvailableKiB - s.memoryUnusedKiB
      : s.memoryCurrentKiB;
  const sample: StatSample = {
    at: cur.at,
    cpuPct: null,
    memUsedKiB,
    memTotalKiB,
    diskReadBps: null,
    diskWriteBps: null,
    netRxBps: null,
    netTxBps: null,
  };
  const seconds = prev ? (cur.at - prev.at) / 1000 : 0;
  if (!prev || seconds <= 0) return sample;
  const p = prev.stats;
  const cpuNsPerSec = perSecond(p.cpuTimeNs, s.cpuTimeNs, seconds);
  const vcpus = s.vcpus ?? p.vcpus;
  if (cpuNsPerSec !== null && vcpus) sample.cpuPct = Math.min(100, (cpuNsPerSec / 1e9 / vcpus) * 100);
  sample.diskReadBps = perSecond(p.blockReadBytes, s.blockReadBytes, seconds);
  sample.diskWriteBps = perSecond(p.blockWriteBytes, s.blockWriteBytes, seconds);
  sample.netRxBps = perSecond(p.netRxBytes, s.netRxBytes, seconds);
  sample.netTxBps = perSecond(p.netTxBytes, s.netTxBytes, seconds);
  return sample;
}
