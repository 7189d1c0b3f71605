// Flag parsing from a table entry: values, choices, repeats, required flags, argument counts, `--`.
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../electron/cli/args.js';
import type { CommandDef } from '../../../electron/cli/table/types.js';

const def: Pick<CommandDef, 'name' | 'args' | 'flags' | 'rest'> = {
  name: 'define',
  args: [{ name: 'HOST' }, { name: 'NAME', optional: true }],
  flags: [
    { name: 'type', value: 'TYPE', choices: ['dir', 'fs'], required: true, help: '' },
    { name: 'source-dev', value: 'DEV', repeat: true, help: '' },
    { name: 'build', help: '' },
  ],
};

describe('parseArgs from the table', () => {
  it('reads values (spaced or with =), switches and repeats', () => {
    const a = parseArgs(def, ['h1', '--type=dir', 'p', '--source-dev', '/dev/a', '--source-dev', '/dev/b', '--build']);
    expect(a.command).toBe('define');
    expect(a.positionals).toEqual(['h1', 'p']);
    expect(a.get('type')).toBe('dir');
    expect(a.all('source-dev')).toEqual(['/dev/a', '/dev/b']);
    expect(a.has('build')).toBe(true);
    expect(a.rest).toEqual([]);
  });

  it.each([
    [['h1'], 'missing --type TYPE'],
    [['--type', 'dir'], 'missing HOST'],
    [['h1', 'p', 'x', '--type', 'dir'], 'unexpected argument "x"'],
    [['h1', '--type', 'nfs'], '--type must be one of dir, fs, got "nfs"'],
    [['h1', '--type'], 'option --type needs a value (TYPE)'],
    [['h1', '--type', 'dir', '--build=yes'], 'option --build takes no value'],
    [['h1', '--type', 'dir', '--type', 'fs'], 'option --type given twice'],
    [['h1', '--type', 'dir', '--bogus'], 'unknown option --bogus'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parseArgs(def, argv)).toThrow(UsageError);
    expect(() => parseArgs(def, argv)).toThrow(message);
  });

  it('words after -- are arguments, or the command\'s rest when it declares one', () => {
    expect(parseArgs(def, ['--type', 'dir', '--', '--odd-name']).positionals).toEqual(['--odd-name']);
    const ssh = parseArgs({ name: 'ssh', args: [{ name: 'HOST/VM' }], rest: 'COMMAND' }, ['h1/vm', '--', 'ls', '--all']);
    expect(ssh.positionals).toEqual(['h1/vm']);
    expect(ssh.rest).toEqual(['ls', '--all']);
  });

  it('a repeatable last argument takes any number of words, each checked against its choices', () => {
    const help = { name: 'help', args: [{ name: 'COMMAND', optional: true, repeat: true }] };
    expect(parseArgs(help, []).positionals).toEqual([]);
    expect(parseArgs(help, ['pool', 'define']).positionals).toEqual(['pool', 'define']);
    const shell = { name: 'completion', args: [{ name: 'SHELL', choices: ['bash', 'zsh'] }] };
    expect(() => parseArgs(shell, ['tcsh'])).toThrow('SHELL must be one of bash, zsh, got "tcsh"');
  });

  it('reading a flag the entry does not declare is a bug, not a silent undefined', () => {
    const a = parseArgs(def, ['h1', '--type', 'dir']);
    expect(() => a.get('target')).toThrow(/does not declare/);
    expect(() => a.has('target')).toThrow(/does not declare/);
  });
});
