// One libvirt connection over a duplex transport: opening handshake and authentication, keepalive, calls, streams
// and event messages. The procedures themselves are data (api.ts); a connection provides them as methods.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { ResourceRef } from '../../shared/model/index.js';
import { XdrReader, XdrWriter } from './xdr/index.js';
import { AuthType, ConnectFlags, DrvFeature, Proc, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, procName } from './protocol/index.js';
import { intBool, none, type Decode } from './protocol/codecs.js';
import { RpcClient, type CallOptions as RpcCallOptions } from './rpc/client.js';
import { LibvirtStream, type StreamMode } from './stream.js';
import { decodeDomainEvent, type DomainEvent } from './events.js';
import { decodeNetworkEvent, decodePoolEvent, type NetworkEvent, type PoolEvent } from './object-events.js';
import { LibvirtBadReplyError, LibvirtConnectionClosedError } from './errors.js';
import { bindApi, type LibvirtApi, type ProcedureCaller } from './api.js';

export interface OpenOptions {
  /** Default 'qemu:///system'. */
  uri?: string;
  /** Idle time before we PING the daemon; default 5000 ms (libvirt's default). */
  keepaliveIntervalMs?: number;
  /** Unanswered PINGs before the connection is declared dead; default 5. */
  keepaliveCount?: number;
  readOnly?: boolean;
  /**
   * A call without a reply after this many ms fails with LibvirtCallTimeoutError; default 60000. Long-running
   * procedures (`long` in the table) and streams have no limit; call() takes a per-call timeoutMs.
   */
  callTimeoutMs?: number;
}

export interface CallOptions<T> {
  /** Overrides the connection's default timeout for this call; 0 = no limit. */
  timeoutMs?: number;
  /** Another program of the daemon (libvirt-qemu). */
  program?: RpcCallOptions['program'];
  /** What a successful call changed, emitted as 'changed'. */
  changes?: (ret: T) => ResourceRef;
}

export interface LibvirtConnectionEvents {
  /** The connection ended; err is undefined after close(). */
  close: [err: Error | undefined];
  'domain-event': [event: DomainEvent];
  'pool-event': [event: PoolEvent];
  'network-event': [event: NetworkEvent];
  /**
   * A call of ours changed something libvirt sends no event for (volumes, autostart flags, snapshots), emitted once
   * the call succeeded. Pool and network lifecycle changes come back as libvirt's own events instead.
   */
  changed: [ref: ResourceRef];
  /** An event message could not be decoded (the connection stays up). */
  'event-error': [err: Error];
}

type Encode = ((w: XdrWriter) => void) | null;

const DEFAULT_CALL_TIMEOUT_MS = 60_000;

/** A call's outcome without throwing (a call sent early whose refusal may not count). */
function settled<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  return p.then((value) => ({ ok: true as const, value }), () => ({ ok: false as const }));
}

/** Decodes one reply; a malformed or over-limit reply fails this call only, with the procedure named. */
function decodeReply<T>(proc: number, body: Buffer, decode: Decode<T>, prog = REMOTE_PROGRAM): T {
  try {
    return decode(new XdrReader(body));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new LibvirtBadReplyError(proc, `the reply to ${procName(proc, prog)} was refused: ${why}`, { cause: err });
  }
}

// The table's methods (LibvirtApi) are installed on each connection by the constructor.
export interface LibvirtConnection extends LibvirtApi {}

