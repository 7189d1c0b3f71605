// OpenSSH client configuration (~/.ssh/config): the subset VirtDeck needs to reach a host the way `ssh alias`
// would. Parsing and resolution are pure; loadSshConfig() is the only part that touches the file system.
import { readdirSync, readFileSync } from 'node:fs';
import { homedir, hostname, userInfo } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { SshIgnoredSetting } from '../../shared/model/host.js';

/** A condition a directive is under: a `Host` line's patterns, or a `Match` we do not evaluate (never true). */
export type HostCondition = { patterns: string[] } | { never: true };

export interface SshConfigDirective {
  /** Lower-cased keyword, e.g. "hostname". */
  keyword: string;
  args: string[];
  /** All must match the alias: the enclosing Host block and those of the lines that Included this file. */
  conditions: HostCondition[];
  file: string;
  line: number;
}

export interface SshConfig {
  directives: SshConfigDirective[];
  /** Every `Host` line's patterns, in file order (for listHostAliases). */
  hostLines: string[][];
}

/** Returns the files an `Include` argument names (already made absolute); missing files are simply absent. */
export type IncludeReader = (absolutePattern: string) => Array<{ path: string; text: string }>;

export interface JumpSpec {
  host: string;
  user?: string;
  port?: number;
}

export interface ResolvedSshHost {
  /** What the user typed (the name Host patterns match). */
  alias: string;
  hostName: string;
  port: number;
  user: string;
  identityFiles: string[];
  /** True when IdentityFile lines (not OpenSSH's default list) gave identityFiles. */
  identityFilesConfigured: boolean;
  identitiesOnly: boolean;
  /** Empty when no ProxyJump applies (or `ProxyJump none`). */
  proxyJump: JumpSpec[];
  hashKnownHosts: boolean;
  userKnownHostsFiles: string[];
  /** The name known_hosts stores this host's keys under instead of its address (HostKeyAlias). */
  hostKeyAlias?: string;
  /** Settings in effect for this host that VirtDeck does not apply (said to the user, never silently dropped). */
  ignored: SshIgnoredSetting[];
}

export interface ResolveEnv {
  home: string;
  localUser: string;
  localHost: string;
  /** Explicit values from the caller: they win over the config, as on the ssh command line. */
  user?: string;
  port?: number;
}

const MAX_INCLUDE_DEPTH = 16;

/** Settings OpenSSH would act on and VirtDeck does not; `harmless` is the value that changes nothing here. */
const NOT_APPLIED: Record<string, { setting: string; harmless?: string }> = {
  proxycommand: { setting: 'ProxyCommand', harmless: 'none' },
  // VirtDeck always asks for an unknown key and refuses a changed one: OpenSSH's "ask".
  stricthostkeychecking: { setting: 'StrictHostKeyChecking', harmless: 'ask' },
};
const DEFAULT_IDENTITY_FILES = ['~/.ssh/id_rsa', '~/.ssh/id_ecdsa', '~/.ssh/id_ed25519'];

/** Split a config line's arguments: whitespace separated, "double" or 'single' quotes, `#` starts a comment. */
export function splitArgs(rest: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < rest.length) {
    while (i < rest.length && /\s/.test(rest[i]!)) i++;
    if (i >= rest.length || rest[i] === '#') break;
    let word = '';
    while (i < rest.length && !/\s/.test(rest[i]!)) {
      const c = rest[i]!;
      if (c === '"' || c === "'") {
        const end = rest.indexOf(c, i + 1);
        if (end < 0) throw new Error(`unterminated quote in "${rest}"`);
        word += rest.slice(i + 1, end);
        i = end + 1;
      } else {
        word += c;
        i++;
      }
    }
    args.push(word);
  }
  return args;
}

/** Parse config text. `readInclude` resolves Include lines; without it, Include is ignored. */
export function parseSshConfig(
  text: string,
  opts: { file?: string; home?: string; readInclude?: IncludeReader } = {},
): SshConfig {
  const config: SshConfig = { directives: [], hostLines: [] };
  const home = opts.home ?? homedir();
  parseInto(config, text, opts.file ?? '<config>', [], 0, home, opts.readInclude);
  return config;
}

