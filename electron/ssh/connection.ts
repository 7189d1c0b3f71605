// One SSH connection per host (ssh2 Client), through optional ProxyJump hops, carrying everything for that host:
// exec with safe argv, the libvirt byte stream, TCP/unix forwards and SFTP (channels.ts). This file keeps the
// state and the reconnect with backoff when the link drops; hops.ts finds and connects the way there.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { ClientChannel, SFTPWrapper } from 'ssh2';
import type { SshIgnoredSetting } from '../../shared/model/host.js';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import {
  execCollect,
  forwardTcp,
  forwardUnix,
  openLibvirtChannel,
  openSftp,
  openShell,
  probeLibvirt,
  spawnArgv,
  type ChannelContext,
  type LibvirtChannel,
} from './channels.js';
import type {
  ExecOptions,
  ExecResult,
  ShellOptions,
  SshConnectionOptions,
  SshShell,
  SshState,
  SshStateChange,
} from './connection-types.js';
import { SshAuthError, SshError, SshHostKeyChangedError, SshHostKeyRejectedError, SshOfflineError } from './errors.js';
import { asSshError, connectRoute, endAll, hopLabel, resolveRoute, type Client, type Route } from './hops.js';
import type { LibvirtChannelKind, LibvirtProbe } from './libvirt-transport.js';

export type * from './connection-types.js';

/** A live set of clients: jump hops first, the target last. */
interface Session {
  clients: Client[];
  target: Client;
  libvirtProbe: Promise<LibvirtProbe> | null;
}

function isFinal(err: unknown): boolean {
  return err instanceof SshAuthError || err instanceof SshHostKeyChangedError || err instanceof SshHostKeyRejectedError;
}

export class SshConnection extends EventEmitter<{ state: [SshStateChange] }> {
  private readonly opts: SshConnectionOptions;
  private current: SshStateChange = { state: 'offline', since: new Date(), error: null };
  private session: Session | null = null;
  private pending: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** Bumped by close(): attempts started before it throw their result away. */
  private generation = 0;
  private route: Route | null = null;
  private lastLibvirt: LibvirtChannel | null = null;
  /** Accounts whose last password was refused: the next question says so, even after a reconnect. */
  private readonly refusedPasswords = new Set<string>();

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
    const target = this.route?.hops.at(-1);
    return target ? hopLabel(target) : this.opts.host;
  }
  /** Key files the target is tried with, once resolved (a guest reached `via` this connection tries them too). */
  get identityFiles(): readonly string[] {
    return this.route?.hops.at(-1)?.identityFiles ?? [];
  }
  /** ssh_config settings and known_hosts markers in effect that VirtDeck does not apply (once resolved). */
  get ignoredSettings(): readonly SshIgnoredSetting[] {
    return this.route?.ignored ?? [];
  }
  /** How the last libvirt channel reached the daemon. */
  get libvirtChannelKind(): LibvirtChannelKind | undefined {
    return this.lastLibvirt?.kind;
  }
  /** Why the last libvirt channel may have failed: the socket error and the helper's stderr, if any. */
  get libvirtDiagnostics(): string {
    return this.lastLibvirt?.diagnostics() ?? '';
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
        this.route = resolveRoute(this.opts);
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
    return execCollect(this.channelContext(), argv, opts);
  }

  /** Start argv on the host and return its channel (stdout = the channel, stderr = channel.stderr). */
  async spawn(argv: readonly string[]): Promise<ClientChannel> {
    return spawnArgv(this.channelContext(), argv);
  }

  /** A TCP connection made by the host to host:port (e.g. a VNC port on the host's loopback). */
  async forwardOut(host: string, port: number): Promise<Duplex> {
    return forwardTcp(this.channelContext(), host, port);
  }

  /** A connection made by the host to a unix socket on it (OpenSSH direct-streamlocal). */
  async forwardStreamLocal(path: string): Promise<Duplex> {
    return forwardUnix(this.channelContext(), path);
  }

  async sftp(): Promise<SFTPWrapper> {
    return openSftp(this.channelContext());
  }

  /** An interactive shell with a pty (e.g. a guest reached with `via`). */
  async shell(opts: ShellOptions): Promise<SshShell> {
    return openShell(this.channelContext(), opts);
  }

  /**
   * The byte stream to libvirtd for `uri`: a streamlocal channel to the system socket when it accepts, else
   * virt-ssh-helper, else `nc -U` (the host is probed once per connection); `libvirtChannelKind` tells the choice.
   */
  async openLibvirtChannel(uri = 'qemu:///system', readOnly = false, method: 'auto' | 'virt-ssh-helper' = 'auto'): Promise<Duplex> {
    const ctx = this.channelContext();
    const session = this.session!;
    const probe = (): Promise<LibvirtProbe> => {
      session.libvirtProbe ??= probeLibvirt(ctx).catch((err: unknown) => {
        session.libvirtProbe = null;
        throw err;
      });
      return session.libvirtProbe;
    };
    const opened = await openLibvirtChannel(ctx, probe, uri, readOnly, method);
    this.lastLibvirt = opened;
    return opened.channel;
  }

  // ---- internals ----

  /** The live target client and how its failures read; throws SshOfflineError at once when not online. */
  private channelContext(): ChannelContext {
    if (this.current.state !== 'online' || !this.session) {
      throw new SshOfflineError(this.label, this.current.state, { cause: this.current.error });
    }
    return {
      client: this.session.target,
      label: this.label,
      failed: (err, what) =>
        this.current.state !== 'online'
          ? new SshOfflineError(this.label, this.current.state, { cause: err })
          : new SshError('SSH_CHANNEL', `${what} on ${this.label} failed: ${err.message}`, { cause: err }),
      lost: () => new SshOfflineError(this.label, 'disconnected', { cause: this.current.error }),
    };
  }

  private setState(state: SshState, error: SshError | null): void {
    const same = this.current.state === state;
    if (same && error === this.current.error) return;
    this.current = { state, since: same ? this.current.since : new Date(), error };
    this.emit('state', this.current);
  }

  private async establish(): Promise<Session> {
    const clients = await connectRoute(this.route!, this.opts, this.refusedPasswords);
    return { clients, target: clients.at(-1)!, libvirtProbe: null };
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
