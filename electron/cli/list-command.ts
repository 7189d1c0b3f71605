// The shape every `… list [--host NAME] [--json]` command shares: connect the asked hosts, fetch, print.
import type { Core } from '../core/core.js';
import { type ParsedArgs, parseArgs, UsageError } from './args.js';
import { type Out, printJson, printTable } from './output.js';

/** Checks `--host` names a known host and connects it (or every host); returns the name given, if any. */
export async function connectHostOption(core: Core, args: ParsedArgs): Promise<string | undefined> {
  const host = args.get('host');
  if (host) core.hostRegistry.config(host);
  await core.hostRegistry.connectAll(host ? [host] : undefined);
  return host;
}

export interface ListSpec<T> {
  usage: string;
  fetch(host: string | undefined): Promise<T[]>;
  headers: string[];
  row(item: T): string[];
}

export async function listCommand<T>(core: Core, argv: string[], out: Out, spec: ListSpec<T>): Promise<number> {
  const args = parseArgs(argv, { host: { value: true }, json: {} });
  if (args.positionals.length) throw new UsageError(spec.usage);
  const items = await spec.fetch(await connectHostOption(core, args));
  if (args.has('json')) printJson(out, items);
  else printTable(out, spec.headers, items.map(spec.row));
  return 0;
}
