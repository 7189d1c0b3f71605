// `launch auto`: the online host that has the image and the network and the most free memory once the VM is
// placed; every other host is listed with the reason it lost, so the choice can be shown to the user.
import { formatSize } from '../storage/sizes.js';

export interface HostCandidate {
  host: string;
  /** Why the host cannot take the VM; null when it can. */
  problem: string | null;
  freeMemory: number;
  cpus: number;
  poolFree: number;
  pool: string;
}

export interface Placement {
  host: string | null;
  reason: string;
}

export function choosePlacement(candidates: HostCandidate[], need: { memoryBytes: number; diskBytes: number }): Placement {
  const ok = candidates
    .filter((c) => c.problem === null)
    .sort((a, b) => b.freeMemory - a.freeMemory || b.cpus - a.cpus || b.poolFree - a.poolFree || a.host.localeCompare(b.host));
  const others = candidates.filter((c) => c.problem !== null).map((c) => `${c.host}: ${c.problem}`);
  const best = ok[0];
  if (!best) return { host: null, reason: `no host can take the VM (${others.join('; ') || 'no online hosts'})` };
  const why = `${best.host}: most free memory (${formatSize(best.freeMemory)} free, needs ${formatSize(need.memoryBytes)}; ` +
    `${best.cpus} CPUs; ${formatSize(best.poolFree)} free in pool ${best.pool}, disk ${formatSize(need.diskBytes)})`;
  const rest = [...ok.slice(1).map((c) => `${c.host}: ${formatSize(c.freeMemory)} free`), ...others];
  return { host: best.host, reason: rest.length ? `${why}; ${rest.join('; ')}` : why };
}