function parseInto(
  config: SshConfig,
  text: string,
  file: string,
  base: HostCondition[],
  depth: number,
  home: string,
  readInclude: IncludeReader | undefined,
): void {
  // Each file starts outside any block of its own; its Host lines only scope the rest of that file.
  let block: HostCondition | null = null;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const m = /^\s*([A-Za-z][A-Za-z0-9]*)(?:\s*=\s*|\s+|$)(.*)$/.exec(raw);
    if (!m || raw.trim().startsWith('#')) return;
    const keyword = m[1]!.toLowerCase();
    const args = splitArgs(m[2]!);
    const line = index + 1;
    if (keyword === 'host') {
      config.hostLines.push(args);
      block = { patterns: args };
      return;
    }
    if (keyword === 'match') {
      // Only `Match all` is evaluated; other criteria (exec, user, …) are treated as never matching.
      block = args.length === 1 && args[0]!.toLowerCase() === 'all' ? { patterns: ['*'] } : { never: true };
      return;
    }
    const conditions = block ? [...base, block] : base;
    if (keyword === 'include') {
      if (!readInclude || depth >= MAX_INCLUDE_DEPTH) return;
      for (const arg of args) {
        const expanded = expandTilde(arg, home);
        const abs = isAbsolute(expanded) ? expanded : join(home, '.ssh', expanded);
        for (const inc of readInclude(abs)) {
          parseInto(config, inc.text, inc.path, conditions, depth + 1, home, readInclude);
        }
      }
      return;
    }
    config.directives.push({ keyword, args, conditions, file, line });
  });
}

/** Glob match with `*` (any run) and `?` (one character), case-insensitive like OpenSSH host matching. */
export function matchPattern(text: string, pattern: string): boolean {
  const t = text.toLowerCase();
  const p = pattern.toLowerCase();
  // Iterative wildcard matching with backtracking to the last `*`.
  let ti = 0;
  let pi = 0;
  let starP = -1;
  let starT = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      ti++;
      pi++;
    } else if (pi < p.length && p[pi] === '*') {
      starP = pi++;
      starT = ti;
    } else if (starP >= 0) {
      pi = starP + 1;
      ti = ++starT;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** A Host line matches when some positive pattern matches and no `!negated` pattern does. */
export function matchHostPatterns(host: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchPattern(host, pattern.slice(1))) return false;
    } else if (matchPattern(host, pattern)) {
      matched = true;
    }
  }
  return matched;
}

function conditionHolds(alias: string, c: HostCondition): boolean {
  return 'patterns' in c && matchHostPatterns(alias, c.patterns);
}

