// Flavors: named size presets (vCPUs, memory, disk). The defaults tiny … xlarge come with the inventory and are
// editable like any other.
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import type { Flavor } from '../../../shared/model/instance.js';
import type { Inventory } from '../../inventory/inventory.js';
import { CoreError } from '../errors.js';
import { checkName } from '../storage/names.js';

const MAX_VCPUS = 4096;
const GiB = 1024 ** 3;

export class FlavorService {
  constructor(private readonly inventory: Inventory) {}

  list(): Flavor[] {
    return this.inventory.instances.listFlavors();
  }

  get(name: string): Flavor {
    const f = this.inventory.instances.getFlavor(name);
    if (!f) {
      throw new CoreError('flavor.not-found', { name, known: this.list().map((x) => x.name) });
    }
    return f;
  }

  /** Adds a flavor, or changes the one with that name. */
  put(flavor: Flavor): Flavor {
    const [problem] = sizeProblems(flavor);
    if (problem) throw CoreError.from(problem);
    checkName(flavor.name, 64);
    this.inventory.instances.putFlavor(flavor);
    return this.get(flavor.name);
  }

  remove(name: string): void {
    if (!this.inventory.instances.removeFlavor(name)) throw new CoreError('flavor.not-found', { name, known: this.list().map((x) => x.name) });
  }
}

/** Why a size cannot be used; empty when it can. */
export function sizeProblems(s: { vcpus: number; memoryMiB: number; diskBytes: number }): ErrorReport[] {
  const out: ErrorReport[] = [];
  if (!Number.isInteger(s.vcpus) || s.vcpus < 1 || s.vcpus > MAX_VCPUS) out.push(report('size.vcpus', { value: s.vcpus, max: MAX_VCPUS }, 'vcpus'));
  if (!Number.isInteger(s.memoryMiB) || s.memoryMiB < 64) out.push(report('size.memory', { valueMiB: s.memoryMiB, minMiB: 64 }, 'memoryMiB'));
  if (!Number.isSafeInteger(s.diskBytes) || s.diskBytes < GiB) out.push(report('size.disk', { minBytes: GiB }, 'diskBytes'));
  return out;
}
