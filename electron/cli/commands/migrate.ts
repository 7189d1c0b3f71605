// virtdeck vm migrate HOST/VM DEST [--offline] [--copy-storage|--shared-storage] [--map-network SRC=DST]... [--delete-source]
//   [--max-downtime MS] [--bandwidth MIB] [--ip CIDR|auto] [--json]
import type { TaskInfo } from '../../../shared/model/task.js';
import { UsageError } from '../args.js';
import { printJson } from '../output.js';
import { withProgress } from '../progress.js';
import type { Run } from '../table/types.js';
import { errorWords } from '../error-words.js';
import { connect, int, vmTarget } from './common.js';

function networkMap(pairs: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^([^=]+)=([^=]+)$/.exec(pair);
    if (!m) throw new UsageError(`--map-network takes SOURCE=TARGET, got "${pair}"`);
    map[m[1]!] = m[2]!;
  }
  return map;
}

/** Follows a task call with a progress display; Ctrl+C cancels its task (nothing is left half done). */
export function cancellable<T>(ctx: Parameters<Run>[0], call: (watch: (t: TaskInfo) => void) => Promise<T>): Promise<T> {
  let taskId: string | null = null;
  const door = ctx.door();
  void ctx.interrupted().then(async () => taskId && (await door).call('tasks.cancel', { id: taskId }).catch(() => undefined));
  return withProgress(ctx.out, (watch) =>
    call((t) => {
      taskId = t.id;
      watch(t);
    }));
}

export const migrate: Run = async (ctx, args) => {
  if (args.has('copy-storage') && args.has('shared-storage')) throw new UsageError('give --copy-storage or --shared-storage, not both');
  const bandwidthMiBps = int(args.get('bandwidth'), 'bandwidth');
  const maxDowntimeMs = int(args.get('max-downtime'), 'max-downtime');
  const map = networkMap(args.all('map-network'));
  const ip = args.get('ip');
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
    ...(ip === undefined ? {} : { ip }),
  };
  // Ctrl+C cancels the migration: the VM stays where it was and the target is cleaned.
  const r = await cancellable(ctx, (watch) => door.call('migration.migrate', spec, watch));
  if (args.has('json')) printJson(ctx.out, r);
  else {
    const downtime = r.downtimeMs === null ? '' : `, downtime ${r.downtimeMs} ms`;
    ctx.out.stderr(`moved ${ref.host}/${r.name} to ${r.host} in ${r.seconds} s${downtime}` +
      (r.copiedDisks.length ? `; copied ${r.copiedDisks.join(', ')}` : '') +
      (r.deletedSourceVolumes.length ? `; deleted on ${ref.host}: ${r.deletedSourceVolumes.join(', ')}` : '') +
      r.addresses.filter((a) => !a.kept).map((a) => `; new address ${a.ip} on ${a.network}`).join('') + '\n');
  }
  return 0;
};

export const evacuate: Run = async (ctx, args) => {
  const host = args.positionals[0] as string;
  const to = args.get('to')?.split(',').filter(Boolean);
  const door = await ctx.door();
  await connect(door);
  const r = await cancellable(ctx, (watch) =>
    door.call('migration.evacuate', { host, includeStopped: args.has('include-stopped'), ...(to ? { to } : {}) }, watch));
  if (args.has('json')) printJson(ctx.out, r);
  else {
    for (const m of r.moved) ctx.out.stdout(`moved ${m.vm} to ${m.host}\n`);
    for (const l of r.left) ctx.out.stdout(`left ${l.vm} on ${host}: ${errorWords(l.why)}\n`);
  }
  return r.left.length ? 1 : 0;
};
