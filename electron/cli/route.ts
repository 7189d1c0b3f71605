// Finds the table entry the words name: a command to run with its own words, or a help page to show.
import { UsageError } from './args.js';
import { type CommandDef, type Def, findDef, type GroupDef, isGroup } from './table/types.js';

export type Route =
  /** `incomplete`: the words stop at a group (`virtdeck pool`), so its page goes to stderr with exit 2. */
  | { kind: 'help'; path: readonly Def[]; incomplete: boolean }
  | { kind: 'run'; path: readonly Def[]; command: CommandDef; words: readonly string[] };

const isHelpFlag = (w: string): boolean => w === '--help' || w === '-h';

/** "pool define" for the path root → pool → define. */
export const pathName = (path: readonly Def[]): string => path.slice(1).map((d) => d.name).join(' ');

/** The entry `word` names below the last entry of `path`. */
function step(path: readonly Def[], word: string): Def {
  const at = path.at(-1) as Def;
  const def = isGroup(at) ? findDef(at, word) : undefined;
  if (def) return def;
  const where = pathName(path);
  const what = isGroup(at) ? `unknown ${where ? `${where} ` : ''}command "${word}"` : `${where} has no subcommands`;
  throw new UsageError(`${what} (see ${['virtdeck', where].filter(Boolean).join(' ')} --help)`);
}

/** The entries named by `words` below `root` (for `virtdeck help pool define`). */
export function findPath(root: GroupDef, words: readonly string[]): Def[] {
  const path: Def[] = [root];
  for (const word of words) path.push(step(path, word));
  return path;
}

export function route(root: GroupDef, argv: readonly string[]): Route {
  const path: Def[] = [root];
  for (let i = 0; ; i++) {
    const word = argv[i];
    if (word === undefined) return { kind: 'help', path, incomplete: true };
    if (isHelpFlag(word)) return { kind: 'help', path, incomplete: false };
    // `virtdeck pool help [define]`, as the usage lines of older versions said
    if (word === 'help' && path.length > 1) {
      for (const w of argv.slice(i + 1)) path.push(step(path, w));
      return { kind: 'help', path, incomplete: false };
    }
    const def = step(path, word);
    path.push(def);
    if (isGroup(def)) continue;
    const words = argv.slice(i + 1);
    const dashes = words.indexOf('--');
    if ((dashes === -1 ? words : words.slice(0, dashes)).some(isHelpFlag)) return { kind: 'help', path, incomplete: false };
    return { kind: 'run', path, command: def, words };
  }
}
