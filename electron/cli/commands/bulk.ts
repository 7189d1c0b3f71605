// virtdeck bulk ACTION --filter EXPR [--host NAME] [--yes] [--json]: preview (always printed), then run with --yes.
import { runnableVms, withSkipped, type BulkAction, type BulkPreview, type BulkResult, type BulkSpec } from '../../../shared/model/bulk.js';
import { tagChanges } from '../../../shared/model/vm-facts.js';
import { UsageError } from '../args.js';
import type { Door } from '../door.js';
import { errorWords } from '../error-words.js';
import { printJson, printTable, type Out } from '../output.js';
import { withProgress } from '../progress.js';
import type { ParsedArgs, Run } from '../table/types.js';
import { connect } from './common.js';

/** The spec the command's words describe. */
export function bulkSpecOf(args: ParsedArgs): BulkSpec {
  const action = args.command as BulkAction;
  switch (action) {
    case 'snapshot': {
      const description = args.get('description');
      return { action, name: args.positionals[0] as string, ...(description === undefined ? {} : { description }) };
    }
    case 'tag':
      return { action, ...tagChanges(args.positionals) };
    case 'owner': {
      const name = args.positionals[0];
      if (args.has('clear') === (name !== undefined)) throw new UsageError('give NAME or --clear (one of them)');
      return { action, owner: name ?? null };
    }
    default:
      return { action };
  }
}

const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** "these 7 VMs on 2 hosts" (+ how many are skipped). */
export function previewLine(p: BulkPreview): string {
  const skipped = p.targets.length - p.runnable;
  return `${p.runnable === 1 ? 'this' : 'these'} ${n(p.runnable, 'VM', 'VMs')} on ${n(p.hosts.length, 'host', 'hosts')}${skipped ? ` (${skipped} skipped)` : ''}`;
}

const reasonOf = (r: { code: string } & Parameters<typeof errorWords>[0]): string => `${r.code}: ${errorWords(r)}`;

function printPreview(out: Out, action: BulkAction, p: BulkPreview): void {
  printTable(
    out,
    ['host', 'vm', 'state', 'plan'],
    p.targets.map((t) => [t.host, t.name, t.state + (t.locked ? ' (locked)' : ''), t.skip ? `skip (${reasonOf(t.skip)})` : action]),
  );
}

function printResult(out: Out, r: BulkResult): void {
  printTable(out, ['host', 'vm', 'result'], r.outcomes.map((o) => [o.host, o.name, o.error ? `${o.outcome} (${reasonOf(o.error)})` : o.outcome]));
}

async function preview(door: Door, args: ParsedArgs, spec: BulkSpec): Promise<BulkPreview> {
  const host = args.get('host');
  await connect(door, host); // an offline host's VMs are listed as skipped (host.offline)
  return door.call('bulk.preview', { select: { filter: args.get('filter') ?? '', ...(host ? { host } : {}) }, spec });
}

export const bulk: Run = async (ctx, args) => {
  const spec = bulkSpecOf(args);
  const door = await ctx.door();
  const plan = await preview(door, args, spec);
  const json = args.has('json');
  if (!args.has('yes')) {
    if (json) printJson(ctx.out, plan);
    else printPreview(ctx.out, spec.action, plan);
    ctx.out.stderr(`${previewLine(plan)}; nothing done: run again with --yes to ${spec.action} them\n`);
    return 0;
  }
  const vms = runnableVms(plan);
  if (!json) ctx.out.stderr(`${spec.action}: ${previewLine(plan)}\n`);
  const ran = vms.length === 0 ? null : await withProgress(ctx.out, (watch) => door.call('bulk.run', { vms, spec }, watch));
  const result = withSkipped(plan, ran);
  if (json) printJson(ctx.out, result);
  else printResult(ctx.out, result);
  ctx.out.stderr(`${n(result.done, 'VM', 'VMs')} done, ${result.skipped} skipped, ${result.failed} failed\n`);
  return result.failed > 0 ? 1 : 0;
};
