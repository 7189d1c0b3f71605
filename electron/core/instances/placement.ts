// `launch auto`: the online host that has the image and the network and the most free memory once the VM is
// placed; every other host is kept with why it lost (or its free resources), so the choice can be shown to the user.
import type { Placement, PlacementCandidate } from '../../../shared/model/instance.js';

/** The auto placement over the candidates (the chosen host first), or null when none can take the VM. */
export function choosePlacement(candidates: PlacementCandidate[]): Placement | null {
  const ok = candidates
    .filter((c) => c.problem === null)
    .sort((a, b) => b.freeMemory - a.freeMemory || b.cpus - a.cpus || b.poolFree - a.poolFree || a.host.localeCompare(b.host));
  const best = ok[0];
  if (!best) return null;
  return { by: 'auto', host: best.host, candidates: [...ok, ...candidates.filter((c) => c.problem !== null)] };
}
