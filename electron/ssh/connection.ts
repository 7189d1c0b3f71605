// One SSH connection per host (ssh2 Client), through optional ProxyJump hops, carrying everything for that host:
// exec with safe argv, the libvirt byte stream, TCP/unix forwards and SFTP. Verifies host keys against
// known_hosts, authenticates like OpenSSH, and reconnects with backoff when the link drops.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { ClientChannel, ConnectConfig, SFTPWrapper } from 'ssh2';
import { createAuthSession, type AuthSession } from './auth.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import {
  SshAuthError,
  SshError,
  SshHostKeyChangedError,
  SshHostKeyRejectedError,
  SshOfflineError,
  SshUnreachableError,
} from './errors.js';
import { fingerprintSha256, KnownHosts, keyTypeOfBlob } from './known-hosts.js';
import {
  helperArgv,
  LIBVIRT_PROBE_ARGV,
  libvirtSocketPath,
  ncArgv,
  parseLibvirtProbe,
  type LibvirtChannelKind,
  type LibvirtProbe,
} from './libvirt-transport.js';
import { shellQuoteArgv } from './quote.js';
import { ssh2 } from './ssh2.js';
import {
  loadSshConfig,
  localResolveEnv,
  parseProxyJump,
  resolveSshHost,
  type SshConfig,
} from './ssh-config.js';

type Client = import('ssh2').Client;

/** One SSH endpoint; `host` may be a ~/.ssh/config alias. */
export interface SshEndpoint {
  host: string;
  port?: number;
  user?: string;
  identityFiles?: string[];
  identitiesOnly?: boolean;
}

/** A jump host: an endpoint, or an OpenSSH ProxyJump string (`[user@]host[:port]`, comma list allowed). */
export type SshJump = string | SshEndpoint;

/** A host's key as shown to the user. */
export interface UnknownHostKeyPrompt {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
}

export interface SshConnectionOptions extends SshEndpoint {
  jump?: SshJump | SshJump[];
  /**
   * Reach the first hop through this (online) connection instead of TCP from here: a guest seen from its host.
   * Without IdentityFile settings of its own, the target also tries the keys of `via`'s target.
   */
  via?: SshConnection;
  /** Defaults to the config's UserKnownHostsFile (~/.ssh/known_hosts). */
  knownHostsFile?: string;
  /** ssh-agent socket; default process.env.SSH_AUTH_SOCK. */
  agent?: string;
  /** ssh_config file to read; default ~/.ssh/config; null reads none. */
  configFile?: string | null;
  /** Trust on first use: return true to accept (the key is then recorded in known_hosts). */
  onUnknownHostKey: (p: UnknownHostKeyPrompt) => Promise<boolean>;
  /** Told about every host key that passed verification (known, or just accepted). */
  onHostKeyVerified?: (p: UnknownHostKeyPrompt) => void;
  askPassphrase?: (keyFile: string) => Promise<string | null>;
  askPassword?: (user: string, host: string) => Promise<string | null>;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Handshake + authentication deadline per hop; the clock stops while the user is being asked something. */
  readyTimeoutMs?: number;
  /** Automatic reconnect after a drop; false leaves that to the caller. */
  reconnect?: BackoffOptions | false;
}

export type SshState = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed';

export interface SshStateChange {
  state: SshState;
  since: Date;
  error: SshError | null;
}

export interface ExecResult {
  stdout: Buffer;
  stderr: Buffer;
  code: number | null;
  signal: string | null;
}

export interface ExecOptions {
  /** Written to the command's stdin, which is then closed (it is closed at once without this). */
  stdin?: Buffer | string;
}

export interface ShellOptions {
  cols: number;
  rows: number;
  /** TERM for the pty; default xterm-256color. */
  term?: string;
}

/** A pty shell: write keystrokes, read output, resize the terminal. */
export type SshShell = ClientChannel & { resize(cols: number, rows: number): void };

interface Hop {
  hostName: string;
  port: number;
  user: string;
  identityFiles: string[];
  identitiesOnly: boolean;
}

