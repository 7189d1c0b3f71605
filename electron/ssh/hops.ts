// The way to a target: its hops (ProxyJump hosts, then the target) resolved through ssh_config, and a chain of
// ssh2 clients, each hop reached over a channel forwarded by the one before it (or by `via`).
import type { Duplex } from 'node:stream';
import type { ConnectConfig } from 'ssh2';
import type { SshIgnoredSetting } from '../../shared/model/host.js';
import { nudgeAcks } from './ack-nudge.js';
import { coalesceWrites } from './write-coalesce.js';
import { reusePacketBuffers } from './packet-buffers.js';
import { createAuthSession, type AuthSession } from './auth.js';
import type { SshConnectionOptions, SshEndpoint, SshJump } from './connection-types.js';
import { SshAuthError, SshError, SshOfflineError, SshUnreachableError } from './errors.js';
import { checkHostKey, preferredHostKeyAlgorithms } from './host-key-check.js';
import { KnownHosts } from './known-hosts.js';
import { loadSshConfig, localResolveEnv, parseProxyJump, resolveSshHost, type SshConfig } from './ssh-config.js';
import type { Ssh2Parts } from './ssh2-parts.js';
import { ssh2 } from './ssh2.js';

export type Client = import('ssh2').Client;

export interface Hop {
  hostName: string;
  port: number;
  user: string;
  identityFiles: string[];
  identitiesOnly: boolean;
  /** known_hosts name of this hop's keys instead of its address (HostKeyAlias). */
  hostKeyAlias?: string | undefined;
}

/** Where a connection goes: its hops (jumps first, the target last) and the known_hosts that vouches for them. */
export interface Route {
  hops: Hop[];
  knownHosts: KnownHosts;
  /** ssh_config settings and known_hosts markers for these hops that VirtDeck does not apply. */
  ignored: SshIgnoredSetting[];
}

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
]);

export function hopLabel(hop: Hop): string {
  return `${hop.user}@${hop.hostName}:${hop.port}`;
}

export function asSshError(err: unknown, target: string): SshError {
  if (err instanceof SshError) return err;
  return new SshError('SSH_PROTOCOL', `SSH error with ${target}: ${(err as Error)?.message ?? String(err)}`, {
    cause: err,
  });
}

/** Resolve target and jump hosts through ssh_config (explicit options win). */
export function resolveRoute(o: SshConnectionOptions): Route {
  const config: SshConfig =
    o.configFile === null ? { directives: [], hostLines: [] } : loadSshConfig(...(o.configFile ? [o.configFile] : []));
  const target = resolveSshHost(config, o.host, localResolveEnv({ user: o.user, port: o.port }));
  const targetHop: Hop = {
    hostName: target.hostName,
    port: target.port,
    user: target.user,
    identityFiles:
      o.identityFiles ?? (target.identityFilesConfigured ? target.identityFiles : [...target.identityFiles, ...(o.via?.identityFiles ?? [])]),
    identitiesOnly: o.identitiesOnly ?? target.identitiesOnly,
    hostKeyAlias: o.hostKeyAlias ?? target.hostKeyAlias,
  };
  const jumps: SshEndpoint[] = o.jump === undefined ? target.proxyJump : [o.jump].flat().flatMap(toEndpoints);
  const ignored = [...target.ignored];
  const jumpHops = jumps.map((j): Hop => {
    const r = resolveSshHost(config, j.host, localResolveEnv({ user: j.user, port: j.port }));
    ignored.push(...r.ignored);
    // A jump host without its own IdentityFile also gets the target's explicit keys (one key for a lab).
    const files = j.identityFiles ?? (r.identityFilesConfigured ? r.identityFiles : [...(o.identityFiles ?? []), ...r.identityFiles]);
    return {
      hostName: r.hostName,
      port: r.port,
      user: r.user,
      identityFiles: files,
      identitiesOnly: j.identitiesOnly ?? r.identitiesOnly,
      hostKeyAlias: r.hostKeyAlias,
    };
  });
  const knownHosts = new KnownHosts(
    o.knownHostsFile
      ? { file: o.knownHostsFile, hashHostNames: target.hashKnownHosts }
      : {
          file: target.userKnownHostsFiles[0]!,
          extraFiles: [...target.userKnownHostsFiles.slice(1), '/etc/ssh/ssh_known_hosts'],
          hashHostNames: target.hashKnownHosts,
        },
  );
  const hops = [...jumpHops, targetHop];
  for (const hop of hops) {
    const { name, port } = knownHostsKey(hop);
    ignored.push(...knownHosts.certAuthorityLines(name, port).map((where) => ({ setting: '@cert-authority', ...where })));
  }
  const seen = new Set<string>();
  const once = ignored.filter((i) => !seen.has(`${i.file}:${i.line}`) && seen.add(`${i.file}:${i.line}`));
  return { hops, knownHosts, ignored: once };
}

/**
 * Connect every hop of the route, each over a channel forwarded by the previous one; jump clients first.
 * `refusedPasswords` outlives one attempt (see AuthOptions).
 */
