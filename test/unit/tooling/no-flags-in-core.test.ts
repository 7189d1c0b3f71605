// The core sends codes, never sentences: no string in electron/core names a command-line flag (`--overcommit`),
// which only the CLI's words may mention. A flag given to a host command as one argv element (`'--output=json'`)
// is the only string allowed to hold one. Comments are not strings, so they may.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const FLAG = /(^|[^\w-])--[a-z]/;
const ARGV_FLAG = /^--[a-z][a-z0-9-]*(=\S*)?$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every string or template part of a source text that mentions a flag, except a lone argv flag. */
function flagStrings(fileName: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isTemplateLiteralToken(node)) {
      if (FLAG.test(node.text) && !ARGV_FLAG.test(node.text)) found.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));
  return found;
}

describe('flags in core messages', () => {
  it('finds flags in strings and templates, not in comments or lone argv elements', () => {
    const text = [
      "// pass --overcommit in a comment is fine",
      "const a = ['qemu-img', 'info', '--output=json', '--', path];",
      "const b = `${size} is more than the free space; pass --overcommit`;",
      "const c = 'needs the server (--source-host)';",
      "const d = `x ${y} z --shrink`;",
    ].join('\n');
    expect(flagStrings('probe.ts', text)).toEqual([' is more than the free space; pass --overcommit', 'needs the server (--source-host)', ' z --shrink']);
  });

  it('electron/core has none', () => {
    const offenders = sourceFiles(join(repo, 'electron/core')).flatMap((file) =>
      flagStrings(file, readFileSync(file, 'utf8')).map((s) => `${relative(repo, file)}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });
});