/** A live set of clients: jump hops first, the target last. */
interface Session {
  clients: Client[];
  target: Client;
  libvirtProbe: Promise<LibvirtProbe> | null;
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

// Key types known_hosts stores → handshake algorithms that produce them.
const HOST_KEY_ALGORITHMS: Record<string, string[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

function hopLabel(hop: Hop): string {
  return `${hop.user}@${hop.hostName}:${hop.port}`;
}

function isFinal(err: unknown): boolean {
  return err instanceof SshAuthError || err instanceof SshHostKeyChangedError || err instanceof SshHostKeyRejectedError;
}

function asSshError(err: unknown, target: string): SshError {
  if (err instanceof SshError) return err;
  return new SshError('SSH_PROTOCOL', `SSH error with ${target}: ${(err as Error)?.message ?? String(err)}`, {
    cause: err,
  });
}

export class SshConnection extends EventEmitter<{ state: [SshStateChange] }> {
  private readonly opts: SshConnectionOptions;
  private current: SshStateChange = { state: 'offline', since: new Date(), error: null };
  private session: Session | null = null;
  private pending: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** Bumped by close(): attempts started before it throw their result away. */
  private generation = 0;
  private hops: Hop[] | null = null;
  private knownHosts: KnownHosts | null = null;
  /** How the last libvirt channel reached the daemon. */
  libvirtChannelKind: LibvirtChannelKind | undefined;
  /** Why the last libvirt channel may have failed: the socket error and the helper's stderr, if any. */
  libvirtDiagnostics = '';

  constructor(opts: SshConnectionOptions) {
    super();
    this.opts = opts;
  }

  get state(): SshState {
    return this.current.state;
  }
  get since(): Date {
    return this.current.since;
  }
  get lastError(): SshError | null {
    return this.current.error;
  }
  /** `user@host:port` of the target, once resolved (the given host before that). */
  get label(): string {
    const target = this.hops?.at(-1);
    return target ? hopLabel(target) : this.opts.host;
  }

  /** Connect (or reuse the live connection). Rejects with a typed SshError; the state becomes `offline`. */
  connect(): Promise<void> {
    if (this.current.state === 'online') return Promise.resolve();
    if (this.pending) return this.pending;
    this.clearReconnectTimer();
    // A new generation also discards a reconnect attempt that may be in flight.
    const generation = ++this.generation;
    this.setState('connecting', null);
    this.pending = (async () => {
      try {
        this.resolveTargets();
        const session = await this.establish();
        if (generation !== this.generation) {
          endAll(session.clients);
          throw new SshOfflineError(this.label, 'closed');
        }
        this.adopt(session);
      } catch (err) {
        const error = asSshError(err, this.label);
        if (generation === this.generation) this.setState('offline', error);
        throw error;
      } finally {
        this.pending = null;
      }
    })();
    return this.pending;
  }

  /** Close for good (until connect() is called again): no reconnect, every call rejects. */
  close(): void {
    this.generation++;
    this.clearReconnectTimer();
    const session = this.session;
    this.session = null;
    this.setState('closed', null);
    if (session) endAll(session.clients);
  }

  /** Run argv on the host (each element quoted, never interpreted by the remote shell) and collect its output. */
  async exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    const channel = await this.spawn(argv);
    return new Promise((resolve, reject) => {
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let exit: { code: number | null; signal: string | null } | null = null;
      channel.on('data', (d: Buffer) => stdout.push(d));
      channel.stderr.on('data', (d: Buffer) => stderr.push(d));
      channel.on('exit', (code: number | null, signal?: string) => {
        exit = { code: code ?? null, signal: signal ?? null };
      });
      channel.on('error', reject);
      channel.on('close', () => {
        // sshd always reports an exit status or signal; without one the link went away mid-command.
        if (!exit) {
          reject(new SshOfflineError(this.label, 'disconnected', { cause: this.current.error }));
          return;
        }
        resolve({ stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), ...exit });
      });
      channel.end(opts.stdin);
    });
  }

  /** Start argv on the host and return its channel (stdout = the channel, stderr = channel.stderr). */
  async spawn(argv: readonly string[]): Promise<ClientChannel> {
    const command = shellQuoteArgv(argv);
    const client = this.live();
    return new Promise((resolve, reject) => {
      client.exec(command, (err, channel) => (err ? reject(this.channelError(err, `exec ${argv[0]}`)) : resolve(channel)));
    });
  }

