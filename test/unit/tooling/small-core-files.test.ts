// Small rooms: no source file of the core is over 300 lines (a larger one is split by what it holds).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const MAX_LINES = 300;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('electron/core', () => {
  it(`has no file over ${MAX_LINES} lines`, () => {
    const files = sourceFiles(join(repo, 'electron/core'));
    expect(files.length).toBeGreaterThan(50);
    const large = files
      .map((f) => ({ file: relative(repo, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES);
    expect(large).toEqual([]);
  });
});
