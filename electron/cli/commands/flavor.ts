// virtdeck flavor list|add|rm
import { formatSize, parseSize } from '../../core/storage/sizes.js';
import { UsageError } from '../args.js';
import type { Run } from '../table/types.js';
import { printList, removeByName } from './common.js';

/** Whole MiB of a size text ("2G" → 2048). */
export function parseMemoryMiB(text: string): number {
  return Math.ceil(parseSize(text) / 1048576);
}

export function parseCpus(text: string): number {
  if (!/^[1-9][0-9]*$/.test(text)) throw new UsageError(`--cpus must be a positive whole number, got "${text}"`);
  return Number(text);
}

export const list: Run = async (ctx, args) => {
  const flavors = await (await ctx.door()).call('flavors.list', {});
  printList(ctx.out, args, flavors, ['flavor', 'vcpus', 'memory', 'disk'], (f) => [f.name, String(f.vcpus), formatSize(f.memoryMiB * 1048576), formatSize(f.diskBytes)]);
  return 0;
};

export const add: Run = async (ctx, args) => {
  const flavor = {
    name: args.positionals[0] as string,
    vcpus: parseCpus(args.get('cpus') as string),
    memoryMiB: parseMemoryMiB(args.get('memory') as string),
    diskBytes: parseSize(args.get('disk') as string),
  };
  const f = await (await ctx.door()).call('flavors.add', flavor);
  ctx.out.stderr(`flavor ${f.name}: ${f.vcpus} vCPU, ${formatSize(f.memoryMiB * 1048576)} memory, ${formatSize(f.diskBytes)} disk\n`);
  return 0;
};

export const remove = removeByName('flavors.remove', 'flavor');