  /** A TCP connection made by the host to host:port (e.g. a VNC port on the host's loopback). */
  async forwardOut(host: string, port: number): Promise<Duplex> {
    const client = this.live();
    return new Promise((resolve, reject) => {
      client.forwardOut('127.0.0.1', 0, host, port, (err, channel) =>
        err ? reject(this.channelError(err, `forward to ${host}:${port}`)) : resolve(channel),
      );
    });
  }

  /** A connection made by the host to a unix socket on it (OpenSSH direct-streamlocal). */
  async forwardStreamLocal(path: string): Promise<Duplex> {
    const client = this.live();
    return new Promise((resolve, reject) => {
      client.openssh_forwardOutStreamLocal(path, (err, channel) =>
        err ? reject(this.channelError(err, `forward to ${path}`)) : resolve(channel),
      );
    });
  }

  async sftp(): Promise<SFTPWrapper> {
    const client = this.live();
    return new Promise((resolve, reject) => {
      client.sftp((err, sftp) => (err ? reject(this.channelError(err, 'sftp')) : resolve(sftp)));
    });
  }

  /**
   * The byte stream to libvirtd for `uri`: a streamlocal channel to the system socket when it accepts, else
   * virt-ssh-helper, else `nc -U` (the host is probed once per connection); `libvirtChannelKind` tells the choice.
   */
  async openLibvirtChannel(uri = 'qemu:///system', readOnly = false, method: 'auto' | 'virt-ssh-helper' = 'auto'): Promise<Duplex> {
    const session = this.liveSession();
    let channel: ClientChannel | Duplex;
    let kind: LibvirtChannelKind;
    const socketPath = libvirtSocketPath(uri, readOnly);
    let streamError = '';
    const systemSocket = /^[a-z0-9]+:\/\/\/system(\?|$)/.test(uri) || uri.includes('socket=');
    try {
      if (!systemSocket || method !== 'auto') throw new SshError('SSH_CHANNEL', 'streamlocal not wanted');
      channel = await this.forwardStreamLocal(socketPath);
      kind = 'streamlocal';
    } catch (streamErr) {
      if (streamErr instanceof SshOfflineError) throw streamErr;
      streamError = streamErr instanceof Error ? streamErr.message : String(streamErr);
      session.libvirtProbe ??= this.exec(LIBVIRT_PROBE_ARGV).then((r) => parseLibvirtProbe(r.stdout.toString('utf8')));
      let probe: LibvirtProbe;
      try {
        probe = await session.libvirtProbe;
      } catch (err) {
        session.libvirtProbe = null;
        throw err;
      }
      if (probe.helper) {
        channel = await this.spawn(helperArgv(uri, readOnly));
        kind = 'virt-ssh-helper';
      } else if (probe.nc) {
        channel = await this.spawn(ncArgv(probe, socketPath));
        kind = 'nc';
      } else {
        throw streamErr;
      }
    }
    // Keep the start of the helper's diagnostics (why the daemon is unreachable) and drain the rest, so they
    // never hold up the channel's window.
    this.libvirtDiagnostics = streamError;
    if ('stderr' in channel) {
      let helperSaid = '';
      channel.stderr.on('data', (b: Buffer) => {
        if (helperSaid.length < 2048) helperSaid += b.toString('utf8');
        this.libvirtDiagnostics = helperSaid.trim() || streamError;
      });
    }
    this.libvirtChannelKind = kind;
    return channel;
  }

  /** An interactive shell with a pty (e.g. a guest reached with `via`). */
  async shell(opts: ShellOptions): Promise<SshShell> {
    const client = this.live();
    const channel = await new Promise<ClientChannel>((resolve, reject) => {
      client.shell({ term: opts.term ?? 'xterm-256color', cols: opts.cols, rows: opts.rows }, (err, ch) =>
        err ? reject(this.channelError(err, 'shell')) : resolve(ch),
      );
    });
    return Object.assign(channel, {
      resize: (cols: number, rows: number) => void channel.setWindow(rows, cols, 0, 0),
    });
  }

  // ---- internals ----

  private live(): Client {
    return this.liveSession().target;
  }

