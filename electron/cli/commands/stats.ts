// virtdeck stats [--host NAME] [--json]: one bulk refresh.
import type { Core } from '../../core/core.js';
import { parseArgs, UsageError } from '../args.js';
import { type Out, printJson, printTable } from '../output.js';
import { connectHostOption } from '../list-command.js';

export async function statsCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const args = parseArgs(argv, { host: { value: true }, json: {} });
  if (args.positionals.length) throw new UsageError('usage: virtdeck stats [--host NAME] [--json]');
  const host = await connectHostOption(core, args);
  const all = await core.stats.refresh(host);
  if (args.has('json')) {
    printJson(out, all.map((h) => ({ ...h, stats: h.stats.map(({ raw: _raw, ...rest }) => rest) })));
    return 0;
  }
  const mib = (kib: number | null): string => (kib === null ? '' : `${Math.round(kib / 1024)}`);
  printTable(
    out,
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
}
