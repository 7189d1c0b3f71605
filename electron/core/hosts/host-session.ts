// One host's live link: its transport (SSH, or this machine) → libvirt RPC connection, supervised.
// The supervisor reconnects with backoff when the link drops; callers never hang on a dead host:
// `libvirt()` throws a host-offline CoreError at once while the host is not online.
import { EventEmitter } from 'node:events';
import type { HostConfig, HostStatus } from '../../../shared/model/host.js';
import { LibvirtConnection } from '../../libvirt/connection.js';
import { backoffDelay, DEFAULT_BACKOFF } from '../../ssh/backoff.js';
import { SshError } from '../../ssh/errors.js';
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { CoreError, errorReport } from '../errors.js';
import type { CorePrompts } from '../prompts.js';
import { daemonUri, type HostTransport } from './host-transport.js';
import { LocalTransport } from './local-transport.js';
import { SshTransport } from './ssh-transport.js';

/** How long closing waits for libvirt's answer to its goodbye before it cuts the link. */
const CLOSE_GRACE_MS = 5_000;

export interface HostSessionOptions {
  prompts: CorePrompts;
  /** Called with each new libvirt connection before the host is reported online (register events, sync). */
  onConnected(lv: LibvirtConnection): Promise<void>;
  /** Failed attempts after which a reconnecting host is reported offline (it keeps retrying). */
  offlineAfterAttempts?: number;
  keepaliveIntervalMs?: number;
}

export interface HostStatusChange {
  status: HostStatus;
  since: Date;
  error: ErrorReport | null;
}

/** Errors that retrying cannot fix: the user must act (trust a key, fix credentials). */
function isFinal(err: unknown): boolean {
  return (
    err instanceof SshError &&
    (err.code === 'SSH_AUTH' || err.code === 'SSH_HOST_KEY_CHANGED' || err.code === 'SSH_HOST_KEY_REJECTED')
  );
}

/** The one place that tells an SSH host from this machine. */
function createHostTransport(config: HostConfig, prompts: CorePrompts): HostTransport {
  return config.transport === 'local' ? new LocalTransport() : new SshTransport(config, prompts);
}

export class HostSession extends EventEmitter<{ status: [HostStatusChange]; attempt: [number, unknown] }> {
  /** Commands, forwards, files and the libvirt stream of this host. */
  readonly transport: HostTransport;
  private lv: LibvirtConnection | null = null;
  private current: HostStatusChange = { status: 'connecting', since: new Date(), error: null };
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  /** Attempts the supervising loop has begun, and whether its next backoff is skipped (someone waits on it). */
  private attempts = 0;
  private hurry = false;
  /** Transport actually used for libvirt ("virt-ssh-helper", "streamlocal", "nc", "unix"). */
  channelKind: string | null = null;

  constructor(
    readonly config: HostConfig,
    private readonly opts: HostSessionOptions,
  ) {
    super();
    this.transport = createHostTransport(config, opts.prompts);
  }

  get status(): HostStatusChange {
    return this.current;
  }

  /** The live libvirt connection, or a host-offline error right away. */
  libvirt(): LibvirtConnection {
    if (!this.lv || this.lv.closed || this.current.status !== 'online') {
      throw new CoreError('host.offline', { host: this.config.name, since: this.current.since.toISOString() });
    }
    return this.lv;
  }

  /**
   * Connects once and resolves when online; rejects with the first error (used when adding or testing a host).
   * With `supervise`, keeps the link up afterwards, and on a first failure keeps retrying in the background.
   */
  async start(supervise: boolean): Promise<void> {
    if (this.current.status === 'online') return;
    if (this.loop) return this.nextLoopAttempt();
    try {
      await this.connectOnce();
    } catch (err) {
      this.setStatus('offline', errorReport(err));
      if (supervise && !isFinal(err)) this.loop = this.superviseLoop(1);
      throw err;
    }
    if (supervise) this.loop = this.superviseLoop(0);
  }

  /** While the supervising loop owns the link, a second connect beside it would cut the socket of the loop's own
   *  attempt: instead wake the loop and take the outcome of an attempt begun from now on (one already under way may
   *  have begun before the host came back; its success counts, its failure does not). */
  private nextLoopAttempt(): Promise<void> {
    const begunBefore = this.attempts;
    return new Promise((resolve, reject) => {
      const onAttempt = (n: number, err: unknown): void => {
        if (err && n <= begunBefore) {
          this.hurry = true;
          return;
        }
        this.off('attempt', onAttempt);
        if (err) reject(err);
        else resolve();
      };
      this.on('attempt', onAttempt);
      this.hurry = true;
      this.wake?.();
    });
  }

