// What many commands share: connecting the hosts a command talks to, the `list [--host NAME] [--json]` shape and
// the `rm NAME` shape.
import type { CallValue } from '../../../shared/ipc/contract.js';
import type { VmRef } from '../../../shared/model/vm.js';
import { parseVmRef, UsageError } from '../args.js';
import type { Door } from '../door.js';
import { type Out, printJson, printTable } from '../output.js';
import type { CliContext, ParsedArgs, Run } from '../table/types.js';

/** A flag's whole-number value (undefined when not given). */
export function int(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number, got "${text}"`);
  return Number(text);
}

/** Connects the named host (an unknown name is an error), or every host; says how each one is. */
export function connect(door: Door, host?: string): Promise<CallValue<'hosts.connect'>> {
  return door.call('hosts.connect', host === undefined ? {} : { names: [host] });
}

export function printList<T>(out: Out, args: ParsedArgs, items: T[], headers: string[], row: (item: T) => string[]): void {
  if (args.has('json')) printJson(out, items);
  else printTable(out, headers, items.map(row));
}

/** The door with `host` connected (an unknown name is an error), for a command about one host. */
export async function doorTo(ctx: CliContext, host: string): Promise<Door> {
  const door = await ctx.door();
  await connect(door, host);
  return door;
}

/** The VM named by the command's first argument (HOST/VM), with its host connected. */
export async function vmTarget(ctx: CliContext, args: ParsedArgs): Promise<{ door: Door; ref: VmRef }> {
  const ref = parseVmRef(args.positionals[0] as string);
  return { door: await doorTo(ctx, ref.host), ref };
}

/** `… list [--host NAME] [--json]`: connect the asked hosts, fetch, print. */
export function listCommand<T>(fetch: (door: Door, host: string | undefined) => Promise<T[]>, headers: string[], row: (item: T) => string[]): Run {
  return async (ctx, args) => {
    const door = await ctx.door({ watch: false });
    const host = args.get('host');
    await connect(door, host);
    printList(ctx.out, args, await fetch(door, host), headers, row);
    return 0;
  };
}

/** `… rm NAME` of an object known by its name alone: the call, then "removed <noun> NAME" on stderr. */
export function removeByName(call: 'flavors.remove' | 'hosts.remove', noun: string): Run {
  return async (ctx, args) => {
    const name = args.positionals[0] as string;
    await (await ctx.door()).call(call, { name });
    ctx.out.stderr(`removed ${noun} ${name}\n`);
    return 0;
  };
}
