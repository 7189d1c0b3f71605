// virtdeck snap list|create|revert|delete HOST/VM ...
import type { SnapshotInfo } from '../../../shared/model/snapshot.js';
import type { Core } from '../../core/core.js';
import { parseArgs, parseVmRef, UsageError } from '../args.js';
import { type Out, printJson, printTable } from '../output.js';
import { connectHost } from './pool.js';

const USAGE = `usage: virtdeck snap list HOST/VM [--json]
       virtdeck snap create HOST/VM NAME [--external] [--description TEXT] [--json]
       virtdeck snap revert HOST/VM NAME [--start | --no-start]
       virtdeck snap delete HOST/VM NAME`;

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

export async function snapCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const [sub, ...rest] = argv;
  const svc = core.snapshots;
  switch (sub) {
    case 'list':
    case 'ls': {
      const args = parseArgs(rest, { json: {} });
      const [target] = args.positionals;
      if (!target || args.positionals.length !== 1) throw new UsageError(USAGE);
      const ref = parseVmRef(target);
      await connectHost(core, ref.host);
      const snaps = await svc.list(ref);
      if (args.has('json')) printJson(out, snaps);
      else printTable(out, ['snapshot', 'kind', 'state', 'created', 'size', 'description'], treeRows(snaps));
      return 0;
    }
    case 'create': {
      const args = parseArgs(rest, { external: {}, description: { value: true }, json: {} });
      const [target, name] = args.positionals;
      if (!target || !name || args.positionals.length !== 2) throw new UsageError(USAGE);
      const ref = parseVmRef(target);
      await connectHost(core, ref.host);
      const description = args.get('description');
      const snap = await svc.create(ref, {
        name,
        kind: args.has('external') ? 'external' : 'internal',
        ...(description === undefined ? {} : { description }),
      });
      if (args.has('json')) printJson(out, snap);
      else out.stdout(`created ${snap.kind} snapshot "${snap.name}" of ${ref.host}/${snap.vm}${snap.memory ? ' (with memory)' : ''}\n`);
      return 0;
    }
    case 'revert': {
      const args = parseArgs(rest, { start: {}, 'no-start': {} });
      const [target, name] = args.positionals;
      if (!target || !name || args.positionals.length !== 2) throw new UsageError(USAGE);
      if (args.has('start') && args.has('no-start')) throw new UsageError('--start and --no-start exclude each other');
      const ref = parseVmRef(target);
      await connectHost(core, ref.host);
      const start = args.has('start') ? true : args.has('no-start') ? false : undefined;
      const snap = await svc.revert(ref, name, start === undefined ? {} : { start });
      out.stdout(`reverted ${ref.host}/${snap.vm} to ${snap.kind} snapshot "${snap.name}"\n`);
      return 0;
    }
    case 'delete':
    case 'rm': {
      const args = parseArgs(rest, {});
      const [target, name] = args.positionals;
      if (!target || !name || args.positionals.length !== 2) throw new UsageError(USAGE);
      const ref = parseVmRef(target);
      await connectHost(core, ref.host);
      await svc.delete(ref, name);
      out.stdout(`deleted snapshot "${name}" of ${ref.host}/${ref.vm}\n`);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}
