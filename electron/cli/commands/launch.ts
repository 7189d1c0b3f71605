// virtdeck launch HOST|auto NAME --image NAME (--flavor NAME | --cpus N --memory SIZE --disk SIZE) --network NAME ...
import { COUNT_PLACEHOLDER, MAX_COUNT, countedNames } from '../../../shared/model/counted-names.js';
import type { LaunchResult, LaunchSpec, Placement } from '../../../shared/model/instance.js';
import { formatSize, parseSize } from '../../core/storage/sizes.js';
import { UsageError } from '../args.js';
import type { Door } from '../door.js';
import { errorWords } from '../error-words.js';
import { printJson } from '../output.js';
import { withProgress } from '../progress.js';
import type { ParsedArgs, Run } from '../table/types.js';
import { connect } from './common.js';
import { userFromArgs } from './cloud-user.js';
import { parseCpus, parseMemoryMiB } from './flavor.js';

const FALLBACK_USER = 'virtdeck';

function sizeOf(args: ParsedArgs): Pick<LaunchSpec, 'flavor' | 'size'> {
  const custom = ['cpus', 'memory', 'disk'].filter((f) => args.has(f));
  const flavor = args.get('flavor');
  if (flavor !== undefined && custom.length) throw new UsageError('give --flavor or --cpus/--memory/--disk, not both');
  if (flavor !== undefined) return { flavor };
  if (custom.length !== 3) throw new UsageError('give --flavor NAME, or all of --cpus N --memory SIZE --disk SIZE');
  return {
    size: { vcpus: parseCpus(args.get('cpus') as string), memoryMiB: parseMemoryMiB(args.get('memory') as string), diskBytes: parseSize(args.get('disk') as string) },
  };
}

/** The image's default user (e.g. "debian") on the host, or on any host for `auto`. */
async function imageUser(door: Door, host: string, image: string): Promise<string | undefined> {
  const images = await door.call('images.list', host === 'auto' ? {} : { host });
  return images.find((i) => i.name === image && i.defaultUser)?.defaultUser ?? undefined;
}

/** NAME, or the names of `--count N NAME-{n}`. */
function namesOf(args: ParsedArgs, pattern: string): string[] {
  const text = args.get('count');
  if (text === undefined) return [pattern];
  if (!/^[0-9]{1,3}$/.test(text)) throw new UsageError(`--count takes a whole number from 1 to ${MAX_COUNT}`);
  const names = countedNames(pattern, Number(text));
  if (!names) throw new UsageError(Number(text) > 1 && Number(text) <= MAX_COUNT ? `with --count, put ${COUNT_PLACEHOLDER} in the name, e.g. web-${COUNT_PLACEHOLDER}` : `--count takes a whole number from 1 to ${MAX_COUNT}`);
  const ip = args.get('ip');
  if (names.length > 1 && ip !== undefined && ip !== 'auto' && ip !== 'dhcp') throw new UsageError('with --count, --ip is auto or dhcp (one address cannot go to several VMs)');
  if (names.length > 1 && (args.has('check') || args.has('preview'))) throw new UsageError('--check and --preview take one VM, not --count');
  return names;
}

export const launch: Run = async (ctx, args) => {
  const [host, pattern] = args.positionals as [string, string];
  const names = namesOf(args, pattern);
  const name = names[0] as string;
  const image = args.get('image') as string;
  const timeout = args.get('timeout');
  if (timeout !== undefined && !/^[1-9][0-9]*$/.test(timeout)) throw new UsageError('--timeout takes whole seconds');
  const size = sizeOf(args);
  const virtType = args.get('virt-type') as LaunchSpec['virtType'];
  const door = await ctx.door();
  await connect(door, host === 'auto' ? undefined : host);
  const { user, extraUserData } = userFromArgs(args, (await imageUser(door, host, image)) ?? FALLBACK_USER);
  const spec: LaunchSpec = {
    name,
    host,
    image,
    network: args.get('network') as string,
    ...size,
    ip: args.get('ip') ?? 'auto',
    users: [user],
    ...(extraUserData ? { extraUserData } : {}),
    ...(virtType ? { virtType } : {}),
    wait: args.has('wait'),
    ...(timeout ? { waitTimeoutSec: Number(timeout) } : {}),
  };

  if (args.has('check')) {
    const v = await door.call('instances.validate', { spec });
    if (args.has('json')) printJson(ctx.out, v);
    for (const w of v.warnings) ctx.out.stderr(`warning: ${errorWords(w)}\n`);
    for (const e of v.errors) ctx.out.stderr(`error: ${errorWords(e)}\n`);
    if (v.plan) ctx.out.stderr(`ok: ${v.plan.host}/${v.plan.name} at ${v.plan.address ?? 'DHCP'} (${placementWords(v.plan.placement)})\n`);
    return v.ok ? 0 : 1;
  }
  if (args.has('preview')) {
    const p = await door.call('instances.preview', { spec });
    if (args.has('json')) printJson(ctx.out, p);
    else ctx.out.stdout(`# user-data\n${p.userData}\n# meta-data\n${p.metaData}\n# network-config\n${p.networkConfig ?? '(none: DHCP fallback)\n'}\n# domain XML\n${p.domainXml}\n`);
    return 0;
  }
  const launched: LaunchResult[] = [];
  for (const n of names) {
    const r = await withProgress(ctx.out, (watch) => door.call('instances.launch', { spec: { ...spec, name: n } }, watch)).catch((err: unknown) => {
      if (launched.length) ctx.out.stderr(`launched before the failure: ${launched.map((l) => `${l.host}/${l.name}`).join(', ')}\n`);
      throw err;
    });
    launched.push(r);
    const times = Object.entries(r.timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ');
    ctx.out.stderr(`launched ${r.host}/${r.name} at ${r.ip ?? 'DHCP'} (${times}); placement: ${placementWords(r.placement)}\nlog in: virtdeck ssh ${r.host}/${r.name}\n`);
  }
  if (args.has('json')) printJson(ctx.out, args.has('count') ? launched : launched[0]);
  return 0;
};

/** Why the host was chosen, as the CLI says it. */
function placementWords(p: Placement): string {
  const [best, ...rest] = p.candidates;
  if (p.by === 'user' || !best) return `${p.host}: chosen by the user`;
  const others = rest.map((c) => (c.problem ? errorWords(c.problem) : `${c.host}: ${formatSize(c.freeMemory)} free`));
  const copied = best.imageFrom ? `; the image copied there from ${best.imageFrom} first` : '';
  return [`${best.host}: most free memory (${formatSize(best.freeMemory)} free, ${best.cpus} CPUs, ${formatSize(best.poolFree)} free in pool ${best.pool}${copied})`, ...others].join('; ');
}