  private liveSession(): Session {
    if (this.current.state !== 'online' || !this.session) {
      throw new SshOfflineError(this.label, this.current.state, { cause: this.current.error });
    }
    return this.session;
  }

  private channelError(err: Error, what: string): SshError {
    if (this.current.state !== 'online') return new SshOfflineError(this.label, this.current.state, { cause: err });
    return new SshError('SSH_CHANNEL', `${what} on ${this.label} failed: ${err.message}`, { cause: err });
  }

  private setState(state: SshState, error: SshError | null): void {
    const same = this.current.state === state;
    if (same && error === this.current.error) return;
    this.current = { state, since: same ? this.current.since : new Date(), error };
    this.emit('state', this.current);
  }

  /** Resolve target and jump hosts through ssh_config (explicit options win). */
  private resolveTargets(): void {
    const o = this.opts;
    const config: SshConfig =
      o.configFile === null ? { directives: [], hostLines: [] } : loadSshConfig(...(o.configFile ? [o.configFile] : []));
    const target = resolveSshHost(config, o.host, localResolveEnv({ user: o.user, port: o.port }));
    const viaFiles = o.via?.hops?.at(-1)?.identityFiles ?? [];
    const targetHop: Hop = {
      hostName: target.hostName,
      port: target.port,
      user: target.user,
      identityFiles: o.identityFiles ?? (target.identityFilesConfigured ? target.identityFiles : [...target.identityFiles, ...viaFiles]),
      identitiesOnly: o.identitiesOnly ?? target.identitiesOnly,
    };
    const jumps: SshEndpoint[] = (o.jump === undefined ? target.proxyJump : [o.jump].flat().flatMap(toEndpoints)).map(
      (j) => ({ ...j }),
    );
    const jumpHops = jumps.map((j): Hop => {
      const r = resolveSshHost(config, j.host, localResolveEnv({ user: j.user, port: j.port }));
      // A jump host without its own IdentityFile also gets the target's explicit keys (one key for a lab).
      const files = j.identityFiles ?? (r.identityFilesConfigured ? r.identityFiles : [...(o.identityFiles ?? []), ...r.identityFiles]);
      return {
        hostName: r.hostName,
        port: r.port,
        user: r.user,
        identityFiles: files,
        identitiesOnly: j.identitiesOnly ?? r.identitiesOnly,
      };
    });
    this.hops = [...jumpHops, targetHop];
    this.knownHosts = new KnownHosts(
      o.knownHostsFile
        ? { file: o.knownHostsFile, hashHostNames: target.hashKnownHosts }
        : {
            file: target.userKnownHostsFiles[0]!,
            extraFiles: [...target.userKnownHostsFiles.slice(1), '/etc/ssh/ssh_known_hosts'],
            hashHostNames: target.hashKnownHosts,
          },
    );
  }

  /** Connect every hop, each over a channel forwarded by the previous one. */
  private async establish(): Promise<Session> {
    const hops = this.hops!;
    const clients: Client[] = [];
    try {
      for (const [i, hop] of hops.entries()) {
        const prev = clients[i - 1];
        const sock = prev
          ? await forwardThrough((h, p) => forwardOutOn(prev, h, p), hop, hopLabel(hops[i - 1]!))
          : this.opts.via
            ? await forwardThrough((h, p) => this.opts.via!.forwardOut(h, p), hop, this.opts.via.label)
            : undefined;
        clients.push(await this.connectHop(hop, sock));
      }
    } catch (err) {
      endAll(clients);
      throw err;
    }
    return { clients, target: clients.at(-1)!, libvirtProbe: null };
  }

