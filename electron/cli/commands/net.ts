// virtdeck net list|define|start|stop|autostart|delete|leases
import type { DhcpHost, NetworkInfo, NetworkMode, NetworkSpec } from '../../../shared/model/network.js';
import { parseRef, UsageError } from '../args.js';
import type { Run } from '../table/types.js';
import { doorTo, listCommand, printList } from './common.js';

const parseNetRef = (text: string | undefined) => parseRef(text, 'host', 'net');

/** "A-B" → {start, end} (the flag is named in the error). */
export function parseRange(flag: string, text: string): { start: string; end: string } {
  const m = /^([^-\s]+)-([^-\s]+)$/.exec(text);
  if (!m) throw new UsageError(`--${flag} must look like 10.1.2.100-10.1.2.200, got "${text}"`);
  return { start: m[1] as string, end: m[2] as string };
}

function netRow(n: NetworkInfo): string[] {
  const dhcp = n.dhcpRanges.map((r) => `${r.start}-${r.end}`).join(',');
  return [n.host, n.name, n.mode, n.active ? 'active' : 'inactive', n.autostart ? 'yes' : 'no', n.addresses.join(',') || '-', dhcp || (n.mode === 'bridge' ? '-' : 'off'), n.bridge ?? ''];
}

export const list = listCommand(
  (door, host) => door.call('networks.list', host ? { host } : {}),
  ['host', 'network', 'mode', 'state', 'autostart', 'address', 'dhcp', 'bridge'],
  netRow,
);

function dhcpHostOf(text: string): DhcpHost {
  const [mac, ip, name, extra] = text.split(',');
  if (!mac || !ip || extra !== undefined) throw new UsageError(`--dhcp-host must look like MAC,IP[,NAME], got "${text}"`);
  return { mac, ip, ...(name ? { name } : {}) };
}

export const define: Run = async (ctx, args) => {
  const [host, name] = args.positionals as [string, string];
  if (args.has('no-dhcp') && (args.has('dhcp-range') || args.has('dhcp-host'))) {
    throw new UsageError('--no-dhcp cannot be combined with --dhcp-range or --dhcp-host');
  }
  const range = args.get('dhcp-range');
  const dhcpHosts = args.all('dhcp-host').map(dhcpHostOf);
  const [cidr, bridge, forwardDev] = [args.get('cidr'), args.get('bridge'), args.get('forward-dev')];
  const spec: NetworkSpec = {
    name,
    mode: args.get('mode') as NetworkMode,
    ...(cidr !== undefined ? { cidr } : {}),
    ...(args.has('no-dhcp') ? { dhcpRange: null } : range !== undefined ? { dhcpRange: parseRange('dhcp-range', range) } : {}),
    ...(dhcpHosts.length ? { dhcpHosts } : {}),
    ...(bridge !== undefined ? { bridge } : {}),
    ...(forwardDev !== undefined ? { forwardDev } : {}),
    autostart: args.has('autostart'),
  };
  const n = await (await doorTo(ctx, host)).call('networks.define', { host, spec, start: args.has('start') });
  ctx.out.stderr(`defined network ${host}/${n.name} (${n.mode}${n.addresses.length ? ` ${n.addresses.join(',')}` : ''}, ${n.active ? 'active' : 'inactive'})\n`);
  return 0;
};

/** start, stop, autostart [--off]: the command's own name says which. */
export const action: Run = async (ctx, args) => {
  const { host, net: name } = parseNetRef(args.positionals[0]);
  const door = await doorTo(ctx, host);
  const n =
    args.command === 'autostart'
      ? await door.call('networks.setAutostart', { host, name, autostart: !args.has('off') })
      : await door.call('networks.action', { host, name, action: args.command as 'start' | 'stop' });
  ctx.out.stderr(`${host}/${name}: ${n.active ? 'active' : 'inactive'}, autostart ${n.autostart ? 'on' : 'off'}\n`);
  return 0;
};

export const remove: Run = async (ctx, args) => {
  const { host, net: name } = parseNetRef(args.positionals[0]);
  await (await doorTo(ctx, host)).call('networks.delete', { host, name });
  ctx.out.stderr(`deleted network ${host}/${name}\n`);
  return 0;
};

export const leases: Run = async (ctx, args) => {
  const { host, net: name } = parseNetRef(args.positionals[0]);
  const found = await (await doorTo(ctx, host)).call('networks.leases', { host, name });
  printList(ctx.out, args, found, ['mac', 'address', 'hostname', 'expires'], (l) => [
    l.mac ?? '', `${l.ipaddr}/${l.prefix}`, l.hostname ?? '', new Date(l.expiryTime * 1000).toISOString(),
  ]);
  return 0;
};
