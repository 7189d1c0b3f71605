// virtdeck vol list|create|clone|copy|resize|upload|download|delete
import type { Preallocation, VolumeFormat, VolumeInfo } from '../../../shared/model/storage.js';
import { formatSize, parseSize } from '../../core/storage/sizes.js';
import { parseRef, UsageError } from '../args.js';
import { printJson } from '../output.js';
import { withProgress } from '../progress.js';
import type { Run } from '../table/types.js';
import { doorTo, printList } from './common.js';

const parsePoolRef = (text: string | undefined) => parseRef(text, 'host', 'pool');
function parseVolRef(text: string | undefined): { host: string; pool: string; volume: string } {
  const { host, pool, vol } = parseRef(text, 'host', 'pool', 'vol');
  return { host, pool, volume: vol };
}

function describe(v: VolumeInfo): string {
  return `${v.host}/${v.pool}/${v.name}: ${v.format ?? v.type}, ${formatSize(v.capacity)} (${formatSize(v.allocation)} allocated)`;
}

export const list: Run = async (ctx, args) => {
  const ref = parsePoolRef(args.positionals[0]);
  const vols = await (await doorTo(ctx, ref.host)).call('volumes.list', ref);
  printList(ctx.out, args, vols, ['name', 'format', 'capacity', 'allocation', 'path', 'backing chain'], (v) => [
    v.name, v.format ?? v.type, formatSize(v.capacity), formatSize(v.allocation), v.path, v.backingChain.join(' → '),
  ]);
  return 0;
};

export const create: Run = async (ctx, args) => {
  const ref = parsePoolRef(args.positionals[0]);
  const size = args.get('size');
  const backing = args.get('backing');
  if (size === undefined && backing === undefined) throw new UsageError('vol create needs --size (e.g. --size 10G)');
  const format = args.get('format') as VolumeFormat | undefined;
  const preallocation = args.get('prealloc') as Preallocation | undefined;
  const options = {
    name: args.positionals[1] as string,
    ...(size !== undefined ? { capacity: parseSize(size) } : {}),
    ...(format ? { format } : {}),
    ...(preallocation ? { preallocation } : {}),
    ...(backing ? { backing } : {}),
    overcommit: args.has('overcommit'),
  };
  const v = await (await doorTo(ctx, ref.host)).call('volumes.create', { ...ref, options });
  ctx.out.stderr(`created ${describe(v)}${v.backingChain.length ? `, backed by ${v.backingChain.join(' → ')}` : ''}\n`);
  return 0;
};

export const clone: Run = async (ctx, args) => {
  const ref = parseVolRef(args.positionals[0]);
  const v = await (await doorTo(ctx, ref.host)).call('volumes.clone', { ...ref, newName: args.positionals[1] as string });
  ctx.out.stderr(`created ${describe(v)}\n`);
  return 0;
};

export const copy: Run = async (ctx, args) => {
  const ref = parseVolRef(args.positionals[0]);
  const [dest, destPool, newName] = (args.positionals[1] as string).split('/');
  if (!dest) throw new UsageError('DEST must name a host');
  const door = await doorTo(ctx, ref.host);
  await door.call('hosts.connect', { names: [dest] });
  const r = await withProgress(ctx.out, (watch) =>
    door.call('migration.copyVolume', { ...ref, dest, ...(destPool ? { destPool } : {}), ...(newName ? { newName } : {}) }, watch));
  if (args.has('json')) printJson(ctx.out, r);
  else ctx.out.stdout(`${r.sha256}  ${r.host}:${r.path}\n`);
  ctx.out.stderr(`copied ${formatSize(r.bytes)} to ${r.host}/${r.pool}/${r.volume}\n`);
  return 0;
};

export const resize: Run = async (ctx, args) => {
  const ref = parseVolRef(args.positionals[0]);
  const capacity = parseSize(args.positionals[1] as string);
  const door = await doorTo(ctx, ref.host);
  const v = await door.call('volumes.resize', { ...ref, capacity, shrink: args.has('shrink'), overcommit: args.has('overcommit') });
  ctx.out.stderr(`resized ${describe(v)}\n`);
  return 0;
};

/** upload and download: the command's own name says which way. */
export const transfer: Run = async (ctx, args) => {
  const ref = parseVolRef(args.positionals[0]);
  const file = args.positionals[1] as string;
  const door = await doorTo(ctx, ref.host);
  const r = await withProgress(ctx.out, (watch) =>
    door.call(args.command === 'upload' ? 'volumes.upload' : 'volumes.download', { ...ref, file }, watch));
  const rate = r.ms > 0 ? `${(r.bytes / 1048576 / (r.ms / 1000)).toFixed(1)} MiB/s` : '';
  if (args.has('json')) printJson(ctx.out, { host: ref.host, pool: ref.pool, volume: ref.volume, file, ...r });
  else ctx.out.stdout(`${r.sha256}  ${file}\n`);
  ctx.out.stderr(`${args.command}ed ${formatSize(r.bytes)} in ${(r.ms / 1000).toFixed(2)} s ${rate}; sha256 ${r.sha256}\n`);
  return 0;
};

export const remove: Run = async (ctx, args) => {
  const ref = parseVolRef(args.positionals[0]);
  await (await doorTo(ctx, ref.host)).call('volumes.delete', ref);
  ctx.out.stderr(`deleted ${ref.host}/${ref.pool}/${ref.volume}\n`);
  return 0;
};