  private connectHop(hop: Hop, sock: Duplex | undefined): Promise<Client> {
    const label = hopLabel(hop);
    const client = new (ssh2().Client)();
    const timeoutMs = this.opts.readyTimeoutMs ?? 20_000;
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
        agent: this.opts.agent ?? process.env.SSH_AUTH_SOCK,
        identityFiles: hop.identityFiles,
        identitiesOnly: hop.identitiesOnly,
        askPassphrase: this.opts.askPassphrase,
        askPassword: this.opts.askPassword,
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
        resolve(client);
      });

      const knownTypes = this.knownHosts!.knownKeyTypes(hop.hostName, hop.port).flatMap((t) => HOST_KEY_ALGORITHMS[t] ?? [t]);
      const config: ConnectConfig = {
        ...(sock ? { sock } : { host: hop.hostName }),
        port: hop.port,
        username: hop.user,
        readyTimeout: 0, // our own timer, which pauses during prompts
        keepaliveInterval: this.opts.keepaliveIntervalMs ?? 15_000,
        keepaliveCountMax: this.opts.keepaliveCountMax ?? 3,
        authHandler: auth.handler,
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          this.checkHostKey(hop, key, onPrompt).then(
            () => verify(true),
            (err: unknown) => {
              hostKeyError = asSshError(err, label);
              verify(false);
            },
          );
        },
        // Ask first for a key type known_hosts can check, so a known host is not mistaken for a new one.
        ...(knownTypes.length > 0 ? { algorithms: { serverHostKey: { prepend: knownTypes } } as ConnectConfig['algorithms'] } : {}),
      };
      arm();
      client.connect(config);
      if (!sock) client.setNoDelay(true);
    });
  }

  /** Resolves when the key may be used; throws the typed refusal otherwise. Never connects unverified. */
  private async checkHostKey(hop: Hop, key: Buffer, onPrompt: (active: boolean) => void): Promise<void> {
    const kh = this.knownHosts!;
    const label = hopLabel(hop);
    const result = kh.verify(key, hop.hostName, hop.port);
    const seen = { host: hop.hostName, port: hop.port, keyType: keyTypeOfBlob(key), fingerprint: fingerprintSha256(key) };
    switch (result.status) {
      case 'known':
        this.opts.onHostKeyVerified?.(seen);
        return;
      case 'revoked':
        throw new SshHostKeyRejectedError(label, result.fingerprint, result.keyType, 'revoked', result);
      case 'changed':
        throw new SshHostKeyChangedError(
          label,
          result.fingerprint,
          result.keyType,
          result.expectedFingerprints,
          result.file,
          result.line,
        );
      case 'unknown': {
        onPrompt(true);
        let accepted: boolean;
        try {
          accepted = await this.opts.onUnknownHostKey(seen);
        } finally {
          onPrompt(false);
        }
        if (!accepted) throw new SshHostKeyRejectedError(label, result.fingerprint, result.keyType, 'declined');
        await kh.append(hop.hostName, hop.port, key);
        this.opts.onHostKeyVerified?.(seen);
      }
    }
  }

  private adopt(session: Session): void {
    this.session = session;
    for (const client of session.clients) {
      client.on('close', () => this.dropped(session));
    }
    this.setState('online', null);
  }

  private dropped(session: Session): void {
    if (this.session !== session) return;
    this.session = null;
    endAll(session.clients);
    const error = new SshOfflineError(this.label, 'disconnected');
    if (this.opts.reconnect === false) {
      this.setState('offline', error);
      return;
    }
    this.setState('reconnecting', error);
    this.scheduleReconnect(0);
  }

  private scheduleReconnect(attempt: number): void {
    const generation = this.generation;
    const delay = backoffDelay(attempt, this.opts.reconnect || DEFAULT_BACKOFF);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.establish().then(
        (session) => {
          if (generation !== this.generation) return endAll(session.clients);
          this.adopt(session);
        },
        (err: unknown) => {
          if (generation !== this.generation) return;
          const error = asSshError(err, this.label);
          if (isFinal(error)) {
            this.setState('offline', error);
          } else {
            this.setState('reconnecting', error);
            this.scheduleReconnect(attempt + 1);
          }
        },
      );
    }, delay);
  }

  private clearReconnectTimer(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }
}

function toEndpoints(jump: SshJump): SshEndpoint[] {
  return typeof jump === 'string' ? parseProxyJump(jump) : [jump];
}

function endAll(clients: Client[]): void {
  for (const c of [...clients].reverse()) c.end();
}

/** A channel to the hop's host:port, used as the socket of the next ssh2 Client. */
async function forwardThrough(
  open: (host: string, port: number) => Promise<Duplex>,
  hop: Hop,
  viaLabel: string,
): Promise<Duplex> {
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
