// YAML in and out with YAML 1.1 semantics, because cloud-init reads its files with PyYAML (1.1):
// emitting as 1.1 quotes strings PyYAML would otherwise turn into numbers or booleans (an
// all-digit MAC like 52:54:00:12:34:56 is a base-60 integer there; `yes` is true).
import { createRequire } from 'node:module';
import { report } from '../../../shared/model/errors.js';
import type { SeedIssue } from './types.js';

// yaml is loaded at first use, not with this module: a CLI command that writes no cloud-init starts faster.
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

export interface ParsedYaml {
  /** The plain JS value (undefined when the text has syntax errors). */
  value: unknown;
  issues: SeedIssue[];
  /** Where the node at `path` is: `where:line:column: key.path` (the position when the node has one). */
  at(path: readonly (string | number)[]): string;
}

export function parseYaml(text: string, where: string): ParsedYaml {
  const { isMap, LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter: lines, prettyErrors: false });
  const issues: SeedIssue[] = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return {
      severity: doc.errors.includes(e) ? 'error' : 'warning',
      path: `${where}:${pos.line}:${pos.col}`,
      problem: report('seed.yaml', { message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') }),
    };
  });
  const at = (path: readonly (string | number)[]) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const keyed = path.length ? (doc.getIn(path.slice(0, -1), true) as unknown) : undefined;
    // For a key whose value is missing or null, point at the key's parent map instead.
    const range = node?.range ?? (isMap(keyed) ? keyed.range : undefined);
    const pos = range ? lines.linePos(range[0]) : null;
    return `${where}${pos ? `:${pos.line}:${pos.col}` : ''}${path.length ? `: ${path.join('.')}` : ''}`;
  };
  return { value: doc.errors.length ? undefined : doc.toJS(), issues, at };
}

/** Block-style YAML 1.1, no line folding (SSH keys and hashes stay on one line). */
export function emitYaml(value: unknown): string {
  return yaml().stringify(value, { version: '1.1', lineWidth: 0, minContentWidth: 0 });
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
