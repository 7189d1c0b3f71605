// The command table: every command has a help page written from its entry, names are unique, and every entry's
// code exists (the lazy import resolves to a function).
import { describe, expect, it } from 'vitest';
import { flagWord, helpPage, usageLine } from '../../../electron/cli/help.js';
import { findPath } from '../../../electron/cli/route.js';
import { ROOT } from '../../../electron/cli/table/index.js';
import { type CommandDef, type Def, type GroupDef, isGroup } from '../../../electron/cli/table/types.js';

/** Every entry with its path from the root. */
function walk(group: GroupDef, path: Def[] = [ROOT]): Array<{ path: Def[]; def: Def }> {
  return group.commands.flatMap((def) => {
    const here = [...path, def];
    return [{ path: here, def }, ...(isGroup(def) ? walk(def, here) : [])];
  });
}

const entries = walk(ROOT);
const commands = entries.filter((e): e is { path: Def[]; def: CommandDef } => !isGroup(e.def));
const groups = [{ path: [ROOT] as Def[], def: ROOT }, ...entries.filter((e) => isGroup(e.def))] as Array<{ path: Def[]; def: GroupDef }>;
const name = (path: Def[]): string => path.slice(1).map((d) => d.name).join(' ');

describe('command table', () => {
  it('has every command of the README', () => {
    const names = commands.map((c) => name(c.path));
    for (const n of ['host add', 'host list', 'vm list', 'vm start', 'vm delete', 'pool define', 'vol upload', 'net ipam set', 'image add', 'flavor add', 'launch', 'seed', 'ssh', 'snap revert', 'bridge confirm', 'stats', 'events', 'xml normalize', 'completion']) {
      expect(names).toContain(n);
    }
    expect(commands.length).toBeGreaterThan(60);
  });

  it.each(groups.map((g) => [name(g.path) || 'virtdeck', g] as const))('%s: names and aliases are unique', (_n, g) => {
    const words = g.def.commands.flatMap((d) => [d.name, ...(isGroup(d) ? [] : (d.aliases ?? []))]);
    expect(new Set(words).size).toBe(words.length);
  });

  it.each(commands.map((c) => [name(c.path), c] as const))('%s: flags are unique, optional arguments come last', (_n, c) => {
    const flags = (c.def.flags ?? []).map((f) => f.name);
    expect(new Set(flags).size).toBe(flags.length);
    expect(flags).not.toContain('help');
    const args = c.def.args ?? [];
    const firstOptional = args.findIndex((a) => a.optional);
    if (firstOptional !== -1) expect(args.slice(firstOptional).every((a) => a.optional)).toBe(true);
    expect(args.slice(0, -1).some((a) => a.repeat)).toBe(false);
  });

  it.each(commands.map((c) => [name(c.path), c] as const))('%s: its code loads', async (_n, c) => {
    expect(typeof (await c.def.load())).toBe('function');
  });
});

describe('help pages', () => {
  it.each(commands.map((c) => [name(c.path), c] as const))('virtdeck %s --help: usage, summary and every flag', (n, c) => {
    const page = helpPage(c.path);
    expect(page.startsWith(`usage: virtdeck ${n}`)).toBe(true);
    expect(page).toContain(usageLine(c.path, c.def));
    expect(page).toContain(c.def.summary);
    for (const a of c.def.args ?? []) expect(usageLine(c.path, c.def)).toContain(a.name);
    for (const f of c.def.flags ?? []) {
      expect(page).toContain(flagWord(f));
      expect(page).toContain(f.help);
      if (f.required) expect(usageLine(c.path, c.def)).toContain(flagWord(f));
      for (const choice of f.choices ?? []) expect(page).toContain(choice);
    }
    expect(page).toContain('--help');
  });

  it.each(groups.map((g) => [name(g.path) || '(root)', g] as const))('virtdeck %s --help lists every subcommand', (_n, g) => {
    const page = helpPage(g.path);
    for (const d of g.def.commands) expect(page).toMatch(new RegExp(`^  ${d.name}\\b.*${d.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  });

  it('`help pool define` finds the same entries as the words of the command', () => {
    const path = findPath(ROOT, ['pool', 'define']);
    expect(path.map((d) => d.name)).toEqual(['virtdeck', 'pool', 'define']);
    expect(helpPage(path)).toMatch(/^usage: virtdeck pool define HOST NAME --type TYPE \[options\]\n/);
    expect(helpPage(findPath(ROOT, ['net', 'ipam']))).toMatch(/^usage: virtdeck net ipam COMMAND …/);
  });

  it('an alias finds its command, an unknown word says where to look', () => {
    expect(findPath(ROOT, ['vm', 'ls']).at(-1)?.name).toBe('list');
    expect(() => findPath(ROOT, ['pool', 'frob'])).toThrow('unknown pool command "frob" (see virtdeck pool --help)');
    expect(() => findPath(ROOT, ['frob'])).toThrow('unknown command "frob" (see virtdeck --help)');
    expect(() => findPath(ROOT, ['stats', 'x'])).toThrow('stats has no subcommands');
  });
});
