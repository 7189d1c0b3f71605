// virtdeck alert …: the history, the rules and the targets, through the core's alerts.* calls.
import type { AlertRecord, AlertRuleId, AlertTarget, AlertTargetSpec } from '../../../shared/model/alerts.js';
import { alertLine, targetLabel } from '../../../shared/model/alert-words.js';
import { UsageError } from '../args.js';
import type { ParsedArgs, Run } from '../table/types.js';
import { int, printList } from './common.js';

/** One history line's columns. */
export function alertRow(a: AlertRecord): string[] {
  return [String(a.id), a.firedAt, a.clearedAt ?? '', alertLine(a)];
}

export const history: Run = async (ctx, args) => {
  const limit = int(args.get('limit'), 'limit');
  const door = await ctx.door({ watch: false });
  const list = await door.call('alerts.history', { firing: args.has('firing'), ...(limit !== undefined ? { limit } : {}) });
  printList(ctx.out, args, list, ['id', 'fired', 'cleared', 'alert'], alertRow);
  return 0;
};

export const rules: Run = async (ctx, args) => {
  const list = await (await ctx.door({ watch: false })).call('alerts.rules', {});
  printList(ctx.out, args, list, ['rule', 'on', 'threshold'], (r) => [r.id, r.enabled ? 'on' : 'off', r.threshold === null ? '' : `${r.threshold}%`]);
  return 0;
};

/** `rule set RULE [--on|--off] [--threshold N]`, `rule add RULE [--threshold N]`, `rule rm RULE`. */
export const ruleSet: Run = async (ctx, args) => {
  const id = args.positionals[0] as AlertRuleId;
  const flag = (f: string): boolean => args.command === 'set' && args.has(f);
  if (flag('on') && flag('off')) throw new UsageError('--on and --off exclude each other');
  const text = args.command === 'rm' ? undefined : args.get('threshold');
  const threshold = text === undefined ? undefined : Number(text);
  if (threshold !== undefined && !(threshold >= 1 && threshold <= 100)) throw new UsageError(`--threshold wants a % from 1 to 100, got "${text}"`);
  const door = await ctx.door({ watch: false });
  const now = (await door.call('alerts.rules', {})).find((r) => r.id === id);
  const enabled = args.command === 'add' || flag('on') ? true : args.command === 'rm' || flag('off') ? false : (now?.enabled ?? true);
  const list = await door.call('alerts.setRule', { id, enabled, threshold: threshold ?? null });
  const r = list.find((x) => x.id === id);
  ctx.out.stderr(`rule ${id} ${r?.enabled ? 'on' : 'off'}${r?.threshold != null ? ` at ${r.threshold}%` : ''}\n`);
  return 0;
};

export const targets: Run = async (ctx, args) => {
  const list = await (await ctx.door({ watch: false })).call('alerts.targets', {});
  printList(ctx.out, args, list, ['id', 'kind', 'target'], (t: AlertTarget) => [String(t.id), t.kind, targetLabel(t).slice(t.kind.length + 1)]);
  return 0;
};

async function smtpSpec(args: ParsedArgs, stdin: () => Promise<string>): Promise<AlertTargetSpec> {
  const host = args.get('smtp-host');
  const from = args.get('from');
  const to = args.all('to');
  if (!host || !from || to.length === 0) throw new UsageError('smtp wants --smtp-host HOST, --from ADDRESS and --to ADDRESS');
  const secure = args.has('tls');
  const user = args.get('user') ?? null;
  if (args.has('password-stdin') && !user) throw new UsageError('--password-stdin wants --user NAME');
  const password = args.has('password-stdin') ? (await stdin()).replace(/\r?\n$/, '') : null;
  return { kind: 'smtp', host, port: int(args.get('port'), 'port') ?? (secure ? 465 : 587), secure, user, password, from, to };
}

const SMTP_FLAGS = ['smtp-host', 'port', 'tls', 'user', 'password-stdin', 'from', 'to'];

export const targetAdd: Run = async (ctx, args) => {
  const [kind, url] = args.positionals;
  let spec: AlertTargetSpec;
  if (kind === 'webhook') {
    if (!url) throw new UsageError('webhook wants its URL');
    const stray = SMTP_FLAGS.find((f) => args.has(f));
    if (stray) throw new UsageError(`--${stray} is for smtp targets`);
    spec = { kind: 'webhook', url };
  } else {
    if (url) throw new UsageError(`unexpected argument "${url}" (smtp takes flags)`);
    spec = await smtpSpec(args, () => ctx.stdin());
  }
  const door = await ctx.door({ watch: false });
  const t = await door.call('alerts.addTarget', { spec });
  ctx.out.stdout(`${t.id}\n`);
  ctx.out.stderr(`added alert target ${t.id}: ${targetLabel(t)}\n`);
  if (args.has('test')) {
    await door.call('alerts.testTarget', { id: t.id });
    ctx.out.stderr('test message sent\n');
  }
  return 0;
};

function idArg(args: ParsedArgs): number {
  const text = args.positionals[0] as string;
  if (!/^\d+$/.test(text)) throw new UsageError(`ID must be a target's number (see virtdeck alert target list), got "${text}"`);
  return Number(text);
}

export const targetRemove: Run = async (ctx, args) => {
  const id = idArg(args);
  await (await ctx.door({ watch: false })).call('alerts.removeTarget', { id });
  ctx.out.stderr(`removed alert target ${id}\n`);
  return 0;
};

export const targetTest: Run = async (ctx, args) => {
  const id = idArg(args);
  await (await ctx.door({ watch: false })).call('alerts.testTarget', { id });
  ctx.out.stderr(`test message sent to target ${id}\n`);
  return 0;
};
