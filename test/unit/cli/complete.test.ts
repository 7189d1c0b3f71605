// Completion answers from the table: subcommands, flags not yet given, a flag's choices, files, and names the
// inventory knows (through the lookup the CLI gives it).
import { describe, expect, it } from 'vitest';
import { complete, formatSuggestions, type Lookup, type Suggestions } from '../../../electron/cli/complete.js';
import { ROOT } from '../../../electron/cli/table/index.js';

const lookup: Lookup = async (kind) => (kind === 'host' ? ['h1', 'h2'] : ['h1/web', 'h2/db']);
const values = (s: Suggestions): string[] => (s.files ? [':files'] : s.words.map((w) => w.value));
const at = async (...words: string[]): Promise<string[]> => values(await complete(ROOT, words, lookup));

describe('complete', () => {
  it('offers the commands of a group, with their summaries', async () => {
    expect(await at('')).toEqual(expect.arrayContaining(['host', 'vm', 'pool', 'launch', 'completion']));
    expect(await at('pool', 'de')).toEqual(['list', 'discover', 'define', 'build', 'start', 'stop', 'refresh', 'autostart', 'delete']);
    expect(await at('net', 'ipam', '')).toEqual(['set', 'show', 'reserve', 'release', 'rm']);
    const s = await complete(ROOT, ['vm', ''], lookup);
    expect(s.files ? [] : s.words.find((w) => w.value === 'destroy')?.help).toBe('stop a VM at once, like pulling the plug');
  });

  it('offers flags not given yet (repeatable ones again), and --help', async () => {
    const flags = await at('pool', 'define', 'h1', 'p', '--type', 'dir', '--source-dev', '/dev/a', '--');
    expect(flags).toContain('--source-dev');
    expect(flags).toContain('--target');
    expect(flags).not.toContain('--type');
    expect(flags).toContain('--help');
  });

  it('offers the choices of a flag, files for a FILE, hosts and VMs from the inventory', async () => {
    expect(await at('pool', 'define', 'h1', 'p', '--type', '')).toEqual(['dir', 'fs', 'netfs', 'logical', 'iscsi', 'rbd']);
    expect(await at('vol', 'upload', 'h1/p/v', '')).toEqual([':files']);
    expect(await at('host', 'add', 'x', '--identity', '')).toEqual([':files']);
    expect(await at('host', 'rm', '')).toEqual(['h1', 'h2']);
    expect(await at('vm', 'start', '')).toEqual(['h1/web', 'h2/db']);
    expect(await at('vm', 'list', '--host', '')).toEqual(['h1', 'h2']);
    expect(await at('completion', '')).toEqual(['bash', 'zsh', 'fish']);
  });

  it('offers nothing where anything goes, past the last argument, or for a command after --', async () => {
    expect(await at('flavor', 'add', '')).toEqual([]);
    expect(await at('host', 'rm', 'h1', '')).toEqual([]);
    expect(await at('ssh', 'h1/web', '--', 'ls', '')).toEqual([]);
    expect(await at('nosuch', '')).toEqual([]);
  });

  it('prints one candidate a line with its help after a tab, or :files', () => {
    expect(formatSuggestions({ files: false, words: [{ value: 'define', help: 'define a pool' }, { value: 'h1' }] })).toBe('define\tdefine a pool\nh1\n');
    expect(formatSuggestions({ files: true })).toBe(':files\n');
  });
});
