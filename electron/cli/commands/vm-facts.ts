// virtdeck vm tag|note|owner|field and vm column list|define|remove
import type { VmInfo } from '../../../shared/model/vm.js';
import { tagChanges, type FactColumnKind } from '../../../shared/model/vm-facts.js';
import { UsageError } from '../args.js';
import { printJson, printTable, type Out } from '../output.js';
import type { CliContext, ParsedArgs, Run } from '../table/types.js';
import { vmTarget } from './common.js';

function vmOf(vms: VmInfo[], vm: string): VmInfo | undefined {
  return vms.find((v) => v.name === vm || v.uuid.toLowerCase() === vm.toLowerCase());
}

/** The VM as the host says now (for a command that only prints). */
async function current(ctx: CliContext, args: ParsedArgs): Promise<VmInfo> {
  const { door, ref } = await vmTarget(ctx, args);
  const vm = vmOf(await door.call('vms.list', { host: ref.host }), ref.vm);
  if (!vm) throw new UsageError(`no VM "${ref.vm}" on host ${ref.host}`);
  return vm;
}

const line = (out: Out, text: string): void => out.stdout(text === '' ? '' : `${text}\n`);

/** The value to set: the argument at `index`, '' with --clear; undefined when neither (print instead). */
function valueOf(args: ParsedArgs, index: number, what: string): string | undefined {
  const given = args.positionals[index];
  if (args.has('clear') && given !== undefined) throw new UsageError(`give ${what} or --clear, not both`);
  return args.has('clear') ? '' : given;
}

export const tag: Run = async (ctx, args) => {
  const words = args.positionals.slice(1);
  if (words.length === 0) {
    line(ctx.out, (await current(ctx, args)).tags.join(' '));
    return 0;
  }
  const { door, ref } = await vmTarget(ctx, args);
  const vm = await door.call('vms.setTags', { ref, ...tagChanges(words) });
  line(ctx.out, vm.tags.join(' '));
  return 0;
};

export const note: Run = async (ctx, args) => {
  let text = valueOf(args, 1, 'TEXT');
  if (text === undefined) {
    line(ctx.out, (await current(ctx, args)).notes);
    return 0;
  }
  if (text === '-' && !args.has('clear')) text = (await ctx.stdin()).replace(/\n$/, '');
  const { door, ref } = await vmTarget(ctx, args);
  await door.call('vms.setNotes', { ref, notes: text });
  ctx.out.stderr(text === '' ? `cleared the notes of ${ref.host}/${ref.vm}\n` : `set the notes of ${ref.host}/${ref.vm}\n`);
  return 0;
};

export const owner: Run = async (ctx, args) => {
  const name = valueOf(args, 1, 'NAME');
  if (name === undefined) {
    line(ctx.out, (await current(ctx, args)).owner ?? '');
    return 0;
  }
  const { door, ref } = await vmTarget(ctx, args);
  const vm = await door.call('vms.setOwner', { ref, owner: name });
  ctx.out.stderr(vm.owner === null ? `${ref.host}/${ref.vm} has no owner now\n` : `${ref.host}/${ref.vm} is owned by ${vm.owner}\n`);
  return 0;
};

export const setField: Run = async (ctx, args) => {
  const column = args.positionals[1] as string;
  const value = valueOf(args, 2, 'VALUE');
  if (value === undefined) throw new UsageError('give VALUE or --clear');
  const { door, ref } = await vmTarget(ctx, args);
  const vm = await door.call('vms.setField', { ref, column, value });
  ctx.out.stderr(`${ref.host}/${ref.vm}: ${column} = ${vm.fields[column] ?? '(none)'}\n`);
  return 0;
};

export const columnList: Run = async (ctx, args) => {
  const columns = await (await ctx.door({ watch: false })).call('vms.columns', {});
  if (args.has('json')) printJson(ctx.out, columns);
  else printTable(ctx.out, ['name', 'kind', 'choices'], columns.map((c) => [c.name, c.kind, c.choices.join(',')]));
  return 0;
};

export const columnDefine: Run = async (ctx, args) => {
  const kind = (args.get('kind') ?? 'text') as FactColumnKind;
  const choices = args.get('choices');
  if (choices !== undefined && kind !== 'choice') throw new UsageError('--choices goes with --kind choice');
  const name = args.positionals[0] as string;
  await (await ctx.door({ watch: false })).call('vms.defineColumn', { name, kind, choices: choices?.split(',') ?? [] });
  ctx.out.stderr(`defined column ${name} (${kind})\n`);
  return 0;
};

export const columnRemove: Run = async (ctx, args) => {
  const name = args.positionals[0] as string;
  await (await ctx.door({ watch: false })).call('vms.removeColumn', { name });
  ctx.out.stderr(`removed column ${name}\n`);
  return 0;
};
