// The CLI's front: help at every level (stdout, exit 0; an unfinished command: stderr, exit 2), usage mistakes
// pointing at the right help page, completion scripts and answers. None of this opens the core.
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main.js';
import type { Out } from '../../../electron/cli/output.js';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out: Out = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrColumns: () => null };
  const code = await main(argv, out);
  return { code, stdout, stderr };
}

describe('virtdeck help', () => {
  it('the same page for `help pool define`, `pool define --help` and `pool define -h`', async () => {
    const a = await run('help', 'pool', 'define');
    expect(a).toMatchObject({ code: 0, stderr: '' });
    expect(a.stdout).toMatch(/^usage: virtdeck pool define HOST NAME --type TYPE \[options\]\n/);
    expect(await run('pool', 'define', '--help')).toEqual(a);
    expect(await run('pool', 'define', 'h1', '--bogus', '-h')).toEqual(a);
  });

  it('group pages for `help pool` and `pool --help`; the overview for --help and help', async () => {
    const pool = await run('help', 'pool');
    expect(pool.stdout).toMatch(/^usage: virtdeck pool COMMAND …/);
    expect(await run('pool', '--help')).toEqual(pool);
    expect(await run('pool', 'help')).toEqual(pool);
    expect(await run('pool', 'help', 'define')).toEqual(await run('help', 'pool', 'define'));
    const top = await run('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^ {2}completion +print the shell completion script$/m);
    expect(await run('help')).toEqual(top);
  });

  it('an unfinished command prints its group page on stderr with exit 2', async () => {
    const r = await run('pool');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^usage: virtdeck pool COMMAND …/);
    expect((await run()).stderr).toMatch(/^usage: virtdeck COMMAND …/);
  });

  it('a -h after -- belongs to the command run on the guest, not to virtdeck', async () => {
    // ssh then needs its host: the usage error shows the words were parsed, not taken for help
    const r = await run('ssh', '--', 'ls', '-h');
    expect(r).toMatchObject({ code: 2, stderr: 'virtdeck: missing HOST/VM (see virtdeck ssh --help)\n' });
  });
});

describe('usage mistakes', () => {
  it.each([
    [['frob'], 'virtdeck: unknown command "frob" (see virtdeck --help)\n'],
    [['net', 'ipam', 'frob'], 'virtdeck: unknown net ipam command "frob" (see virtdeck net ipam --help)\n'],
    [['pool', 'define', 'h1', 'p'], 'virtdeck: missing --type TYPE (see virtdeck pool define --help)\n'],
    [['vol', 'create', 'h/p', 'v', '--format', 'vmdk'], 'virtdeck: --format must be one of qcow2, raw, got "vmdk" (see virtdeck vol create --help)\n'],
    [['completion', 'tcsh'], 'virtdeck: SHELL must be one of bash, zsh, fish, got "tcsh" (see virtdeck completion --help)\n'],
  ])('%j: one line, exit 2', async (argv, stderr) => {
    expect(await run(...argv)).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('completion', () => {
  it.each(['bash', 'zsh', 'fish'])('completion %s prints a script that asks virtdeck __complete', async (shell) => {
    const r = await run('completion', shell);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('virtdeck __complete');
    expect(r.stdout).toContain(':files');
  });

  it('__complete answers from the table', async () => {
    expect((await run('__complete', 'vol', 'cr')).stdout).toMatch(/^create\tcreate a volume/m);
    expect((await run('__complete', 'vol', 'create', 'h/p', 'v', '--format', '')).stdout).toBe('qcow2\nraw\n');
  });
});
