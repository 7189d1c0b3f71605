// virtdeck snap list|create|revert|delete HOST/VM ...
import type { SnapshotInfo } from '../../../shared/model/snapshot.js';
import { UsageError } from '../args.js';
import { printJson, printTable } from '../output.js';
import { withProgress } from '../progress.js';
import type { Run } from '../table/types.js';
import { vmTarget } from './common.js';

function formatBytes(n: number | null): string {
  if (n === null) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/** Rows in tree order: each snapshot under its parent, indented, "*" on the current one. */
function treeRows(snaps: SnapshotInfo[]): string[][] {
  const rows: string[][] = [];
  const byName = new Map(snaps.map((s) => [s.name, s]));
  const walk = (s: SnapshotInfo, depth: number): void => {
    rows.push([
      `${'  '.repeat(depth)}${s.name}${s.current ? ' *' : ''}`,
      s.kind + (s.memory ? '+memory' : ''),
      s.state ?? '-',
      s.createdAt ?? '-',
      formatBytes(s.sizeBytes),
      s.description ?? '',
    ]);
    for (const c of s.children) {
      const child = byName.get(c);
      if (child) walk(child, depth + 1);
    }
  };
  for (const root of snaps.filter((s) => !s.parent || !byName.has(s.parent))) walk(root, 0);
  return rows;
}

export const list: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const snaps = await door.call('snapshots.list', { ref });
  if (args.has('json')) printJson(ctx.out, snaps);
  else printTable(ctx.out, ['snapshot', 'kind', 'state', 'created', 'size', 'description'], treeRows(snaps));
  return 0;
};

export const create: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const description = args.get('description');
  const spec = {
    name: args.positionals[1] as string,
    kind: args.has('external') ? ('external' as const) : ('internal' as const),
    ...(description === undefined ? {} : { description }),
  };
  const snap = await door.call('snapshots.create', { ref, spec });
  if (args.has('json')) printJson(ctx.out, snap);
  else ctx.out.stdout(`created ${snap.kind} snapshot "${snap.name}" of ${ref.host}/${snap.vm}${snap.memory ? ' (with memory)' : ''}\n`);
  return 0;
};

export const revert: Run = async (ctx, args) => {
  if (args.has('start') && args.has('no-start')) throw new UsageError('--start and --no-start exclude each other');
  const { door, ref } = await vmTarget(ctx, args);
  const start = args.has('start') ? true : args.has('no-start') ? false : undefined;
  const input = { ref, name: args.positionals[1] as string, ...(start === undefined ? {} : { start }) };
  const snap = await withProgress(ctx.out, (watch) => door.call('snapshots.revert', input, watch));
  ctx.out.stdout(`reverted ${ref.host}/${snap.vm} to ${snap.kind} snapshot "${snap.name}"\n`);
  return 0;
};

export const remove: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const name = args.positionals[1] as string;
  await withProgress(ctx.out, (watch) => door.call('snapshots.delete', { ref, name }, watch));
  ctx.out.stdout(`deleted snapshot "${name}" of ${ref.host}/${ref.vm}\n`);
  return 0;
};
