// virtdeck host add|list|rm|test
import type { HostConfig, HostInfo } from '../../../shared/model/host.js';
import { parseSshSpec, UsageError } from '../args.js';
import { errorWords } from '../error-words.js';
import { type Out, printJson } from '../output.js';
import type { Run } from '../table/types.js';
import { connect, printList, removeByName } from './common.js';

function target(h: HostInfo): string {
  if (h.transport !== 'ssh' || !h.ssh) return 'local';
  return `${h.ssh.user ? `${h.ssh.user}@` : ''}${h.ssh.host}${h.ssh.port ? `:${h.ssh.port}` : ''}`;
}

export const list: Run = async (ctx, args) => {
  const door = await ctx.door();
  const hosts = await connect(door);
  printList(ctx.out, args, hosts, ['name', 'status', 'target', 'uri', 'libvirt', 'error'], (h) => [
    h.name, h.status, target(h), h.uri, h.libvirtVersion ?? '', h.lastError ? errorWords(h.lastError) : '',
  ]);
  return 0;
};

export const remove = removeByName('hosts.remove', 'host');

/** One line on stderr per ssh_config setting that applies to the host but that VirtDeck does not use. */
function warnIgnored(out: Out, host: HostInfo | undefined): void {
  for (const i of host?.ignoredSshSettings ?? []) out.stderr(`warning: ${i.setting} (${i.file}:${i.line}) is not used by VirtDeck\n`);
}

export const test: Run = async (ctx, args) => {
  const name = args.positionals[0] as string;
  const door = await ctx.door();
  const [info] = await connect(door, name);
  const result = await door.call('hosts.test', { name });
  warnIgnored(ctx.out, info);
  if (args.has('json')) printJson(ctx.out, result);
  else if (result.ok) {
    ctx.out.stdout(`${name}: ok — ${result.hostname}, libvirt ${result.libvirtVersion}, via ${result.channel}, ${result.latencyMs} ms\n`);
  } else ctx.out.stdout(`${name}: FAILED — ${result.error ? errorWords(result.error) : '?'}\n`);
  return result.ok ? 0 : 1;
};

function configOf(name: string, args: Parameters<Run>[1]): HostConfig {
  const uri = args.get('uri') ?? 'qemu:///system';
  const virtType = args.get('virt-type') as HostConfig['virtType'];
  const sshSpec = args.get('ssh');
  if (sshSpec && args.has('local')) throw new UsageError('give --ssh or --local, not both');
  if (sshSpec) {
    const identity = args.get('identity');
    const jump = args.get('jump');
    const knownHosts = args.get('known-hosts');
    return {
      name,
      transport: 'ssh',
      ssh: { ...parseSshSpec(sshSpec), ...(identity ? { identityFile: identity } : {}), ...(jump ? { jump } : {}) },
      uri,
      ...(knownHosts ? { knownHostsFile: knownHosts } : {}),
      ...(virtType ? { virtType } : {}),
    };
  }
  if (args.has('local')) return { name, transport: 'local', uri, ...(virtType ? { virtType } : {}) };
  throw new UsageError('host add needs --ssh [USER@]HOST[:PORT], or --local for this machine (--uri qemu+unix:///system?socket=PATH)');
}

export const add: Run = async (ctx, args) => {
  const cfg = configOf(args.positionals[0] as string, args);
  const door = await ctx.door();
  if ((await door.call('hosts.list', {})).some((h) => h.name === cfg.name)) {
    throw new UsageError(`a host named "${cfg.name}" already exists`);
  }
  let seen: string | undefined;
  if (cfg.transport === 'ssh' && cfg.ssh) {
    const probe = await door.call('hosts.probeKey', { ssh: cfg.ssh, ...(cfg.knownHostsFile ? { knownHostsFile: cfg.knownHostsFile } : {}) });
    if (probe.status === 'unknown') {
      seen = probe.fingerprint;
      if (!args.has('accept-new-host-key')) {
        const others = probe.otherKnownTypes?.length
          ? ` WARNING: keys of a different type are already known for this host (${probe.otherKnownTypes.join(', ')}): someone may be intercepting the connection.`
          : '';
        throw new UsageError(
          `host key of ${probe.host}:${probe.port} is not known: ${probe.keyType} ${probe.fingerprint}.${others} ` +
            'Check it, then re-run with --accept-new-host-key to trust it',
        );
      }
      ctx.out.stderr(`trusting new host key ${probe.keyType} ${probe.fingerprint} of ${probe.host}:${probe.port}\n`);
    }
  }
  const info = await door.call('hosts.add', { config: cfg, ...(seen ? { acceptFingerprint: seen } : {}) });
  warnIgnored(ctx.out, info);
  if (args.has('json')) printJson(ctx.out, info);
  else ctx.out.stdout(`added host ${info.name}: ${info.hostname ?? ''} libvirt ${info.libvirtVersion ?? '?'}\n`);
  return 0;
};
