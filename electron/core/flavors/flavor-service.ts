// Flavors: named size presets (vCPUs, memory, disk). The defaults tiny … xlarge come with the inventory and are
// editable like any other.
import type { Flavor } from '../../../shared/model/instance.js';
import type { Inventory } from '../../inventory/inventory.js';
import { CoreError } from '../errors.js';
import { checkName } from '../storage/names.js';

const MAX_VCPUS = 4096;

export class FlavorService {
  constructor(private readonly inventory: Inventory) {}

  list(): Flavor[] {
    return this.inventory.instances.listFlavors();
  }

  get(name: string): Flavor {
    const f = this.inventory.instances.getFlavor(name);
    if (!f) {
      const known = this.list().map((x) => x.name).join(', ');
      throw new CoreError('not-found', `unknown flavor "${name}" (known: ${known || 'none'})`);
    }
    return f;
  }

  /** Adds a flavor, or changes the one with that name. */
  put(flavor: Flavor): Flavor {
    const problems = sizeProblems(flavor);
    if (problems.length) throw new CoreError('invalid', `flavor "${flavor.name}": ${problems.join('; ')}`);
    checkName('flavor', flavor.name, 64);
    this.inventory.instances.putFlavor(flavor);
    return this.get(flavor.name);
  }

  remove(name: string): void {
    if (!this.inventory.instances.removeFlavor(name)) throw new CoreError('not-found', `unknown flavor "${name}"`);
  }
}

/** Why a size cannot be used; empty when it can. */
export function sizeProblems(s: { vcpus: number; memoryMiB: number; diskBytes: number }): string[] {
  const out: string[] = [];
  if (!Number.isInteger(s.vcpus) || s.vcpus < 1 || s.vcpus > MAX_VCPUS) out.push(`vCPUs must be a whole number from 1 to ${MAX_VCPUS}, got ${s.vcpus}`);
  if (!Number.isInteger(s.memoryMiB) || s.memoryMiB < 64) out.push(`memory must be at least 64 MiB, got ${s.memoryMiB} MiB`);
  if (!Number.isSafeInteger(s.diskBytes) || s.diskBytes < 1024 * 1024 * 1024) out.push('disk must be at least 1 GiB');
  return out;
}
