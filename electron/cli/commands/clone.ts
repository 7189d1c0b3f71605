// virtdeck vm clone HOST/VM NEWNAME [--to HOST] [--linked] [--ip CIDR|auto] [--count N] [--start] [--json]
import { printJson } from '../output.js';
import type { Run } from '../table/types.js';
import { int, vmTarget } from './common.js';
import { cancellable } from './migrate.js';

export const clone: Run = async (ctx, args) => {
  const count = int(args.get('count'), 'count');
  const ip = args.get('ip');
  const dest = args.get('to');
  const { door, ref } = await vmTarget(ctx, args);
  if (dest !== undefined && dest !== ref.host) await door.call('hosts.connect', { names: [dest] });
  const spec = {
    ref,
    name: args.positionals[1] as string,
    linked: args.has('linked'),
    start: args.has('start'),
    ...(dest === undefined ? {} : { dest }),
    ...(ip === undefined ? {} : { ip }),
    ...(count === undefined ? {} : { count }),
  };
  // Ctrl+C cancels: what the clone made so far is deleted again on the target.
  const r = await cancellable(ctx, (watch) => door.call('vms.clone', spec, watch));
  if (args.has('json')) printJson(ctx.out, r);
  else for (const c of r.clones) ctx.out.stdout(`${c.host}/${c.name} ${c.uuid} ${c.macs.join(',')}${c.ip ? ` ${c.ip}` : ''}\n`);
  return 0;
};
