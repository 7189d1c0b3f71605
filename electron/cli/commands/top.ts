// virtdeck top [--by cpu|mem|disk|net] [--interval S] [--json]: VMs of every host ranked by one rate, from two
// bulk stats ticks (one call per host each) S seconds apart.
import { deriveSample } from '../../../shared/model/rates.js';
import { rankTop, type TopBy, topRow } from '../../../shared/model/top.js';
import { UsageError } from '../args.js';
import { formatSize } from '../../core/storage/sizes.js';
import type { Run } from '../table/types.js';
import { connect, printList } from './common.js';

/** Whole seconds of a flag value within [min, max]; `fallback` when absent. */
export function secondsFlag(text: string | undefined, fallback: number, min: number, max: number, flag: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} wants whole seconds from ${min} to ${max}, got "${text}"`);
  return n;
}

const rate = (bps: number | null): string => (bps === null ? '' : `${formatSize(Math.round(bps))}/s`);

export const top: Run = async (ctx, args) => {
  const by = (args.get('by') ?? 'cpu') as TopBy;
  const seconds = secondsFlag(args.get('interval'), 2, 1, 60, 'interval');
  const door = await ctx.door({ watch: false, ipam: false });
  await connect(door);
  const first = await door.call('stats.refresh', {});
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const second = await door.call('stats.refresh', {});
  const rows = second.flatMap((h) => {
    const before = first.find((f) => f.host === h.host);
    return h.stats.map((s) => {
      const prev = before?.stats.find((p) => p.uuid === s.uuid);
      const sample = deriveSample(prev && before ? { at: Date.parse(before.at), stats: prev } : undefined, { at: Date.parse(h.at), stats: s });
      return topRow(h.host, s.uuid, s.name, sample);
    });
  });
  printList(ctx.out, args, rankTop(rows, by), ['host', 'vm', 'cpu %', 'memory', 'disk', 'net'], (r) => [
    r.host,
    r.name,
    r.cpuPct === null ? '' : r.cpuPct.toFixed(1),
    r.memKiB === null ? '' : formatSize(r.memKiB * 1024),
    rate(r.diskBps),
    rate(r.netBps),
  ]);
  return 0;
};
