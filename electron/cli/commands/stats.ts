// virtdeck stats [--host NAME] [--json]: one bulk refresh.
import { printJson, printTable } from '../output.js';
import type { Run } from '../table/types.js';
import { connect } from './common.js';

const mib = (kib: number | null): string => (kib === null ? '' : `${Math.round(kib / 1024)}`);

export const stats: Run = async (ctx, args) => {
  const door = await ctx.door();
  const host = args.get('host');
  await connect(door, host);
  const all = await door.call('stats.refresh', host ? { host } : {});
  if (args.has('json')) {
    printJson(ctx.out, all.map((h) => ({ ...h, stats: h.stats.map(({ raw: _raw, ...rest }) => rest) })));
    return 0;
  }
  printTable(
    ctx.out,
    ['host', 'name', 'state', 'cpu s', 'vcpus', 'mem MiB', 'rd bytes', 'wr bytes', 'rx bytes', 'tx bytes'],
    all.flatMap((h) =>
      h.stats.map((s) => [
        h.host,
        s.name,
        String(s.state),
        s.cpuTimeNs === null ? '' : (s.cpuTimeNs / 1e9).toFixed(2),
        s.vcpus === null ? '' : String(s.vcpus),
        mib(s.memoryCurrentKiB),
        String(s.blockReadBytes ?? ''),
        String(s.blockWriteBytes ?? ''),
        String(s.netRxBytes ?? ''),
        String(s.netTxBytes ?? ''),
      ]),
    ),
  );
  return 0;
};