export class LibvirtConnection extends EventEmitter<LibvirtConnectionEvents> implements ProcedureCaller {
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly rpc: RpcClient,
    readonly callTimeoutMs: number,
  ) {
    super();
    Object.assign(this, bindApi(this));
    rpc.on('message', (proc, body) => {
      try {
        this.dispatchEvent(proc, body);
      } catch (err) {
        this.emit('event-error', err instanceof Error ? err : new Error(String(err)));
      }
    });
    rpc.on('close', (err) => this.emit('close', err));
  }

  private dispatchEvent(proc: number, body: Buffer): void {
    const domain = decodeDomainEvent(proc, body);
    if (domain) return void this.emit('domain-event', domain);
    const pool = decodePoolEvent(proc, body);
    if (pool) return void this.emit('pool-event', pool);
    const net = decodeNetworkEvent(proc, body);
    if (net) this.emit('network-event', net);
  }

  /**
   * AUTH_LIST, CONNECT_SUPPORTS_FEATURE(keepalive) and CONNECT_OPEN in one round trip, then keepalive if supported.
   * Most daemons ask no authentication (root, or the libvirt group, on the unix socket), so the keepalive question
   * and the open go with the auth list instead of after it. Where the daemon does ask (polkit), it refuses those
   * two ("authentication required") and they are asked again once authenticated.
   */
  static async open(transport: Duplex, opts: OpenOptions = {}): Promise<LibvirtConnection> {
    const rpc = new RpcClient(transport, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION);
    const conn = new LibvirtConnection(rpc, opts.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
    try {
      const uri = opts.uri ?? 'qemu:///system';
      const authTypes = conn.call(Proc.AUTH_LIST, null, (r) => r.array((x) => x.int()));
      const supportsKeepalive = (): Promise<boolean> => conn.call(Proc.CONNECT_SUPPORTS_FEATURE, (w) => w.int(DrvFeature.PROGRAM_KEEPALIVE), intBool);
      const openUri = (): Promise<void> =>
        conn.call(Proc.CONNECT_OPEN, (w) => w.optional(uri, (x, s) => x.string(s)).uint(opts.readOnly ? ConnectFlags.RO : 0), none);
      const early = [settled(supportsKeepalive()), settled(openUri())] as const;
      await conn.authenticate(await authTypes);
      const [keepaliveAnswer, opened] = await Promise.all(early);
      // Each refused early call is asked again (once): a real failure then fails the same way.
      const keepalive = keepaliveAnswer.ok ? keepaliveAnswer.value : await supportsKeepalive();
      if (!opened.ok) await openUri();
      if (keepalive) conn.rpc.startKeepalive(opts.keepaliveIntervalMs ?? 5000, opts.keepaliveCount ?? 5);
      return conn;
    } catch (err) {
      conn.rpc.close();
      throw err;
    }
  }

  private async authenticate(types: number[]): Promise<void> {
    if (types.length === 0 || types.includes(AuthType.NONE)) return;
    if (types.includes(AuthType.POLKIT)) {
      const complete = await this.call(Proc.AUTH_POLKIT, null, intBool);
      if (complete) return;
    }
    throw new Error(`libvirt authentication not supported: daemon offers types [${types.join(', ')}]`);
  }

  get closed(): boolean {
    return this.rpc.closed;
  }

  /** Says goodbye (CONNECT_CLOSE, bounded wait) and closes the transport. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.rpc.closed) return;
      const bye = this.call(Proc.CONNECT_CLOSE, null, none).catch(() => undefined);
      await Promise.race([bye, new Promise((r) => setTimeout(r, 2000).unref())]);
      this.rpc.close();
    })();
    return this.closing;
  }

  /**
   * Generic call: encode args, decode the reply. Throws LibvirtError, LibvirtConnectionClosedError,
   * LibvirtCallTimeoutError, or LibvirtBadReplyError for a reply it cannot decode (the connection stays up).
   */
  async call<T>(proc: number, encodeArgs: Encode, decodeRet: Decode<T>, opts: CallOptions<T> = {}): Promise<T> {
    let args: Buffer | undefined;
    if (encodeArgs) {
      const w = new XdrWriter();
      encodeArgs(w);
      args = w.finish();
    }
    const timeoutMs = opts.timeoutMs ?? this.callTimeoutMs;
    const body = await this.rpc.call(proc, args, { timeoutMs, program: opts.program });
    const ret = decodeReply(proc, body, decodeRet, opts.program?.prog);
    if (opts.changes) this.emit('changed', opts.changes(ret));
    return ret;
  }

  /** Opens a data stream (volume upload/download, console): the opening call, then the stream's packets. */
  async openStream(mode: StreamMode, proc: number, encodeArgs: (w: XdrWriter) => void): Promise<LibvirtStream> {
    if (this.rpc.closed) throw new LibvirtConnectionClosedError('connection closed');
    const w = new XdrWriter();
    encodeArgs(w);
    const stream = new LibvirtStream(mode);
    try {
      await this.rpc.callWithStream(proc, w.finish(), (port) => stream.attach(port));
    } catch (err) {
      stream.destroy();
      throw err;
    }
    return stream;
  }
}
