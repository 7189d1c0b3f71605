// Metrics history: what one sample of a host or VM holds, the tiers it is kept in, and the size bound that follows.

/** One sample of a series: CPU % (of the VM's vCPUs, or of the host's CPUs), memory used, disk and net rates. */
export interface MetricValues {
  cpuPct: number | null;
  memKiB: number | null;
  /** Read + write, bytes/s. */
  diskBps: number | null;
  /** Received + sent, bytes/s. */
  netBps: number | null;
}

/** A host (vm null) or one of its VMs (by UUID; name as last seen). */
export interface MetricSeriesKey {
  host: string;
  vm: string | null;
  name: string;
}

export interface MetricPoint extends MetricSeriesKey, MetricValues {}

/** Resolution (step) and how long it is kept, in seconds; finest first. Each tier is the average of the samples in its step. */
export const METRIC_TIERS = [
  { step: 10, keep: 86_400 },
  { step: 300, keep: 30 * 86_400 },
  { step: 3600, keep: 365 * 86_400 },
] as const;

/** The finest tier that still holds `sinceSeconds` of history. */
export function tierFor(sinceSeconds: number): number {
  const i = METRIC_TIERS.findIndex((t) => t.keep >= sinceSeconds);
  return i === -1 ? METRIC_TIERS.length - 1 : i;
}

/** Old rows go once an hour, so a tier may hold up to this much more than its `keep`. */
export const METRIC_PRUNE_EVERY = 3600;

/**
 * The stated size bound: no stored row (tier, series, time, four values) takes more than this many bytes of the
 * database file, b-tree pages included (measured ~30-40 by the bench).
 */
export const METRIC_BYTES_PER_ROW_BOUND = 48;

/** Most rows one series can have after `days` of collection (every tier full up to its keep plus a prune period). */
export function metricRowsBound(days: number): number {
  const span = days * 86_400;
  return METRIC_TIERS.reduce((n, t) => n + Math.ceil((Math.min(span, t.keep) + METRIC_PRUNE_EVERY) / t.step) + 1, 0);
}

/** The database bound for `series` hosts and VMs after `days` (a year and more: ~1.25 MB per series). */
export function metricBytesBound(series: number, days: number): number {
  return series * metricRowsBound(days) * METRIC_BYTES_PER_ROW_BOUND;
}

export interface MetricHistory {
  host: string;
  vm: string | null;
  name: string;
  /** Seconds between points. */
  step: number;
  /** [epoch seconds, cpu %, memory KiB, disk B/s, net B/s]; oldest first. */
  points: [number, number | null, number | null, number | null, number | null][];
}
