// Help pages, written from the command table (the same entries the parser reads).
import { pathName } from './route.js';
import { type ArgDef, type CommandDef, type Def, type FlagDef, type GroupDef, isGroup } from './table/types.js';

const HELP_FLAG: FlagDef = { name: 'help', help: 'this help' };

function argWord(a: ArgDef): string {
  const word = a.repeat ? `${a.name}…` : a.name;
  return a.optional ? `[${word}]` : word;
}

export function flagWord(f: FlagDef): string {
  return `--${f.name}${f.value ? ` ${f.value}` : ''}${f.repeat ? '…' : ''}`;
}

/** `virtdeck pool define HOST NAME --type TYPE [options]` */
export function usageLine(path: readonly Def[], def: CommandDef): string {
  const flags = def.flags ?? [];
  return [
    'virtdeck',
    pathName(path),
    ...(def.args ?? []).map(argWord),
    ...flags.filter((f) => f.required).map(flagWord),
    ...(flags.some((f) => !f.required) ? ['[options]'] : []),
    ...(def.rest ? [`[-- ${def.rest}…]`] : []),
  ].join(' ');
}

/** Two aligned columns, indented. */
function columns(rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`.trimEnd()).join('\n');
}

function flagHelp(f: FlagDef): string {
  const extras = [f.choices ? `one of ${f.choices.join(', ')}` : '', f.required ? 'required' : '', f.repeat ? 'repeatable' : '']
    .filter(Boolean)
    .join('; ');
  return extras ? `${f.help} (${extras})` : f.help;
}

function commandPage(path: readonly Def[], def: CommandDef): string {
  const parent = ['virtdeck', pathName(path.slice(0, -1))].filter(Boolean).join(' ');
  const aliases = def.aliases?.length ? `\nalso: ${def.aliases.map((a) => `${parent} ${a}`).join(', ')}` : '';
  const choices = (def.args ?? []).filter((a) => a.choices).map((a) => `${a.name}: one of ${a.choices?.join(', ')}`);
  return [
    `usage: ${usageLine(path, def)}${aliases}`,
    '',
    def.summary,
    ...(choices.length ? ['', ...choices] : []),
    '',
    'options:',
    columns([...(def.flags ?? []), HELP_FLAG].map((f) => [flagWord(f), flagHelp(f)] as const)),
    ...(def.details ? ['', def.details] : []),
  ].join('\n');
}

function groupPage(path: readonly Def[], group: GroupDef): string {
  const name = ['virtdeck', pathName(path)].filter(Boolean).join(' ');
  return [
    `usage: ${name} COMMAND …`,
    '',
    group.summary,
    '',
    'commands:',
    columns(group.commands.map((d) => [isGroup(d) ? `${d.name} …` : d.name, d.summary] as const)),
    ...(group.details ? ['', group.details] : []),
    '',
    `"${name} COMMAND --help" tells more about each.`,
  ].join('\n');
}

/** The help page of the last entry of `path` (root first). */
export function helpPage(path: readonly Def[]): string {
  const def = path.at(-1) as Def;
  return `${isGroup(def) ? groupPage(path, def) : commandPage(path, def)}\n`;
}
