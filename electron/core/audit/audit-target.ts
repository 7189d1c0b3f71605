// What an audited call acted on, read from its validated input: the host, the VM, another object, and the scalar
// arguments worth showing (never a secret, never a long text). Pure.
import type { AuditArgs } from '../../../shared/model/audit.js';

export interface AuditTarget {
  host: string | null;
  vm: string | null;
  object: string | null;
  args: AuditArgs;
}

/** Inputs under such names are never written to the log (passwords, passphrases, keys, user-data, …). */
const SECRET = /pass|secret|token|key|private|user-?data|cloud|script|content|xml|definition/i;
const MAX_ARG_TEXT = 120;
const MAX_ARGS = 16;
const NAMED = ['name', 'id', 'newName', 'dest'] as const;

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The first value under `key` in the input or its objects, breadth first (the nearest wins), to depth 3. */
function find(input: unknown, key: string): unknown {
  let level: Plain[] = isPlain(input) ? [input] : [];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    for (const o of level) if (Object.hasOwn(o, key) && o[key] !== undefined) return o[key];
    level = level.flatMap((o) => Object.values(o).filter(isPlain));
  }
  return undefined;
}

function vmOf(input: unknown): string | null {
  const ref = find(input, 'ref');
  if (isPlain(ref)) return text(ref.vm);
  const target = find(input, 'target');
  if (isPlain(target) && target.kind === 'domain') return text(target.name);
  return null;
}

function objectOf(call: string, input: unknown): string | null {
  if (call.startsWith('hosts.')) return null;
  const pool = text(find(input, 'pool'));
  const volume = text(find(input, 'volume'));
  if (pool) return volume ? `${pool}/${volume}` : pool;
  if (call.startsWith('vms.')) return null; // its name is the VM's (vm) or a column's (args)
  for (const key of NAMED) {
    const v = find(input, key);
    if (typeof v === 'string' && v) return v;
    if (typeof v === 'number') return String(v);
  }
  return null;
}

/** Scalar arguments, nested ones as `spec.name`; host and VM are fields of their own. */
function argsOf(input: unknown): AuditArgs {
  const out: AuditArgs = {};
  const walk = (o: Plain, prefix: string, depth: number): void => {
    for (const [k, v] of Object.entries(o)) {
      if (Object.keys(out).length >= MAX_ARGS) return;
      if (SECRET.test(k) || k === 'host' || k === 'ref') continue;
      const name = prefix + k;
      if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[name] = v;
      else if (typeof v === 'string' && v.length <= MAX_ARG_TEXT) out[name] = v;
      else if (isPlain(v) && depth < 2) walk(v, `${name}.`, depth + 1);
    }
  };
  if (isPlain(input)) walk(input, '', 0);
  return out;
}

export function auditTarget(call: string, input: unknown): AuditTarget {
  const config = find(input, 'config');
  const host = call.startsWith('hosts.')
    ? (text(isPlain(input) ? input.name : undefined) ?? (isPlain(config) ? text(config.name) : null))
    : text(find(input, 'host'));
  return { host, vm: vmOf(input), object: objectOf(call, input), args: argsOf(input) };
}
