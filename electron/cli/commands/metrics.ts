// virtdeck metrics HOST[/VM] [--since 1h] [--json] and virtdeck watch [--interval S]: the metrics history, read and
// written. `watch` records one tick (one bulk stats call per host) and checks the level alert rules every S seconds
// until Ctrl+C or SIGTERM; its core evaluates the event rules and delivers alerts meanwhile (one line each on stderr).
import { UsageError } from '../args.js';
import { alertLine } from '../../../shared/model/alert-words.js';
import { errorWords } from '../error-words.js';
import { reportOf } from '../failure.js';
import { formatSize } from '../../core/storage/sizes.js';
import { printJson } from '../output.js';
import type { Run } from '../table/types.js';
import { printList } from './common.js';
import { secondsFlag } from './top.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "90s", "15m", "1h", "30d" → seconds. */
export function parseSince(text: string): number {
  const m = /^(\d+)([smhd])$/.exec(text);
  const n = m ? Number(m[1]) * (UNIT_SECONDS[m[2] as string] ?? 0) : 0;
  if (n < 60 || n > 366 * 86_400) throw new UsageError(`--since wants a span from 60s to 366d such as 1h, 1d or 30d, got "${text}"`);
  return n;
}

const cell = (v: number | null, f: (x: number) => string): string => (v === null ? '' : f(v));

export const metrics: Run = async (ctx, args) => {
  const target = args.positionals[0] as string;
  const slash = target.indexOf('/');
  const host = slash === -1 ? target : target.slice(0, slash);
  const vm = slash === -1 ? undefined : target.slice(slash + 1);
  if (!host || vm === '') throw new UsageError(`expected HOST or HOST/VM, got "${target}"`);
  const sinceSeconds = parseSince(args.get('since') ?? '1h');
  const door = await ctx.door({ watch: false });
  const h = await door.call('monitor.history', { host, sinceSeconds, ...(vm ? { vm } : {}) });
  if (args.has('json')) {
    printJson(ctx.out, h);
    return 0;
  }
  printList(ctx.out, args, h.points, ['time', 'cpu %', 'memory', 'disk', 'net'], ([t, cpu, mem, disk, net]) => [
    new Date(t * 1000).toISOString(),
    cell(cpu, (x) => x.toFixed(1)),
    cell(mem, (x) => formatSize(x * 1024)),
    cell(disk, (x) => `${formatSize(x)}/s`),
    cell(net, (x) => `${formatSize(x)}/s`),
  ]);
  return 0;
};

export const watch: Run = async (ctx, args) => {
  const seconds = secondsFlag(args.get('interval'), 10, 1, 3600, 'interval');
  const door = await ctx.door({ alerts: true });
  const say = (line: string): void => ctx.out.stderr(`${new Date().toISOString()} ${line}\n`);
  door.onEvent((e) => {
    if (e.type === 'alert') say(alertLine(e.alert));
    else if (e.type === 'alert-undelivered') say(`alert ${e.alert} not delivered: ${errorWords(e.error)}`);
  });
  let stopped = false;
  const interrupted = ctx.interrupted().then(() => {
    stopped = true;
  });
  // Every host stays connected (and is reconnected) for as long as this runs.
  await door.call('hosts.connect', { supervise: true });
  ctx.out.stderr(`recording metrics every ${seconds}s and checking alert rules (Ctrl+C to stop)\n`);
  while (!stopped) {
    const started = Date.now();
    await door.call('monitor.record', {}).catch((e: unknown) => say(errorWords(reportOf(e))));
    await door.call('alerts.check', {}).catch((e: unknown) => say(errorWords(reportOf(e))));
    const wait = Math.max(0, seconds * 1000 - (Date.now() - started));
    await Promise.race([interrupted, new Promise((r) => setTimeout(r, wait).unref())]);
  }
  return 0;
};
