// The strict argument parser, driven by the command table (known flags only, values, choices, repeatable
// flags, argument counts), and the parsers of the CLI's reference words (HOST/VM, HOST/POOL/VOL, USER@HOST:PORT).
import type { CommandDef, ParsedArgs } from './table/types.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses a command's words by its table entry: known flags only, their values and choices, the number of
 *  arguments. Asking for a flag the entry does not declare is a bug in the command and throws. */
export function parseArgs(def: Pick<CommandDef, 'name' | 'args' | 'flags' | 'rest'>, argv: readonly string[]): ParsedArgs {
  const specs = new Map((def.flags ?? []).map((f) => [f.name, f]));
  const positionals: string[] = [];
  const rest: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      (def.rest ? rest : positionals).push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const spec = specs.get(name);
    if (!spec) throw new UsageError(`unknown option --${name}`);
    let value = 'true';
    if (spec.value) {
      if (eq !== -1) value = arg.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined) throw new UsageError(`option --${name} needs a value (${spec.value})`);
        value = next;
        i++;
      }
      if (spec.choices && !spec.choices.includes(value)) {
        throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}, got "${value}"`);
      }
    } else if (eq !== -1) {
      throw new UsageError(`option --${name} takes no value`);
    }
    const list = flags.get(name) ?? [];
    if (list.length > 0 && !spec.repeat) throw new UsageError(`option --${name} given twice`);
    list.push(value);
    flags.set(name, list);
  }
  for (const spec of specs.values()) {
    if (spec.required && !flags.has(spec.name)) throw new UsageError(`missing --${spec.name}${spec.value ? ` ${spec.value}` : ''}`);
  }
  const args = def.args ?? [];
  const missing = args.slice(positionals.length).find((a) => !a.optional);
  if (missing) throw new UsageError(`missing ${missing.name}`);
  for (const [i, a] of args.entries()) {
    const choices = a.choices;
    const bad = choices && (a.repeat ? positionals.slice(i) : positionals.slice(i, i + 1)).find((w) => !choices.includes(w));
    if (choices && bad !== undefined) throw new UsageError(`${a.name} must be one of ${choices.join(', ')}, got "${bad}"`);
  }
  if (positionals.length > args.length && !args.at(-1)?.repeat) throw new UsageError(`unexpected argument "${positionals[args.length]}"`);
  const known = (flag: string): string => {
    if (!specs.has(flag)) throw new Error(`bug: the command reads --${flag}, which its table entry does not declare`);
    return flag;
  };
  return {
    command: def.name,
    positionals,
    rest,
    has: (flag) => flags.has(known(flag)),
    get: (flag) => flags.get(known(flag))?.[0],
    all: (flag) => flags.get(known(flag)) ?? [],
  };
}

/** Splits a ref like "HOST/POOL/VOL": one part per key, none empty or with a "/"; the usage error names the
 *  parts in capitals ("expected HOST/POOL/VOL"). */
export function parseRef<K extends string>(text: string | undefined, ...keys: K[]): Record<K, string> {
  const parts = (text ?? '').split('/');
  if (parts.length !== keys.length || parts.includes('')) {
    throw new UsageError(`expected ${keys.join('/').toUpperCase()}, got "${text ?? ''}"`);
  }
  return Object.fromEntries(keys.map((k, i) => [k, parts[i]])) as Record<K, string>;
}

/** Splits "HOST/VM" (the VM part may itself contain "/"; the host name never does). */
export function parseVmRef(text: string): { host: string; vm: string } {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) throw new UsageError(`expected HOST/VM, got "${text}"`);
  return { host: text.slice(0, slash), vm: text.slice(slash + 1) };
}

/** Parses "[USER@]HOST[:PORT]" (IPv6 in brackets: [::1]:22). */
export function parseSshSpec(text: string): { user?: string; host: string; port?: number } {
  const at = text.lastIndexOf('@');
  const user = at > 0 ? text.slice(0, at) : undefined;
  let rest = at >= 0 ? text.slice(at + 1) : text;
  let port: number | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracket) {
    rest = bracket[1] as string;
    if (bracket[2]) port = Number(bracket[2]);
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon !== -1 && rest.indexOf(':') === colon) {
      const p = rest.slice(colon + 1);
      if (!/^\d+$/.test(p)) throw new UsageError(`bad port in "${text}"`);
      port = Number(p);
      rest = rest.slice(0, colon);
    }
  }
  if (!rest) throw new UsageError(`expected [USER@]HOST[:PORT], got "${text}"`);
  if (port !== undefined && (port < 1 || port > 65535)) throw new UsageError(`port out of range in "${text}"`);
  return { ...(user ? { user } : {}), host: rest, ...(port !== undefined ? { port } : {}) };
}
