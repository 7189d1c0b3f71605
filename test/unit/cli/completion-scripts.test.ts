// The completion scripts in real shells, with `virtdeck` replaced by a stub that records the words it was asked
// about and answers like `virtdeck __complete` does: the script passes the right words and shows the answers
// (filtered by what is typed), or falls back to file names on ":files".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completionScript } from '../../../electron/cli/completion.js';

const installed = (shell: string): boolean => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'vd-compl-'));
writeFileSync(join(dir, 'disk.img'), '');

/** Runs `body` in `shell` with the script loaded and a stub virtdeck; returns stdout lines. */
function inShell(shell: 'bash' | 'zsh' | 'fish', stub: string, body: string): string[] {
  const script = join(dir, `script.${shell}`);
  writeFileSync(script, completionScript(shell));
  const r = spawnSync(shell, ['-c', `${stub}\nsource ${script}\n${body}`], { cwd: dir, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

const ANSWER = String.raw`printf 'define\tdefine a pool\ndelete\tdelete a pool\nlist\tlist pools\n'`;

describe('bash completion', () => {
  const stub = String.raw`virtdeck() { local IFS=' '; echo "asked: $*" >&3; if [[ $3 == --type ]]; then echo :files; else ${ANSWER}; fi; }`;

  it('asks with the words so far and offers the answers that match', () => {
    const lines = inShell('bash', stub, 'exec 3>&1; COMP_WORDS=(virtdeck pool de); COMP_CWORD=2; _virtdeck; printf "<%s>\\n" "${COMPREPLY[@]}"');
    expect(lines).toEqual(['asked: __complete pool de', '<define>', '<delete>']);
  });

  it('falls back to file names on :files', () => {
    const lines = inShell('bash', stub, 'exec 3>/dev/null; COMP_WORDS=(virtdeck x --type di); COMP_CWORD=3; _virtdeck; printf "<%s>\\n" "${COMPREPLY[@]}"');
    expect(lines).toEqual(['<disk.img>']);
  });
});

describe.skipIf(!installed('zsh'))('zsh completion (skipped when zsh is not installed)', () => {
  // _describe and _files belong to zsh's completion system; stand-ins print what the script hands them.
  const stub = String.raw`compdef() { :; }; _describe() { local arr=$2; print -l -- "$${'{'}(@P)arr}"; }; _files() { print FILES; }
virtdeck() { print -u3 -- "asked: $*"; if [[ $3 == --type ]]; then print :files; else ${ANSWER}; fi; }`;

  it('asks with the words so far and hands value:description pairs to _describe', () => {
    expect(inShell('zsh', stub, 'exec 3>&1; words=(virtdeck pool de); CURRENT=3; _virtdeck')).toEqual([
      'asked: __complete pool de', 'define:define a pool', 'delete:delete a pool', 'list:list pools',
    ]);
  });

  it('hands over to _files on :files', () => {
    expect(inShell('zsh', stub, 'exec 3>/dev/null; words=(virtdeck x --type ""); CURRENT=4; _virtdeck')).toEqual(['FILES']);
  });
});

describe.skipIf(!installed('fish'))('fish completion (skipped when fish is not installed)', () => {
  const stub = String.raw`function virtdeck; if test "$argv[3]" = --type; echo :files; else; ${ANSWER}; end; end`;

  it('offers the answers with their descriptions', () => {
    expect(inShell('fish', stub, 'complete -C "virtdeck pool de"')).toEqual(['define\tdefine a pool', 'delete\tdelete a pool']);
  });

  it('completes file names on :files', () => {
    expect(inShell('fish', stub, 'complete -C "virtdeck x --type di"')).toEqual(['disk.img']);
  });
});
