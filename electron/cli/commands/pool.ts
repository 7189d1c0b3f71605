// virtdeck pool list|discover|define|build|start|stop|refresh|autostart|delete
import type { Core } from '../../core/core.js';
import { POOL_TYPES, type PoolSpec, type PoolType } from '../../core/storage/pool-spec.js';
import { formatSize } from '../../core/storage/sizes.js';
import type { PoolInfo } from '../../../shared/model/storage.js';
import { parseArgs, parseRef, UsageError } from '../args.js';
import { poolPlanWords } from '../pool-plan-words.js';
import { type Out, printJson, printTable } from '../output.js';
import { listCommand } from '../list-command.js';

const USAGE = `usage: virtdeck pool list [--host NAME] [--json]
       virtdeck pool discover HOST --type netfs|logical|iscsi [--source-host SERVER] [--json]
       virtdeck pool define HOST NAME --type ${POOL_TYPES.join('|')} [--target PATH]
                [--source-dev DEV]... [--source-host HOST]... [--source-port N] [--source-path PATH]
                [--source-name NAME] [--source-format FMT] [--auth-user USER --secret-uuid UUID]
                [--build] [--start] [--autostart]
       virtdeck pool build|start|stop|refresh HOST/POOL
       virtdeck pool autostart HOST/POOL [--off]
       virtdeck pool delete HOST/POOL [--delete-data --yes]`;

export const parsePoolRef = (text: string | undefined) => parseRef(text, 'host', 'pool');

function poolRow(p: PoolInfo): string[] {
  const active = p.state === 'running';
  return [
    p.host,
    p.name,
    p.type,
    p.state,
    p.autostart ? 'yes' : 'no',
    active ? formatSize(p.capacity) : '-',
    active ? formatSize(p.allocation) : '-',
    active ? formatSize(p.available) : '-',
    p.targetPath ?? p.source ?? '',
  ];
}

export async function poolCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'list':
    case 'ls': {
      return listCommand(core, rest, out, {
        usage: USAGE,
        fetch: (host) => core.storage.pools.list(host),
        headers: ['host', 'pool', 'type', 'state', 'autostart', 'capacity', 'allocation', 'available', 'target'],
        row: poolRow,
      });
    }
    case 'discover': {
      const args = parseArgs(rest, { type: { value: true }, 'source-host': { value: true }, json: {} });
      const [host] = args.positionals;
      const type = args.get('type');
      if (!host || args.positionals.length !== 1 || (type !== 'netfs' && type !== 'logical' && type !== 'iscsi')) throw new UsageError(USAGE);
      await connectHost(core, host);
      const found = await core.storage.pools.discoverSources(host, type, args.get('source-host'));
      if (args.has('json')) printJson(out, found);
      else
        printTable(
          out,
          ['host', 'path', 'name', 'devices', 'format'],
          found.map((s) => [s.host ?? '', s.path ?? '', s.name ?? '', s.devices.join(','), s.format ?? '']),
        );
      return 0;
    }
    case 'define': {
      const args = parseArgs(rest, {
        type: { value: true },
        target: { value: true },
        'source-dev': { value: true, repeat: true },
        'source-host': { value: true, repeat: true },
        'source-port': { value: true },
        'source-path': { value: true },
        'source-name': { value: true },
        'source-format': { value: true },
        'auth-user': { value: true },
        'secret-uuid': { value: true },
        build: {},
        start: {},
        autostart: {},
      });
      const [host, name] = args.positionals;
      const type = args.get('type');
      if (!host || !name || args.positionals.length !== 2 || !type) throw new UsageError(USAGE);
      const devs = args.all('source-dev');
      const hosts = args.all('source-host');
      const port = args.get('source-port');
      if (port !== undefined && !/^\d+$/.test(port)) throw new UsageError(`--source-port needs a number, got "${port}"`);
      const spec: PoolSpec = {
        name,
        type: type as PoolType,
        ...opt('target', args.get('target')),
        ...(type === 'fs' ? opt('device', devs[0]) : devs.length ? { devices: devs } : {}),
        ...(hosts.length ? { host: type === 'rbd' ? hosts : (hosts[0] as string) } : {}),
        ...(port !== undefined ? { port: Number(port) } : {}),
        ...opt('sourcePath', args.get('source-path')),
        ...opt('sourceName', args.get('source-name')),
        ...opt('format', args.get('source-format')),
        ...opt('authUser', args.get('auth-user')),
        ...opt('secretUuid', args.get('secret-uuid')),
      };
      if (type === 'fs' && devs.length > 1) throw new UsageError('an fs pool has one --source-dev');
      await connectHost(core, host);
      const pool = await core.storage.pools.define(host, spec, {
        build: args.has('build'),
        start: args.has('start'),
        autostart: args.has('autostart'),
      });
      out.stderr(`defined pool ${host}/${pool.name} (${pool.type}, ${pool.state})\n`);
      return 0;
    }
    case 'build':
    case 'start':
    case 'stop':
    case 'refresh':
    case 'autostart': {
      const args = parseArgs(rest, sub === 'autostart' ? { off: {} } : {});
      if (args.positionals.length !== 1) throw new UsageError(USAGE);
      const { host, pool } = parsePoolRef(args.positionals[0]);
      await connectHost(core, host);
      const s = core.storage;
      const info =
        sub === 'build'
          ? await s.pools.build(host, pool)
          : sub === 'start'
            ? await s.pools.start(host, pool)
            : sub === 'stop'
              ? await s.pools.stop(host, pool)
              : sub === 'refresh'
                ? await s.pools.refresh(host, pool)
                : await s.pools.setAutostart(host, pool, !args.has('off'));
      out.stderr(`${host}/${pool}: ${info.state}${sub === 'autostart' ? `, autostart ${info.autostart ? 'on' : 'off'}` : ''}\n`);
      return 0;
    }
    case 'delete':
    case 'rm': {
      const args = parseArgs(rest, { 'delete-data': {}, yes: {} });
      if (args.positionals.length !== 1) throw new UsageError(USAGE);
      const { host, pool } = parsePoolRef(args.positionals[0]);
      const deleteData = args.has('delete-data');
      await connectHost(core, host);
      if (deleteData && !args.has('yes')) {
        const plan = await core.storage.pools.deletePlan(host, pool, true);
        out.stderr(`${poolPlanWords(plan)}\nNothing was changed. Re-run with --yes to do this.\n`);
        return 1;
      }
      const plan = await core.storage.pools.delete(host, pool, deleteData);
      out.stderr(`done. ${poolPlanWords(plan)}\n`);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}

/** Connects one host (and checks it is configured) before a command talks to it. */
export async function connectHost(core: Core, host: string): Promise<void> {
  core.hostRegistry.config(host);
  await core.hostRegistry.connectAll([host]);
}

function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
