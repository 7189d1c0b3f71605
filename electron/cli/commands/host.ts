// virtdeck host add|list|rm|test
import type { HostConfig } from '../../../shared/model/host.js';
import { hostConfig } from '../../../shared/ipc/schemas.js';
import type { Core } from '../../core/core.js';
import { parseArgs, parseSshSpec, UsageError } from '../args.js';
import { errorWords } from '../error-words.js';
import { type Out, printJson, printTable } from '../output.js';

const ADD_FLAGS = {
  ssh: { value: true },
  uri: { value: true },
  identity: { value: true },
  jump: { value: true },
  'known-hosts': { value: true },
  'accept-new-host-key': {},
  'virt-type': { value: true },
  local: {},
  json: {},
} as const;

export async function hostCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'add':
      return add(core, rest, out);
    case 'list':
    case 'ls': {
      const args = parseArgs(rest, { json: {} });
      if (args.positionals.length) throw new UsageError('usage: virtdeck host list [--json]');
      await core.hostRegistry.connectAll();
      const hosts = core.hosts.list();
      if (args.has('json')) printJson(out, hosts);
      else
        printTable(
          out,
          ['name', 'status', 'target', 'uri', 'libvirt', 'error'],
          hosts.map((h) => [
            h.name,
            h.status,
            h.transport === 'ssh' && h.ssh ? `${h.ssh.user ? `${h.ssh.user}@` : ''}${h.ssh.host}${h.ssh.port ? `:${h.ssh.port}` : ''}` : 'local',
            h.uri,
            h.libvirtVersion ?? '',
            h.lastError ? errorWords(h.lastError) : '',
          ]),
        );
      return 0;
    }
    case 'rm':
    case 'remove': {
      const args = parseArgs(rest, {});
      const [name] = args.positionals;
      if (!name || args.positionals.length !== 1) throw new UsageError('usage: virtdeck host rm NAME');
      await core.hosts.remove(name);
      out.stderr(`removed host ${name}\n`);
      return 0;
    }
    case 'test': {
      const args = parseArgs(rest, { json: {} });
      const [name] = args.positionals;
      if (!name || args.positionals.length !== 1) throw new UsageError('usage: virtdeck host test NAME [--json]');
      await core.hostRegistry.connectAll([name]);
      const result = await core.hosts.test(name);
      warnIgnored(core, name, out);
      if (args.has('json')) printJson(out, result);
      else if (result.ok)
        out.stdout(`${name}: ok — ${result.hostname}, libvirt ${result.libvirtVersion}, via ${result.channel}, ${result.latencyMs} ms\n`);
      else out.stdout(`${name}: FAILED — ${result.error ? errorWords(result.error) : '?'}\n`);
      return result.ok ? 0 : 1;
    }
    default:
      throw new UsageError('usage: virtdeck host add|list|rm|test ...');
  }
}

/** One line on stderr per ssh_config setting that applies to the host but that VirtDeck does not use. */
function warnIgnored(core: Core, name: string, out: Out): void {
  for (const i of core.hosts.list().find((h) => h.name === name)?.ignoredSshSettings ?? []) {
    out.stderr(`warning: ${i.setting} (${i.file}:${i.line}) is not used by VirtDeck\n`);
  }
}

async function add(core: Core, argv: string[], out: Out): Promise<number> {
  const args = parseArgs(argv, ADD_FLAGS);
  const [name] = args.positionals;
  if (!name || args.positionals.length !== 1) {
    throw new UsageError('usage: virtdeck host add NAME --ssh [USER@]HOST[:PORT] [--uri URI] [--identity FILE] [--jump HOST]');
  }
  const sshSpec = args.get('ssh');
  const uri = args.get('uri') ?? 'qemu:///system';
  const virtType = args.get('virt-type');
  if (virtType !== undefined && virtType !== 'kvm' && virtType !== 'qemu') {
    throw new UsageError('--virt-type must be kvm or qemu');
  }
  let cfg: HostConfig;
  if (sshSpec) {
    const target = parseSshSpec(sshSpec);
    cfg = {
      name,
      transport: 'ssh',
      ssh: {
        ...target,
        ...(args.get('identity') ? { identityFile: args.get('identity') as string } : {}),
        ...(args.get('jump') ? { jump: args.get('jump') as string } : {}),
      },
      uri,
      ...(args.get('known-hosts') ? { knownHostsFile: args.get('known-hosts') as string } : {}),
      ...(virtType ? { virtType } : {}),
    };
  } else if (args.has('local')) {
    cfg = { name, transport: 'local', uri, ...(virtType ? { virtType } : {}) };
  } else {
    throw new UsageError('host add needs --ssh [USER@]HOST[:PORT], or --local for this machine (--uri qemu+unix:///system?socket=PATH)');
  }
  if (core.inventory.getHost(name)) throw new UsageError(`a host named "${name}" already exists`);
  const parsed = hostConfig.safeParse(cfg);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const accept = args.has('accept-new-host-key');
  let seen: string | null = null;
  if (cfg.transport === 'ssh' && cfg.ssh) {
    const probe = await core.hosts.probeKey(cfg.ssh, cfg.knownHostsFile);
    if (probe.status === 'unknown') {
      seen = probe.fingerprint;
      if (!accept) {
        const others = probe.otherKnownTypes?.length
          ? ` WARNING: keys of a different type are already known for this host (${probe.otherKnownTypes.join(', ')}): someone may be intercepting the connection.`
          : '';
        throw new UsageError(
          `host key of ${probe.host}:${probe.port} is not known: ${probe.keyType} ${probe.fingerprint}.${others} ` +
            'Check it, then re-run with --accept-new-host-key to trust it',
        );
      }
      out.stderr(`trusting new host key ${probe.keyType} ${probe.fingerprint} of ${probe.host}:${probe.port}\n`);
    }
  }
  const info = await core.hosts.add(cfg, seen ?? undefined);
  warnIgnored(core, name, out);
  if (args.has('json')) printJson(out, info);
  else out.stdout(`added host ${info.name}: ${info.hostname ?? ''} libvirt ${info.libvirtVersion ?? '?'}\n`);
  return 0;
}
