// virtdeck net ipam set|show|reserve|release|rm HOST/NETWORK
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
    const who = (h: (typeof rows)[number]['holders'][number]) => `${h.holder} (${h.source}${h.by ? `, by ${h.by}` : ''})`;
    printTable(ctx.out, ['address', 'state', 'held by'], rows.map((a) => [a.ip, a.state, a.holders.map(who).join(', ')]));
    ctx.out.stderr(`${view.config.cidr}: ${view.used} used, ${view.free} free in the range\n`);
  }
  return 0;
};

export const reserve: Run = async (ctx, args) => {
  const { host, network } = parseIpamRef(args.positionals[0]);
  const ip = await (await doorTo(ctx, host)).call('ipam.reserve', { host, network, ip: args.positionals[1] as string, note: args.get('for') ?? '' });
  ctx.out.stdout(`${ip}\n`);
  ctx.out.stderr(`reserved ${ip} in ${host}/${network}\n`);
  return 0;
};

export const release: Run = async (ctx, args) => {
  const { host, network } = parseIpamRef(args.positionals[0]);
  const ip = args.positionals[1] as string;
  await (await doorTo(ctx, host)).call('ipam.release', { host, network, ip });
  ctx.out.stderr(`released ${ip} in ${host}/${network}\n`);
  return 0;
};

export const remove: Run = async (ctx, args) => {
  const { host, network } = parseIpamRef(args.positionals[0]);
  await (await ctx.door()).call('ipam.remove', { host, network });
  ctx.out.stderr(`removed IPAM of ${host}/${network}\n`);
  return 0;
};