export function expandTilde(path: string, home: string): string {
  if (path === '~') return home;
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/** Expand OpenSSH %-tokens (%% %h %p %r %u %d %n %l); unknown tokens stay as written. */
export function expandTokens(value: string, tokens: Record<string, string>): string {
  return value.replace(/%(.)/g, (whole, ch: string) => (ch === '%' ? '%' : (tokens[ch] ?? whole)));
}

/** `ProxyJump` value: comma list of `[user@]host[:port]` (IPv6 as `[addr]:port`); `none` → no jump. */
export function parseProxyJump(value: string): JumpSpec[] {
  if (value.trim().toLowerCase() === 'none') return [];
  return value.split(',').map((part) => parseJumpHost(part.trim()));
}

export function parseJumpHost(spec: string): JumpSpec {
  let rest = spec.replace(/^ssh:\/\//, '');
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  let host = rest;
  let port: number | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  const colon = /^([^:]+):(\d+)$/.exec(rest);
  if (bracket) {
    host = bracket[1]!;
    if (bracket[2]) port = Number(bracket[2]);
  } else if (colon) {
    host = colon[1]!;
    port = Number(colon[2]);
  }
  if (!host) throw new Error(`bad jump host "${spec}"`);
  return { host, ...(user ? { user } : {}), ...(port !== undefined ? { port } : {}) };
}

function yes(value: string | undefined): boolean {
  return value?.toLowerCase() === 'yes';
}

/** What `ssh alias` would use, following first-value-wins (IdentityFile and UserKnownHostsFile accumulate). */
export function resolveSshHost(config: SshConfig, alias: string, env: ResolveEnv): ResolvedSshHost {
  const first = new Map<string, string[]>();
  const identityFiles: string[] = [];
  const ignored: SshIgnoredSetting[] = [];
  for (const d of config.directives) {
    if (!d.conditions.every((c) => conditionHolds(alias, c))) continue;
    if (d.keyword === 'identityfile') {
      if (d.args[0]) identityFiles.push(d.args[0]);
    } else if (!first.has(d.keyword)) {
      first.set(d.keyword, d.args);
      const skipped = NOT_APPLIED[d.keyword];
      if (skipped && d.args[0]?.toLowerCase() !== skipped.harmless) ignored.push({ setting: skipped.setting, file: d.file, line: d.line });
    }
  }
  const get = (k: string): string | undefined => first.get(k)?.[0];
  const hostName = expandTokens(get('hostname') ?? alias, { h: alias });
  const portText = get('port');
  const port = env.port ?? (portText ? Number(portText) : 22);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`bad Port for ${alias}: ${portText}`);
  const user = env.user ?? get('user') ?? env.localUser;
  const tokens: Record<string, string> = {
    h: hostName,
    p: String(port),
    r: user,
    u: env.localUser,
    d: env.home,
    n: alias,
    l: env.localHost,
  };
  const pathOf = (p: string): string => expandTilde(expandTokens(p, tokens), env.home);
  const jump = get('proxyjump');
  return {
    alias,
    hostName,
    port,
    user,
    identityFiles: (identityFiles.length > 0 ? identityFiles : DEFAULT_IDENTITY_FILES).map(pathOf),
    identityFilesConfigured: identityFiles.length > 0,
    identitiesOnly: yes(get('identitiesonly')),
    proxyJump: jump ? parseProxyJump(jump) : [],
    hashKnownHosts: yes(get('hashknownhosts')),
    userKnownHostsFiles: (first.get('userknownhostsfile') ?? ['~/.ssh/known_hosts']).map(pathOf),
    ...(get('hostkeyalias') ? { hostKeyAlias: get('hostkeyalias') } : {}),
    ignored,
  };
}

/** Names from Host lines that denote one host (no wildcard, no negation), for an "add host" picker. */
export function listHostAliases(config: SshConfig): string[] {
  const seen = new Set<string>();
  for (const patterns of config.hostLines) {
    for (const p of patterns) {
      if (!/[*?!]/.test(p)) seen.add(p);
    }
  }
  return [...seen];
}

/** Reads Include targets from disk; a `*`/`?` glob is honoured in the last path component. */
export const readIncludeFromDisk: IncludeReader = (pattern) => {
  const dir = dirname(pattern);
  const name = basename(pattern);
  let paths: string[];
  if (/[*?]/.test(name)) {
    try {
      paths = readdirSync(dir)
        .filter((entry) => matchPattern(entry, name))
        .sort()
        .map((entry) => join(dir, entry));
    } catch {
      return [];
    }
  } else {
    paths = [pattern];
  }
  const out: Array<{ path: string; text: string }> = [];
  for (const path of paths) {
    try {
      out.push({ path, text: readFileSync(path, 'utf8') });
    } catch {
      // OpenSSH ignores Include targets that do not exist.
    }
  }
  return out;
};

/** Load ~/.ssh/config (or `file`); a missing file is an empty config. */
export function loadSshConfig(file: string = join(homedir(), '.ssh', 'config')): SshConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { directives: [], hostLines: [] };
    throw err;
  }
  return parseSshConfig(text, { file, readInclude: readIncludeFromDisk });
}

/** The environment resolveSshHost needs, taken from this machine. */
export function localResolveEnv(overrides: { user?: string; port?: number } = {}): ResolveEnv {
  return { home: homedir(), localUser: userInfo().username, localHost: hostname(), ...overrides };
}
