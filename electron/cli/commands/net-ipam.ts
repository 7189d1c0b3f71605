// virtdeck net ipam set|show|rm HOST/NETWORK
import type { Core } from '../../core/core.js';
import { parseArgs, parseRef, UsageError } from '../args.js';
import { type Out, printJson, printTable } from '../output.js';
import { connectHost } from './pool.js';

export const IPAM_USAGE = `usage: virtdeck net ipam set HOST/NETWORK --cidr CIDR --gateway IP [--dns IP,…] [--search DOMAIN,…]
                [--range A-B] [--reserve IP,…]          (NETWORK: a libvirt network or a host bridge)
       virtdeck net ipam show HOST/NETWORK [--all] [--json]   addresses with who holds them (--all: free ones too)
       virtdeck net ipam rm HOST/NETWORK`;

const ref = (text: string | undefined) => parseRef(text, 'host', 'network');

const list = (text: string | undefined): string[] => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : []);

export async function ipamCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'set': {
      const args = parseArgs(rest, { cidr: { value: true }, gateway: { value: true }, dns: { value: true }, search: { value: true }, range: { value: true }, reserve: { value: true } });
      const cidr = args.get('cidr');
      const gateway = args.get('gateway');
      if (args.positionals.length !== 1 || !cidr || !gateway) throw new UsageError(IPAM_USAGE);
      const { host, network } = ref(args.positionals[0]);
      let range: { start: string; end: string } | null = null;
      const r = args.get('range');
      if (r !== undefined) {
        const m = /^([^-\s]+)-([^-\s]+)$/.exec(r);
        if (!m) throw new UsageError(`--range must look like 10.1.2.100-10.1.2.200, got "${r}"`);
        range = { start: m[1] as string, end: m[2] as string };
      }
      await connectHost(core, host);
      const c = await core.ipam.set(host, network, { cidr, gateway, dns: list(args.get('dns')), search: list(args.get('search')), range, reserved: list(args.get('reserve')) });
      out.stderr(`IPAM of ${host}/${network} (${c.kind}): ${c.cidr} via ${c.gateway}${c.range ? `, range ${c.range.start}-${c.range.end}` : ''}\n`);
      return 0;
    }
    case 'show': {
      const args = parseArgs(rest, { json: {}, all: {} });
      if (args.positionals.length !== 1) throw new UsageError(IPAM_USAGE);
      const { host, network } = ref(args.positionals[0]);
      await connectHost(core, host);
      const view = await core.ipam.describe(host, network);
      if (args.has('json')) printJson(out, view);
      else {
        const rows = view.addresses.filter((a) => args.has('all') || a.state !== 'free');
        printTable(out, ['address', 'state', 'held by'], rows.map((a) => [a.ip, a.state, a.holders.map((h) => `${h.holder} (${h.source})`).join(', ')]));
        out.stderr(`${view.config.cidr}: ${view.used} used, ${view.free} free in the range\n`);
      }
      return 0;
    }
    case 'rm':
    case 'delete': {
      const args = parseArgs(rest, {});
      if (args.positionals.length !== 1) throw new UsageError(IPAM_USAGE);
      const { host, network } = ref(args.positionals[0]);
      core.ipam.remove(host, network);
      out.stderr(`removed IPAM of ${host}/${network}\n`);
      return 0;
    }
    default:
      throw new UsageError(IPAM_USAGE);
  }
}
