// virtdeck image add|list|known|copy|rm, and vm template
import { existsSync } from 'node:fs';
import type { CallInput } from '../../../shared/ipc/contract.js';
import { formatSize } from '../../core/storage/sizes.js';
import { UsageError } from '../args.js';
import { printJson } from '../output.js';
import { withProgress } from '../progress.js';
import type { Run } from '../table/types.js';
import { doorTo, listCommand, printList, vmTarget } from './common.js';

const size = (n: number | null): string => (n === null ? '?' : formatSize(n));

/** A URL the host downloads, a local file to upload, or POOL/VOL already on the host. */
function sourceOf(text: string): CallInput<'images.add'>['source'] {
  if (/^(https?|ftp):\/\//i.test(text)) return { kind: 'url', url: text };
  if (existsSync(text)) return { kind: 'file', path: text };
  const m = /^([^/]+)\/([^/]+)$/.exec(text);
  if (!m) throw new UsageError(`${text}: no such local file, and not a URL or POOL/VOL`);
  return { kind: 'volume', pool: m[1] as string, volume: m[2] as string };
}

export const add: Run = async (ctx, args) => {
  const [host, text] = args.positionals as [string, string];
  const source = sourceOf(text);
  if (source.kind === 'volume' && args.has('sha256')) throw new UsageError('--sha256 applies to uploads and downloads, not to adopting a volume');
  const [name, sha256, pool, defaultUser] = [args.get('name'), args.get('sha256'), args.get('pool'), args.get('user')];
  const door = await doorTo(ctx, host);
  const input = {
    host,
    source,
    ...(name ? { name } : {}),
    ...(sha256 ? { sha256 } : {}),
    ...(pool ? { pool } : {}),
    ...(defaultUser ? { defaultUser } : {}),
  };
  const image = await withProgress(ctx.out, (watch) => door.call('images.add', input, watch));
  if (args.has('json')) printJson(ctx.out, image);
  ctx.out.stderr(`added image ${host}/${image.name}: ${image.format ?? '?'}, virtual ${size(image.virtualSize)}, on disk ${size(image.sizeOnDisk)}${image.sha256 ? `, sha256 ${image.sha256}` : ''}\n`);
  return 0;
};

export const list = listCommand(
  (door, host) => door.call('images.list', host ? { host } : {}),
  ['host', 'image', 'volume', 'format', 'virtual', 'on disk', 'user', 'sha256'],
  (i) => [i.host, i.name, `${i.pool}/${i.volume}`, i.format ?? '?', size(i.virtualSize), size(i.sizeOnDisk), i.defaultUser ?? '-', i.sha256?.slice(0, 12) ?? '-'],
);

export const known: Run = async (ctx, args) => {
  const found = await (await ctx.door()).call('images.known', {});
  printList(ctx.out, args, found, ['id', 'distro', 'release', 'user', 'url'], (k) => [k.id, k.distro, k.release, k.defaultUser, k.url]);
  return 0;
};

function hostAndName(text: string): [string, string] {
  const m = /^([^/]+)\/([^/]+)$/.exec(text);
  if (!m) throw new UsageError(`expected HOST/NAME, got "${text}"`);
  return [m[1]!, m[2]!];
}

export const copy: Run = async (ctx, args) => {
  const [host, name] = hostAndName(args.positionals[0] as string);
  const dest = args.positionals[1] as string;
  const door = await doorTo(ctx, host);
  await door.call('hosts.connect', { names: [dest] });
  const r = await withProgress(ctx.out, (watch) => door.call('migration.copyImage', { host, name, dest }, watch));
  if (args.has('json')) printJson(ctx.out, r);
  else ctx.out.stderr(`copied image ${name} to ${r.host}/${r.pool}/${r.volume} (sha256 ${r.sha256})\n`);
  return 0;
};

/** virtdeck vm template HOST/VM IMAGE-NAME */
export const template: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const name = args.positionals[1] as string;
  const image = await withProgress(ctx.out, (watch) => door.call('images.template', { ref, name }, watch));
  if (args.has('json')) printJson(ctx.out, image);
  ctx.out.stderr(`made template ${image.host}/${image.name} (${image.pool}/${image.volume}, ${image.format ?? '?'}, virtual ${size(image.virtualSize)}); ${ref.vm} is shut off\n`);
  return 0;
};

export const remove: Run = async (ctx, args) => {
  const [host, name] = hostAndName(args.positionals[0] as string);
  const deleteVolume = args.has('delete-volume');
  const door = deleteVolume ? await doorTo(ctx, host) : await ctx.door();
  await door.call('images.remove', { host, name, deleteVolume });
  ctx.out.stderr(`removed image ${host}/${name}${deleteVolume ? ' and its volume' : ' (volume kept)'}\n`);
  return 0;
};
