// virtdeck net list|define|start|stop|autostart|delete|leases
import type { Core } from '../../core/core.js';
import { NETWORK_MODES, type DhcpHost, type NetworkMode, type NetworkSpec } from '../../core/networks/network-spec.js';
import type { NetworkInfo } from '../../core/networks/network-service.js';
import { parseArgs, parseRef, UsageError } from '../args.js';
import { type Out, printJson, printTable } from '../output.js';
import { ipamCommand } from './net-ipam.js';
import { connectHost } from './pool.js';
import { listCommand } from '../list-command.js';

const USAGE = `usage: virtdeck net list [--host NAME] [--json]
       virtdeck net define HOST NAME --mode ${NETWORK_MODES.join('|')} [--cidr 10.1.2.1/24]
                [--dhcp-range A-B | --no-dhcp] [--dhcp-host MAC,IP[,NAME]]... [--bridge BR]
                [--forward-dev DEV] [--autostart] [--start]
       virtdeck net start|stop|delete HOST/NET
       virtdeck net autostart HOST/NET [--off]
       virtdeck net leases HOST/NET [--json]
       virtdeck net ipam set|show|rm HOST/NET ...                (virtdeck net ipam help)`;

const parseNetRef = (text: string | undefined) => parseRef(text, 'host', 'net');

function netRow(n: NetworkInfo): string[] {
  const dhcp = n.dhcpRanges.map((r) => `${r.start}-${r.end}`).join(',');
  return [
    n.host,
    n.name,
    n.mode,
    n.active ? 'active' : 'inactive',
    n.autostart ? 'yes' : 'no',
    n.addresses.join(',') || '-',
    dhcp || (n.mode === 'bridge' ? '-' : 'off'),
    n.bridge ?? '',
  ];
}

export async function netCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const [sub, ...rest] = argv;
  const svc = core.networks;
  switch (sub) {
    case 'ipam':
      return ipamCommand(core, rest, out);
    case 'list':
    case 'ls': {
      return listCommand(core, rest, out, {
        usage: USAGE,
        fetch: (host) => svc.list(host),
        headers: ['host', 'network', 'mode', 'state', 'autostart', 'address', 'dhcp', 'bridge'],
        row: netRow,
      });
    }
    case 'define': {
      const args = parseArgs(rest, {
        mode: { value: true },
        cidr: { value: true },
        'dhcp-range': { value: true },
        'no-dhcp': {},
        'dhcp-host': { value: true, repeat: true },
        bridge: { value: true },
        'forward-dev': { value: true },
        autostart: {},
        start: {},
      });
      const [host, name] = args.positionals;
      const mode = args.get('mode');
      if (!host || !name || args.positionals.length !== 2 || !mode) throw new UsageError(USAGE);
      if (args.has('no-dhcp') && (args.has('dhcp-range') || args.has('dhcp-host'))) {
        throw new UsageError('--no-dhcp cannot be combined with --dhcp-range or --dhcp-host');
      }
      const range = args.get('dhcp-range');
      let dhcpRange: NetworkSpec['dhcpRange'];
      if (range !== undefined) {
        const m = /^([^-\s]+)-([^-\s]+)$/.exec(range);
        if (!m) throw new UsageError(`--dhcp-range must look like 10.1.2.100-10.1.2.200, got "${range}"`);
        dhcpRange = { start: m[1] as string, end: m[2] as string };
      }
      if (args.has('no-dhcp')) dhcpRange = null;
      const dhcpHosts: DhcpHost[] = args.all('dhcp-host').map((text) => {
        const [mac, ip, hostName, extra] = text.split(',');
        if (!mac || !ip || extra !== undefined) throw new UsageError(`--dhcp-host must look like MAC,IP[,NAME], got "${text}"`);
        return { mac, ip, ...(hostName ? { name: hostName } : {}) };
      });
      const cidr = args.get('cidr');
      const bridge = args.get('bridge');
      const forwardDev = args.get('forward-dev');
      const spec: NetworkSpec = {
        name,
        mode: mode as NetworkMode,
        ...(cidr !== undefined ? { cidr } : {}),
        ...(dhcpRange !== undefined ? { dhcpRange } : {}),
        ...(dhcpHosts.length ? { dhcpHosts } : {}),
        ...(bridge !== undefined ? { bridge } : {}),
        ...(forwardDev !== undefined ? { forwardDev } : {}),
        autostart: args.has('autostart'),
      };
      await connectHost(core, host);
      const n = await svc.define(host, spec, { start: args.has('start') });
      out.stderr(`defined network ${host}/${n.name} (${n.mode}${n.addresses.length ? ` ${n.addresses.join(',')}` : ''}, ${n.active ? 'active' : 'inactive'})\n`);
      return 0;
    }
    case 'start':
    case 'stop':
    case 'autostart': {
      const args = parseArgs(rest, sub === 'autostart' ? { off: {} } : {});
      if (args.positionals.length !== 1) throw new UsageError(USAGE);
      const { host, net } = parseNetRef(args.positionals[0]);
      await connectHost(core, host);
      const n =
        sub === 'start' ? await svc.start(host, net) : sub === 'stop' ? await svc.stop(host, net) : await svc.setAutostart(host, net, !args.has('off'));
      out.stderr(`${host}/${net}: ${n.active ? 'active' : 'inactive'}, autostart ${n.autostart ? 'on' : 'off'}\n`);
      return 0;
    }
    case 'delete':
    case 'rm': {
      const args = parseArgs(rest, {});
      if (args.positionals.length !== 1) throw new UsageError(USAGE);
      const { host, net } = parseNetRef(args.positionals[0]);
      await connectHost(core, host);
      await svc.delete(host, net);
      out.stderr(`deleted network ${host}/${net}\n`);
      return 0;
    }
    case 'leases': {
      const args = parseArgs(rest, { json: {} });
      if (args.positionals.length !== 1) throw new UsageError(USAGE);
      const { host, net } = parseNetRef(args.positionals[0]);
      await connectHost(core, host);
      const leases = await svc.leases(host, net);
      if (args.has('json')) printJson(out, leases);
      else
        printTable(
          out,
          ['mac', 'address', 'hostname', 'expires'],
          leases.map((l) => [l.mac ?? '', `${l.ipaddr}/${l.prefix}`, l.hostname ?? '', new Date(l.expiryTime * 1000).toISOString()]),
        );
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}