export async function connectRoute(route: Route, opts: SshConnectionOptions, refusedPasswords: Set<string>): Promise<Client[]> {
  const { hops } = route;
  const clients: Client[] = [];
  try {
    for (const [i, hop] of hops.entries()) {
      const prev = clients[i - 1];
      const sock = prev
        ? await forwardThrough((h, p) => forwardOutOn(prev, h, p), hop, hopLabel(hops[i - 1]!))
        : opts.via
          ? await forwardThrough((h, p) => opts.via!.forwardOut(h, p), hop, opts.via.label)
          : undefined;
      clients.push(await connectHop(route.knownHosts, hop, sock, opts, refusedPasswords, await ssh2()));
    }
  } catch (err) {
    endAll(clients);
    throw err;
  }
  return clients;
}

export function endAll(clients: Client[]): void {
  for (const c of [...clients].reverse()) c.end();
}

/** Handshake, host-key check and authentication with one hop, under a deadline that pauses while the user is asked. */
function connectHop(
  knownHosts: KnownHosts,
  hop: Hop,
  sock: Duplex | undefined,
  opts: SshConnectionOptions,
  refusedPasswords: Set<string>,
  { Client: Ssh2Client }: Ssh2Parts,
): Promise<Client> {
  const label = hopLabel(hop);
  const client = new Ssh2Client();
  const timeoutMs = opts.readyTimeoutMs ?? 20_000;
  let hostKeyError: SshError | null = null;
  let timer: NodeJS.Timeout | null = null;
  let timedOut = false;

  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    const fail = (err: SshError): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      client.end();
      client.destroy();
      reject(err);
    };
    const arm = (): void => {
      timer = setTimeout(() => {
        timedOut = true;
        fail(new SshUnreachableError(label, `no SSH handshake within ${timeoutMs} ms`));
      }, timeoutMs);
    };
    const onPrompt = (active: boolean): void => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!active && !settled) arm();
    };
    const auth: AuthSession = createAuthSession({
      user: hop.user,
      host: hop.hostName,
      agent: opts.agent ?? process.env.SSH_AUTH_SOCK,
      identityFiles: hop.identityFiles,
      identitiesOnly: hop.identitiesOnly,
      askPassphrase: opts.askPassphrase,
      askPassword: opts.askPassword,
      askKeyboardInteractive: opts.askKeyboardInteractive,
      refusedPasswords,
      onPrompt,
    });

    client.on('error', (err: Error & { level?: string; code?: string }) => {
      if (settled || err.level === 'agent') return; // agent trouble: ssh2 moves on to the next method
      if (hostKeyError) return fail(hostKeyError);
      if (timedOut) return;
      if (err.level === 'client-authentication') {
        return fail(new SshAuthError(label, auth.tried, auth.problems.join('; ') || undefined));
      }
      if ((err.code && NETWORK_ERRORS.has(err.code)) || err.level === 'client-timeout' || err.level === 'client-dns') {
        return fail(new SshUnreachableError(label, err.code ?? err.message, { cause: err }));
      }
      // TCP accepted but closed before any SSH banner: a forwarder in front of a stopped sshd, or a firewall.
      if (/before handshake/.test(err.message)) {
        return fail(new SshUnreachableError(label, 'connection closed before the SSH handshake', { cause: err }));
      }
      fail(new SshError('SSH_PROTOCOL', `SSH handshake with ${label} failed: ${err.message}`, { cause: err }));
    });
    client.on('close', () => fail(hostKeyError ?? new SshUnreachableError(label, 'connection closed during handshake')));
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      nudgeAcks(client);
      if (!sock) {
        coalesceWrites(client);
        reusePacketBuffers(client);
      }
      resolve(client);
    });

    const target = { hostName: hop.hostName, port: hop.port, label, knownAs: knownHostsKey(hop) };
    const knownTypes = preferredHostKeyAlgorithms(knownHosts, target);
    const config: ConnectConfig = {
      ...(sock ? { sock } : { host: hop.hostName }),
      port: hop.port,
      username: hop.user,
      readyTimeout: 0, // our own timer, which pauses during prompts
      keepaliveInterval: opts.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: opts.keepaliveCountMax ?? 3,
      authHandler: auth.handler,
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        checkHostKey(knownHosts, target, key, opts, onPrompt).then(
          () => verify(true),
          (err: unknown) => {
            hostKeyError = asSshError(err, label);
            verify(false);
          },
        );
      },
      ...(knownTypes.length > 0 ? { algorithms: { serverHostKey: { prepend: knownTypes } } as ConnectConfig['algorithms'] } : {}),
    };
    arm();
    client.connect(config);
    if (!sock) client.setNoDelay(true);
  });
}

/** What known_hosts files a hop's keys under: its address and port, or its HostKeyAlias alone (as OpenSSH does). */
function knownHostsKey(hop: Hop): { name: string; port: number } {
  return hop.hostKeyAlias ? { name: hop.hostKeyAlias, port: 22 } : { name: hop.hostName, port: hop.port };
}

function toEndpoints(jump: SshJump): SshEndpoint[] {
  return typeof jump === 'string' ? parseProxyJump(jump) : [jump];
}

/** A channel to the hop's host:port, used as the socket of the next ssh2 Client. */
async function forwardThrough(open: (host: string, port: number) => Promise<Duplex>, hop: Hop, viaLabel: string): Promise<Duplex> {
  try {
    return await open(hop.hostName, hop.port);
  } catch (err) {
    const reason = err instanceof SshOfflineError ? err.message : (err as Error).message;
    throw new SshUnreachableError(hopLabel(hop), `via ${viaLabel}: ${reason}`, { cause: err });
  }
}

function forwardOutOn(client: Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (err, channel) => (err ? reject(err) : resolve(channel)));
  });
}