  /** Starts supervision without waiting for the first connection (app start: every known host). */
  startInBackground(): void {
    this.loop = this.superviseLoop(0, true);
  }

  /** Retry now (user pressed "reconnect"). */
  retryNow(): void {
    if (this.loop === null && !this.stopped) this.loop = this.superviseLoop(0, true);
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const lv = this.lv;
    this.lv = null;
    // A link that died without notice (sshd gone, no FIN) would keep libvirt's goodbye waiting for its answer: a few
    // seconds, then the link is cut, which ends every call still waiting on it.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      lv?.close().catch(() => undefined),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS))),
    ]);
    clearTimeout(timer);
    this.transport.close();
    await this.loop?.catch(() => undefined);
  }

  private async connectOnce(): Promise<void> {
    const { stream, kind, diagnostics } = await this.transport.openLibvirt(this.config.uri);
    this.channelKind = kind;
    let lv: LibvirtConnection;
    try {
      lv = await LibvirtConnection.open(stream, {
        uri: daemonUri(this.config.uri),
        keepaliveIntervalMs: this.opts.keepaliveIntervalMs ?? 5_000,
        keepaliveCount: 3,
      });
    } catch (err) {
      const reason = diagnostics().trim().split('\n').pop() || (err instanceof Error ? err.message : String(err));
      throw new CoreError('host.libvirt-unreachable', { host: this.config.name, reason }, { cause: err });
    }
    try {
      await this.opts.onConnected(lv);
    } catch (err) {
      await lv.close().catch(() => undefined);
      throw err;
    }
    this.lv = lv;
    this.setStatus('online', null);
  }

  private async superviseLoop(startAttempt: number, connectFirst = false): Promise<void> {
    let attempt = startAttempt;
    if (!connectFirst) await this.waitForDrop();
    const offlineAfter = this.opts.offlineAfterAttempts ?? 3;
    while (!this.stopped) {
      if (attempt > 0) {
        await this.sleep(backoffDelay(Math.min(attempt - 1, 5), DEFAULT_BACKOFF));
        if (this.stopped) break;
      }
      try {
        if (attempt > 0 && this.current.status !== 'offline') this.setStatus('reconnecting', this.current.error);
        this.attempts++;
        await this.connectOnce();
        this.emit('attempt', this.attempts, null);
        attempt = 0;
        await this.waitForDrop();
      } catch (err) {
        this.emit('attempt', this.attempts, err);
        attempt++;
        const status: HostStatus = isFinal(err) || attempt >= offlineAfter ? 'offline' : 'reconnecting';
        this.setStatus(status, errorReport(err));
        if (isFinal(err)) await this.sleep(Number.POSITIVE_INFINITY); // until retryNow()
      }
    }
    this.loop = null;
    // Stopped: whoever waits on a next attempt (nextLoopAttempt) gets none.
    this.emit('attempt', ++this.attempts, new CoreError('host.offline', { host: this.config.name, since: this.current.since.toISOString() }));
  }

  /** Resolves when the libvirt connection closes (SSH drop, libvirtd stop, keepalive timeout). */
  private waitForDrop(): Promise<void> {
    const lv = this.lv;
    if (!lv || lv.closed) return Promise.resolve();
    return new Promise((resolve) => {
      lv.once('close', (err?: Error) => {
        if (this.lv === lv) this.lv = null;
        if (!this.stopped) this.setStatus('reconnecting', err ? errorReport(err) : report('libvirt.closed', { message: '' }));
        resolve();
      });
    });
  }

  private sleep(ms: number): Promise<void> {
    if (this.hurry) {
      this.hurry = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : null;
      function done(): void {
        if (timer) clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        this.hurry = false;
        done();
      };
    });
  }

  private setStatus(status: HostStatus, error: ErrorReport | null): void {
    if (this.stopped && status !== 'offline') return;
    const same = this.current.status === status;
    this.current = { status, since: same ? this.current.since : new Date(), error };
    this.emit('status', this.current);
  }
}
