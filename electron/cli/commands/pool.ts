// virtdeck pool list|discover|define|build|start|stop|refresh|autostart|delete
import type { CallInput } from '../../../shared/ipc/contract.js';
import type { DiscoverablePoolType, PoolInfo, PoolSpec, PoolType } from '../../../shared/model/storage.js';
import { formatSize } from '../../core/storage/sizes.js';
import { parseRef, UsageError } from '../args.js';
import { printJson, printTable } from '../output.js';
import { poolPlanWords } from '../pool-plan-words.js';
import type { Run } from '../table/types.js';
import { doorTo, listCommand } from './common.js';

const parsePoolRef = (text: string | undefined) => parseRef(text, 'host', 'pool');

function poolRow(p: PoolInfo): string[] {
  const active = p.state === 'running';
  const size = (n: number): string => (active ? formatSize(n) : '-');
  return [p.host, p.name, p.type, p.state, p.autostart ? 'yes' : 'no', size(p.capacity), size(p.allocation), size(p.available), p.targetPath ?? p.source ?? ''];
}

export const list = listCommand(
  (door, host) => door.call('pools.list', host ? { host } : {}),
  ['host', 'pool', 'type', 'state', 'autostart', 'capacity', 'allocation', 'available', 'target'],
  poolRow,
);

export const discover: Run = async (ctx, args) => {
  const host = args.positionals[0] as string;
  const door = await doorTo(ctx, host);
  const sourceHost = args.get('source-host');
  const found = await door.call('pools.discover', { host, type: args.get('type') as DiscoverablePoolType, ...(sourceHost ? { sourceHost } : {}) });
  if (args.has('json')) printJson(ctx.out, found);
  else printTable(ctx.out, ['host', 'path', 'name', 'devices', 'format'], found.map((s) => [s.host ?? '', s.path ?? '', s.name ?? '', s.devices.join(','), s.format ?? '']));
  return 0;
};

function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

export const define: Run = async (ctx, args) => {
  const [host, name] = args.positionals as [string, string];
  const type = args.get('type') as PoolType;
  const devs = args.all('source-dev');
  const hosts = args.all('source-host');
  const port = args.get('source-port');
  if (port !== undefined && !/^\d+$/.test(port)) throw new UsageError(`--source-port needs a number, got "${port}"`);
  if (type === 'fs' && devs.length > 1) throw new UsageError('an fs pool has one --source-dev');
  const spec: PoolSpec = {
    name,
    type,
    ...opt('target', args.get('target')),
    ...(type === 'fs' ? opt('device', devs[0]) : devs.length ? { devices: devs } : {}),
    ...(hosts.length ? { host: type === 'rbd' ? hosts : (hosts[0] as string) } : {}),
    ...(port !== undefined ? { port: Number(port) } : {}),
    ...opt('sourcePath', args.get('source-path')),
    ...opt('sourceName', args.get('source-name')),
    ...opt('format', args.get('source-format')),
    ...opt('authUser', args.get('auth-user')),
    ...opt('secretUuid', args.get('secret-uuid')),
  };
  const door = await doorTo(ctx, host);
  const options = { build: args.has('build'), start: args.has('start'), autostart: args.has('autostart') };
  const pool = await door.call('pools.define', { host, spec, options });
  ctx.out.stderr(`defined pool ${host}/${pool.name} (${pool.type}, ${pool.state})\n`);
  return 0;
};

/** build, start, stop, refresh: the command's own name is the action. */
export const action: Run = async (ctx, args) => {
  const { host, pool } = parsePoolRef(args.positionals[0]);
  const door = await doorTo(ctx, host);
  const info = await door.call('pools.action', { host, pool, action: args.command as CallInput<'pools.action'>['action'] });
  ctx.out.stderr(`${host}/${pool}: ${info.state}\n`);
  return 0;
};

export const autostart: Run = async (ctx, args) => {
  const { host, pool } = parsePoolRef(args.positionals[0]);
  const door = await doorTo(ctx, host);
  const info = await door.call('pools.setAutostart', { host, pool, autostart: !args.has('off') });
  ctx.out.stderr(`${host}/${pool}: ${info.state}, autostart ${info.autostart ? 'on' : 'off'}\n`);
  return 0;
};

export const remove: Run = async (ctx, args) => {
  const { host, pool } = parsePoolRef(args.positionals[0]);
  const deleteData = args.has('delete-data');
  const door = await doorTo(ctx, host);
  if (deleteData && !args.has('yes')) {
    const plan = await door.call('pools.deletePlan', { host, pool, deleteData: true });
    ctx.out.stderr(`${poolPlanWords(plan)}\nNothing was changed. Re-run with --yes to do this.\n`);
    return 1;
  }
  const plan = await door.call('pools.delete', { host, pool, deleteData });
  ctx.out.stderr(`done. ${poolPlanWords(plan)}\n`);
  return 0;
};
