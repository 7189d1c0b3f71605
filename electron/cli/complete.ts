// Shell completion, answered from the command table: `virtdeck __complete WORD…` (the words typed so far, the
// last one being completed) prints one candidate a line ("value<TAB>help"), or ":files" for file names. The
// scripts of `virtdeck completion bash|zsh|fish` only call it, so every shell offers the same.
import { type ArgDef, type Completion, type Def, type FlagDef, findDef, type GroupDef, isGroup } from './table/types.js';

export interface Candidate {
  value: string;
  help?: string;
}

export type Suggestions = { files: true } | { files: false; words: Candidate[] };

/** Names known to the inventory: configured hosts, or HOST/VM of the VMs last seen (no host is contacted). */
export type Lookup = (kind: Exclude<Completion, 'file'>) => Promise<string[]>;

const none: Suggestions = { files: false, words: [] };

async function valuesOf(x: Pick<ArgDef, 'choices' | 'complete'>, lookup: Lookup): Promise<Suggestions> {
  if (x.choices) return { files: false, words: x.choices.map((value) => ({ value })) };
  if (x.complete === 'file') return { files: true };
  if (x.complete) return { files: false, words: (await lookup(x.complete)).map((value) => ({ value })) };
  return none;
}

export async function complete(root: GroupDef, words: readonly string[], lookup: Lookup): Promise<Suggestions> {
  const current = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  let at: Def = root;
  let i = 0;
  for (; i < before.length && isGroup(at); i++) {
    const next = findDef(at, before[i] as string);
    if (!next) return none;
    at = next;
  }
  if (isGroup(at)) return { files: false, words: at.commands.map((d) => ({ value: d.name, help: d.summary })) };

  const flags = new Map((at.flags ?? []).map((f) => [f.name, f]));
  const given = new Set<string>();
  let pending: FlagDef | undefined;
  let positionals = 0;
  for (const w of before.slice(i)) {
    if (pending) pending = undefined;
    else if (w === '--') return none; // the rest is a command for elsewhere (virtdeck ssh HOST/VM -- …)
    else if (w.startsWith('--')) {
      const [name = '', value] = w.slice(2).split('=', 2);
      given.add(name);
      if (flags.get(name)?.value && value === undefined) pending = flags.get(name);
    } else positionals++;
  }
  if (pending) return valuesOf(pending, lookup);
  if (current.startsWith('-')) {
    const open = [...flags.values()].filter((f) => f.repeat || !given.has(f.name));
    return { files: false, words: [...open, { name: 'help', help: 'this help' }].map((f) => ({ value: `--${f.name}`, help: f.help })) };
  }
  const args = at.args ?? [];
  const last = args.at(-1);
  const arg = args[positionals] ?? (last?.repeat ? last : undefined);
  return arg ? valuesOf(arg, lookup) : none;
}

/** What `virtdeck __complete` prints. */
export function formatSuggestions(s: Suggestions): string {
  if (s.files) return ':files\n';
  return s.words.map((c) => (c.help ? `${c.value}\t${c.help}\n` : `${c.value}\n`)).join('');
}
