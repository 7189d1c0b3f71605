// virtdeck vm migrate HOST/VM DEST [--offline] [--copy-storage|--shared-storage] [--map-network SRC=DST]... [--delete-source]
//   [--max-downtime MS] [--bandwidth MIB] [--json]
import { UsageError } from '../args.js';
import { printJson } from '../output.js';
import { withProgress } from '../progress.js';
import type { Run } from '../table/types.js';
import { int, vmTarget } from './common.js';

function networkMap(pairs: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^([^=]+)=([^=]+)$/.exec(pair);
    if (!m) throw new UsageError(`--map-network takes SOURCE=TARGET, got "${pair}"`);
    map[m[1]!] = m[2]!;
  }
  return map;
}

export const migrate: Run = async (ctx, args) => {
  if (args.has('copy-storage') && args.has('shared-storage')) throw new UsageError('give --copy-storage or --shared-storage, not both');
  const bandwidthMiBps = int(args.get('bandwidth'), 'bandwidth');
  const maxDowntimeMs = int(args.get('max-downtime'), 'max-downtime');
  const map = networkMap(args.all('map-network'));
  const { door, ref } = await vmTarget(ctx, args);
  const dest = args.positionals[1] as string;
  await door.call('hosts.connect', { names: [dest] });
  const spec = {
    ref,
    dest,
    storage: args.has('shared-storage') ? ('shared' as const) : ('copy' as const),
    networkMap: map,
    offline: args.has('offline'),
    deleteSource: args.has('delete-source'),
    ...(bandwidthMiBps === undefined ? {} : { bandwidthMiBps }),
    ...(maxDowntimeMs === undefined ? {} : { maxDowntimeMs }),
  };
  // Ctrl+C cancels the migration: the VM stays where it was and the target is cleaned.
  let taskId: string | null = null;
  void ctx.interrupted().then(() => taskId && door.call('tasks.cancel', { id: taskId }).catch(() => undefined));
  const r = await withProgress(ctx.out, (watch) =>
    door.call('migration.migrate', spec, (t) => {
      taskId = t.id;
      watch(t);
    }));
  if (args.has('json')) printJson(ctx.out, r);
  else {
    const downtime = r.downtimeMs === null ? '' : `, downtime ${r.downtimeMs} ms`;
    ctx.out.stderr(`moved ${ref.host}/${r.name} to ${r.host} in ${r.seconds} s${downtime}` +
      (r.copiedDisks.length ? `; copied ${r.copiedDisks.join(', ')}` : '') +
      (r.deletedSourceVolumes.length ? `; deleted on ${ref.host}: ${r.deletedSourceVolumes.join(', ')}` : '') + '\n');
  }
  return 0;
};
