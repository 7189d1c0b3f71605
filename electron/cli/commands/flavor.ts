// virtdeck flavor list|add|rm
import type { Core } from '../../core/core.js';
import { formatSize, parseSize } from '../../core/storage/sizes.js';
import { parseArgs, UsageError } from '../args.js';
import { type Out, printJson, printTable } from '../output.js';

const USAGE = `usage: virtdeck flavor list [--json]
       virtdeck flavor add NAME --cpus N --memory SIZE --disk SIZE      (adds, or changes an existing flavor)
       virtdeck flavor rm NAME`;

/** Whole MiB of a size text ("2G" → 2048). */
export function parseMemoryMiB(text: string): number {
  return Math.ceil(parseSize(text) / 1048576);
}

export function parseCpus(text: string): number {
  if (!/^[1-9][0-9]*$/.test(text)) throw new UsageError(`--cpus must be a positive whole number, got "${text}"`);
  return Number(text);
}

export async function flavorCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'list':
    case 'ls': {
      const args = parseArgs(rest, { json: {} });
      const flavors = core.flavors.list();
      if (args.has('json')) printJson(out, flavors);
      else printTable(out, ['flavor', 'vcpus', 'memory', 'disk'], flavors.map((f) => [f.name, String(f.vcpus), formatSize(f.memoryMiB * 1048576), formatSize(f.diskBytes)]));
      return 0;
    }
    case 'add':
    case 'set': {
      const args = parseArgs(rest, { cpus: { value: true }, memory: { value: true }, disk: { value: true } });
      const [name] = args.positionals;
      const [cpus, memory, disk] = [args.get('cpus'), args.get('memory'), args.get('disk')];
      if (!name || args.positionals.length !== 1 || !cpus || !memory || !disk) throw new UsageError(USAGE);
      const f = core.flavors.put({ name, vcpus: parseCpus(cpus), memoryMiB: parseMemoryMiB(memory), diskBytes: parseSize(disk) });
      out.stderr(`flavor ${f.name}: ${f.vcpus} vCPU, ${formatSize(f.memoryMiB * 1048576)} memory, ${formatSize(f.diskBytes)} disk\n`);
      return 0;
    }
    case 'rm':
    case 'delete': {
      const args = parseArgs(rest, {});
      if (args.positionals.length !== 1) throw new UsageError(USAGE);
      core.flavors.remove(args.positionals[0] as string);
      out.stderr(`removed flavor ${args.positionals[0]}\n`);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}
