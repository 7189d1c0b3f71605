// The command table's shape: every command, argument and flag of `virtdeck` is declared once, and the parser,
// the help pages and shell completion are all read from it. A command's code is loaded only when it runs.
import type { CliContext } from '../context.js';
import type { ParsedArgs } from '../args.js';

/** What the shell offers for a value: local files, configured hosts, or HOST/VM of the inventory's VMs. */
export type Completion = 'file' | 'host' | 'vm';

export interface FlagDef {
  readonly name: string;
  /** Placeholder of the value (`--size SIZE`); a flag without one is a switch. */
  readonly value?: string;
  readonly repeat?: boolean;
  readonly required?: boolean;
  /** The only values accepted. */
  readonly choices?: readonly string[];
  readonly complete?: Completion;
  readonly help: string;
}

export interface ArgDef {
  readonly name: string;
  readonly optional?: boolean;
  /** The last argument only: may be given any number of times. */
  readonly repeat?: boolean;
  readonly choices?: readonly string[];
  readonly complete?: Completion;
}

/** A command's code: exit status 0 on success. */
export type Run = (ctx: CliContext, args: ParsedArgs) => Promise<number>;

export interface CommandDef {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
  readonly args?: readonly ArgDef[];
  readonly flags?: readonly FlagDef[];
  /** Name of the words after `--` (`virtdeck ssh HOST/VM -- COMMAND…`); absent: `--` is not accepted. */
  readonly rest?: string;
  /** More lines for the help page. */
  readonly details?: string;
  readonly load: () => Promise<Run>;
}

export interface GroupDef {
  readonly name: string;
  readonly summary: string;
  readonly details?: string;
  readonly commands: readonly Def[];
}

export type Def = CommandDef | GroupDef;

export const isGroup = (d: Def): d is GroupDef => 'commands' in d;

/** The entry of `group` called `word` (by name or alias). */
export function findDef(group: GroupDef, word: string): Def | undefined {
  return group.commands.find((d) => d.name === word || (!isGroup(d) && d.aliases?.includes(word)));
}
