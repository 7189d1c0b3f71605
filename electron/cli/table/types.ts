// The command table's shape: every command, argument and flag of `virtdeck` is declared once, and the parser,
// the help pages and shell completion are all read from it. A command's code is loaded only when it runs.
import type { Door, DoorOptions } from '../door.js';
import type { Out } from '../output.js';

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

/** A command's words, parsed by its entry (args.ts). */
export interface ParsedArgs {
  /** The command's name in the table (also when it was called by an alias). */
  readonly command: string;
  readonly positionals: readonly string[];
  /** The words after `--`, for a command that declares them (`rest`). */
  readonly rest: readonly string[];
  has(flag: string): boolean;
  get(flag: string): string | undefined;
  all(flag: string): string[];
}

/** What a command's code gets to work with. */
export interface CliContext {
  readonly out: Out;
  /** The command table the words were looked up in. */
  readonly root: GroupDef;
  /** The door; its options (how the core asks, whether hosts are followed) apply when this call opens it. */
  door(opts?: DoorOptions): Promise<Door>;
  stdin(): Promise<string>;
  /** Resolves on Ctrl+C or SIGTERM (only a command that waits for it catches them). */
  interrupted(): Promise<void>;
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
