// virtdeck launch HOST|auto NAME --image NAME (--flavor NAME | --cpus N --memory SIZE --disk SIZE) --network NAME ...
import type { LaunchSpec, Placement } from '../../../shared/model/instance.js';
import type { Core } from '../../core/core.js';
import { formatSize, parseSize } from '../../core/storage/sizes.js';
import { parseArgs, UsageError } from '../args.js';
import { errorWords } from '../error-words.js';
import { type Out, printJson } from '../output.js';
import { USER_FLAGS, userFromArgs } from './cloud-user.js';
import { parseCpus, parseMemoryMiB } from './flavor.js';
import { showTaskProgress } from './task-progress.js';

const USAGE = `usage: virtdeck launch HOST|auto NAME --image NAME (--flavor NAME | --cpus N --memory SIZE --disk SIZE)
                --network NAME [--ip CIDR|auto|dhcp] [--ssh-key FILE]… [--user NAME] [--password-hash HASH]
                [--user-data FILE] [--virt-type kvm|qemu] [--wait [--timeout SEC]] [--json]
                [--check | --preview]      check: validate only; preview: print the files and the domain XML`;

const FALLBACK_USER = 'virtdeck';

export async function launchCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const args = parseArgs(argv, {
    image: { value: true }, flavor: { value: true }, cpus: { value: true }, memory: { value: true }, disk: { value: true },
    network: { value: true }, ip: { value: true }, 'virt-type': { value: true }, wait: {}, timeout: { value: true },
    json: {}, check: {}, preview: {}, ...USER_FLAGS,
  });
  const [host, name] = args.positionals;
  const image = args.get('image');
  const network = args.get('network');
  if (!host || !name || args.positionals.length !== 2 || !image || !network) throw new UsageError(USAGE);
  const custom = ['cpus', 'memory', 'disk'].filter((f) => args.has(f));
  if (args.has('flavor') && custom.length) throw new UsageError('give --flavor or --cpus/--memory/--disk, not both');
  if (!args.has('flavor') && custom.length !== 3) throw new UsageError('give --flavor NAME, or all of --cpus N --memory SIZE --disk SIZE');
  const virtType = args.get('virt-type');
  if (virtType !== undefined && virtType !== 'kvm' && virtType !== 'qemu') throw new UsageError('--virt-type must be kvm or qemu');
  const timeout = args.get('timeout');
  if (timeout !== undefined && !/^[1-9][0-9]*$/.test(timeout)) throw new UsageError('--timeout takes whole seconds');

  if (host === 'auto') await core.hostRegistry.connectAll();
  else {
    core.hostRegistry.config(host);
    await core.hostRegistry.connectAll([host]);
  }
  // The image's default user (e.g. "debian") when no --user is given.
  const registered = (host === 'auto' ? core.hostRegistry.names() : [host]).map((h) => core.inventory.instances.getImage(h, image)).find(Boolean);
  const { user, extraUserData } = userFromArgs(args, registered?.defaultUser ?? FALLBACK_USER);
  const spec: LaunchSpec = {
    name, host, image, network,
    ...(args.has('flavor')
      ? { flavor: args.get('flavor') as string }
      : { size: { vcpus: parseCpus(args.get('cpus') as string), memoryMiB: parseMemoryMiB(args.get('memory') as string), diskBytes: parseSize(args.get('disk') as string) } }),
    ip: args.get('ip') ?? 'auto',
    users: [user],
    ...(extraUserData ? { extraUserData } : {}),
    ...(virtType ? { virtType } : {}),
    wait: args.has('wait'),
    ...(timeout ? { waitTimeoutSec: Number(timeout) } : {}),
  };

  if (args.has('check')) {
    const v = await core.instances.validate(spec);
    if (args.has('json')) printJson(out, v);
    for (const w of v.warnings) out.stderr(`warning: ${errorWords(w)}\n`);
    for (const e of v.errors) out.stderr(`error: ${errorWords(e)}\n`);
    if (v.plan) out.stderr(`ok: ${v.plan.host}/${v.plan.name} at ${v.plan.address ?? 'DHCP'} (${placementWords(v.plan.placement)})\n`);
    return v.ok ? 0 : 1;
  }
  if (args.has('preview')) {
    const p = await core.instances.preview(spec);
    if (args.has('json')) printJson(out, p);
    else out.stdout(`# user-data\n${p.userData}\n# meta-data\n${p.metaData}\n# network-config\n${p.networkConfig ?? '(none: DHCP fallback)\n'}\n# domain XML\n${p.domainXml}\n`);
    return 0;
  }
  const stop = showTaskProgress(core, out);
  try {
    const r = await core.instances.launch(spec);
    if (args.has('json')) printJson(out, r);
    const times = Object.entries(r.timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ');
    out.stderr(`launched ${r.host}/${r.name} at ${r.ip ?? 'DHCP'} (${times}); placement: ${placementWords(r.placement)}\nlog in: virtdeck ssh ${r.host}/${r.name}\n`);
    return 0;
  } finally {
    stop();
  }
}

/** Why the host was chosen, as the CLI says it. */
function placementWords(p: Placement): string {
  const [best, ...rest] = p.candidates;
  if (p.by === 'user' || !best) return `${p.host}: chosen by the user`;
  const others = rest.map((c) => (c.problem ? errorWords(c.problem) : `${c.host}: ${formatSize(c.freeMemory)} free`));
  return [`${best.host}: most free memory (${formatSize(best.freeMemory)} free, ${best.cpus} CPUs, ${formatSize(best.poolFree)} free in pool ${best.pool})`, ...others].join('; ');
}
