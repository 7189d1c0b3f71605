// virtdeck net ipam set|show|rm HOST/NETWORK
import { parseRef } from '../args.js';
import { printJson, printTable } from '../output.js';
import type { Run } from '../table/types.js';
import { doorTo } from './common.js';
import { parseRange } from './net.js';

const parseIpamRef = (text: string | undefined) => parseRef(text, 'host', 'network');

const list = (text: string | undefined): string[] => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : []);

export const set: Run = async (ctx, args) => {
  const { host, network } = parseIpamRef(args.positionals[0]);
  const r = args.get('range');
  const settings = {
    cidr: args.get('cidr') as string,
    gateway: args.get('gateway') as string,
    dns: list(args.get('dns')),
    search: list(args.get('search')),
    range: r === undefined ? null : parseRange('range', r),
    reserved: list(args.get('reserve')),
  };
  const c = await (await doorTo(ctx, host)).call('ipam.set', { host, network, settings });
  ctx.out.stderr(`IPAM of ${host}/${network} (${c.kind}): ${c.cidr} via ${c.gateway}${c.range ? `, range ${c.range.start}-${c.range.end}` : ''}\n`);
  return 0;
};

export const show: Run = async (ctx, args) => {
  const { host, network } = parseIpamRef(args.positionals[0]);
  const view = await (await doorTo(ctx, host)).call('ipam.describe', { host, network });
  if (args.has('json')) printJson(ctx.out, view);
  else {
    const rows = view.addresses.filter((a) => args.has('all') || a.state !== 'free');
    printTable(ctx.out, ['address', 'state', 'held by'], rows.map((a) => [a.ip, a.state, a.holders.map((h) => `${h.holder} (${h.source})`).join(', ')]));
    ctx.out.stderr(`${view.config.cidr}: ${view.used} used, ${view.free} free in the range\n`);
  }
  return 0;
};

export const remove: Run = async (ctx, args) => {
  const { host, network } = parseIpamRef(args.positionals[0]);
  await (await ctx.door()).call('ipam.remove', { host, network });
  ctx.out.stderr(`removed IPAM of ${host}/${network}\n`);
  return 0;
};
