// Top consumers across hosts: VMs ranked by one rate of their latest sample.
import type { StatSample } from './rates.js';

export const TOP_BY = ['cpu', 'mem', 'disk', 'net'] as const;
export type TopBy = (typeof TOP_BY)[number];

export interface TopRow {
  host: string;
  uuid: string;
  name: string;
  cpuPct: number | null;
  memKiB: number | null;
  /** Read + write, bytes/s. */
  diskBps: number | null;
  /** Received + sent, bytes/s. */
  netBps: number | null;
}

/** a + b of what is known; null when neither is. */
export const sumKnown = (a: number | null, b: number | null): number | null => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));

export function topRow(host: string, uuid: string, name: string, s: StatSample): TopRow {
  return {
    host,
    uuid,
    name,
    cpuPct: s.cpuPct,
    memKiB: s.memUsedKiB,
    diskBps: sumKnown(s.diskReadBps, s.diskWriteBps),
    netBps: sumKnown(s.netRxBps, s.netTxBps),
  };
}

const KEY: Record<TopBy, keyof Pick<TopRow, 'cpuPct' | 'memKiB' | 'diskBps' | 'netBps'>> = {
  cpu: 'cpuPct',
  mem: 'memKiB',
  disk: 'diskBps',
  net: 'netBps',
};

/** Highest first; unknown values last; ties by host and name. */
export function rankTop(rows: readonly TopRow[], by: TopBy): TopRow[] {
  const k = KEY[by];
  return [...rows].sort(
    (a, b) => (b[k] ?? -1) - (a[k] ?? -1) || a.host.localeCompare(b.host) || a.name.localeCompare(b.name),
  );
}
