// Host monitoring as every room sees it: a host's stats card and the rules that turn two counter samples into %.
import type { PoolInfo } from './storage.js';
import type { VmState } from './vm.js';

/** Cumulative host CPU times in ns, summed over all CPUs (libvirt's node CPU stats). */
export interface HostCpuTimes {
  kernel: number;
  user: number;
  idle: number;
  iowait: number;
}

export interface HostStats {
  host: string;
  /** ISO-8601 time of the sample. */
  at: string;
  hostname: string;
  cpu: {
    model: string;
    cpus: number;
    mhz: number;
    /** Busy share of all CPUs since the previous sample (0..100), null without one. */
    percent: number | null;
    times: HostCpuTimes;
  };
  memory: {
    totalKiB: number;
    freeKiB: number;
    buffersKiB: number;
    cachedKiB: number;
    /** total − free − buffers − cached, as `free` counts it. */
    usedKiB: number;
  };
  pools: PoolInfo[];
  /** VMs of the host by state (every state present, 0 when none). */
  vms: Record<VmState, number>;
  versions: { libvirt: string; qemu: string };
  /** From /proc on the host; null when it could not be read (not Linux, exec refused). */
  uptimeSeconds: number | null;
  load: [number, number, number] | null;
}

/** Busy % of the host's CPUs between two samples; null when the counters did not move forward. */
export function hostCpuPercent(prev: HostCpuTimes, cur: HostCpuTimes): number | null {
  const busy = cur.kernel + cur.user - (prev.kernel + prev.user);
  const total = busy + cur.idle + cur.iowait - (prev.idle + prev.iowait);
  if (total <= 0 || busy < 0) return null;
  return Math.min(100, (busy / total) * 100);
}

/** "12345.67 890.12\n0.52 0.61 0.70 1/234 5678\n" (/proc/uptime then /proc/loadavg) → uptime and load. */
export function parseUptimeLoad(text: string): { uptimeSeconds: number | null; load: [number, number, number] | null } {
  const [uptimeLine = '', loadLine = ''] = text.split('\n');
  const num = '(\\d+(?:\\.\\d+)?)';
  const up = new RegExp(`^${num}\\s`).exec(uptimeLine);
  const ld = new RegExp(`^${num} ${num} ${num}\\s`).exec(loadLine);
  return {
    uptimeSeconds: up ? Number(up[1]) : null,
    load: ld ? [Number(ld[1]), Number(ld[2]), Number(ld[3])] : null,
  };
}

/** Pool fill in % (0 for an empty or inactive pool). */
export function poolFillPercent(p: Pick<PoolInfo, 'capacity' | 'allocation'>): number {
  return p.capacity > 0 ? (p.allocation / p.capacity) * 100 : 0;
}
