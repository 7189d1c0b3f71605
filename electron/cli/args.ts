// A small, strict argument parser: known flags only, typed values, repeatable flags, clear errors.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface FlagSpec {
  /** Takes a value (`--flag VALUE` or `--flag=VALUE`); otherwise boolean. */
  value?: boolean;
  /** May be given several times (values collected in order). */
  repeat?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
  has(flag: string): boolean;
  get(flag: string): string | undefined;
  all(flag: string): string[];
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (onlyPositionals || !arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const def = spec[name];
    if (!def) throw new UsageError(`unknown option --${name}`);
    let value = 'true';
    if (def.value) {
      if (eq !== -1) value = arg.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined) throw new UsageError(`option --${name} needs a value`);
        value = next;
        i++;
      }
    } else if (eq !== -1) {
      throw new UsageError(`option --${name} takes no value`);
    }
    const list = flags.get(name) ?? [];
    if (list.length > 0 && !def.repeat) throw new UsageError(`option --${name} given twice`);
    list.push(value);
    flags.set(name, list);
  }
  return {
    positionals,
    flags,
    has: (flag) => flags.has(flag),
    get: (flag) => flags.get(flag)?.[0],
    all: (flag) => flags.get(flag) ?? [],
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
