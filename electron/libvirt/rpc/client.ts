// RPC engine over one duplex transport: calls matched to replies by serial, event messages,
// stream packets routed to their stream, keepalive. Knows packets, not procedures.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import {
  KEEPALIVE_PROGRAM,
  KEEPALIVE_PROTOCOL_VERSION,
  KeepaliveProc,
  MessageStatus,
  MessageType,
} from '../protocol/constants.js';
import { readRemoteError } from '../protocol/structs.js';
import { XdrReader } from '../xdr/index.js';
import { procName } from '../protocol/procedures.js';
import {
  LibvirtBadReplyError,
  LibvirtCallTimeoutError,
  LibvirtConnectionClosedError,
  LibvirtError,
  LibvirtProtocolError,
} from '../errors.js';
import { encodePacket, PacketDecoder, type Packet, type PacketHeader } from './packet.js';
import { Keepalive } from './keepalive.js';

/** What a stream receives from the engine. */
export interface StreamSink {
  streamPacket(status: number, body: Buffer): void;
  connectionClosed(err: Error): void;
}

/** What a stream uses to talk back through the engine. */
export interface StreamPort {
  /** Sends one stream packet; resolves once the transport accepted it (waits for 'drain' when full). */
  send(status: number, body?: Uint8Array): Promise<void>;
  /** Stops reading the transport until resume() (backpressure from a slow reader). */
  pause(): void;
  resume(): void;
  /** Forgets the stream: later packets with its serial are dropped. */
  release(): void;
}

interface PendingCall {
  proc: number;
  prog: number;
  resolve(body: Buffer): void;
  reject(err: Error): void;
  timer?: NodeJS.Timeout;
}

export interface CallOptions {
  /** Another program of the same daemon (e.g. libvirt-qemu's agent command) on this connection. */
  program?: { prog: number; vers: number };
  /** Fails the call with LibvirtCallTimeoutError when no reply came within this many ms; 0 or absent: no limit. */
  timeoutMs?: number;
}

export interface RpcClientEvents {
  /** An asynchronous message (event) of the program. */
  message: [proc: number, body: Buffer];
  /** The connection ended; err is undefined after a requested close. */
  close: [err: Error | undefined];
}

export class RpcClient extends EventEmitter<RpcClientEvents> {
  private nextSerial = 1;
  private readonly pending = new Map<number, PendingCall>();
  private readonly streams = new Map<number, StreamSink>();
  private readonly decoder = new PacketDecoder();
  private readonly drainWaiters: Array<{ resolve(): void; reject(err: Error): void }> = [];
  private keepalive: Keepalive | undefined;
  private pausedBy = new Set<StreamPort>();
  private closedError: Error | undefined;
  /** Packets written in this tick, not yet handed to the transport (see write). */
  private outbox: Buffer[] = [];

  constructor(
    private readonly transport: Duplex,
    private readonly prog: number,
    private readonly vers: number,
  ) {
    super();
    transport.on('data', (chunk: Buffer) => this.onData(chunk));
    transport.on('drain', () => this.drainWaiters.splice(0).forEach((w) => w.resolve()));
    transport.on('end', () => this.shutdown(new LibvirtConnectionClosedError('connection closed by peer')));
    transport.on('close', () => this.shutdown(new LibvirtConnectionClosedError('transport closed')));
    transport.on('error', (err: Error) =>
      this.shutdown(new LibvirtConnectionClosedError(`transport error: ${err.message}`, { cause: err })),
    );
  }

  get closed(): boolean {
    return this.closedError !== undefined;
  }

  /**
   * Sends a call; resolves with the reply payload or rejects with LibvirtError, LibvirtCallTimeoutError or
   * LibvirtConnectionClosedError. A reply that comes after the timeout is dropped.
   */
  call(proc: number, args?: Uint8Array, opts: CallOptions = {}): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      if (this.closedError) return reject(this.closedError);
      const prog = opts.program?.prog ?? this.prog;
      const serial = this.allocSerial();
      // Written before it is registered: a packet over the size limit throws here (rejecting) and leaves nothing pending.
      this.write({ prog, vers: opts.program?.vers ?? this.vers, proc, type: MessageType.CALL, serial, status: MessageStatus.OK }, args);
      const call: PendingCall = { proc, prog, resolve, reject };
      const ms = opts.timeoutMs;
      if (ms) call.timer = setTimeout(() => this.timedOut(serial, call, ms), ms).unref();
      this.pending.set(serial, call);
    });
  }

  /**
   * Sends a call that opens a stream. The sink is registered before the call goes out, so stream
   * packets following the reply closely are never lost.
   */
  async callWithStream(proc: number, args: Uint8Array, attach: (port: StreamPort) => StreamSink): Promise<Buffer> {
    if (this.closedError) throw this.closedError;
    const serial = this.allocSerial();
    const header: PacketHeader = { prog: this.prog, vers: this.vers, proc, type: MessageType.STREAM, serial, status: 0 };
    const port: StreamPort = {
      send: (status, body) => this.sendStreamPacket({ ...header, status }, body),
      pause: () => this.pauseFor(port),
      resume: () => this.resumeFor(port),
      release: () => {
        this.resumeFor(port);
        this.streams.delete(serial);
      },
    };
    this.streams.set(serial, attach(port));
    try {
      return await new Promise<Buffer>((resolve, reject) => {
        this.write({ ...header, type: MessageType.CALL, status: MessageStatus.OK }, args);
        this.pending.set(serial, { proc, prog: this.prog, resolve, reject });
      });
    } catch (err) {
      port.release();
      throw err;
    }
  }

  startKeepalive(intervalMs: number, count: number): void {
    this.keepalive?.stop();
    this.keepalive = new Keepalive({
      intervalMs,
      count,
      sendPing: () => this.sendKeepalive(KeepaliveProc.PING),
      onDead: () =>
        this.shutdown(
          new LibvirtConnectionClosedError(`no keepalive response after ${count} pings every ${intervalMs} ms`),
        ),
      isPaused: () => this.pausedBy.size > 0,
    });
    this.keepalive.start();
  }

  /** Closes without error: pending calls reject with LibvirtConnectionClosedError, 'close' gets no error. */
  close(): void {
    this.shutdown(new LibvirtConnectionClosedError('connection closed'), false);
  }

  private allocSerial(): number {
    const s = this.nextSerial;
    this.nextSerial = s >= 0xffff_ffff ? 1 : s + 1;
    return s;
  }

  /**
   * Queues a packet; the packets of one tick leave in one transport write: calls made together (a VM's four
   * questions, a host's event subscriptions) then cost one SSH packet and one TCP segment, not one each.
   */
  private write(h: PacketHeader, body?: Uint8Array): void {
    if (this.outbox.push(encodePacket(h, body)) === 1) process.nextTick(() => this.flush());
  }

  /** Hands the queued packets to the transport; false when it is full (wait for 'drain'). */
  private flush(): boolean {
    const packets = this.outbox;
    this.outbox = [];
    if (packets.length === 0 || this.closedError) return true;
    return this.transport.write(packets.length === 1 ? packets[0] : Buffer.concat(packets));
  }

  private async sendStreamPacket(h: PacketHeader, body?: Uint8Array): Promise<void> {
    if (this.closedError) throw this.closedError;
    this.write(h, body);
    // Stream data is flushed at once (after the calls queued before it) so that backpressure reaches the sender.
    if (this.flush()) return;
    await new Promise<void>((resolve, reject) => this.drainWaiters.push({ resolve, reject }));
  }

  private sendKeepalive(proc: number): void {
    if (this.closedError) return;
    this.write({
      prog: KEEPALIVE_PROGRAM,
      vers: KEEPALIVE_PROTOCOL_VERSION,
      proc,
      type: MessageType.MESSAGE,
      serial: 0,
      status: MessageStatus.OK,
    });
  }

  private pauseFor(port: StreamPort): void {
    if (this.pausedBy.size === 0) this.transport.pause();
    this.pausedBy.add(port);
  }

  private resumeFor(port: StreamPort): void {
    if (this.pausedBy.delete(port) && this.pausedBy.size === 0 && !this.closedError) this.transport.resume();
  }

  private onData(chunk: Buffer): void {
    let packets: Packet[];
    try {
      packets = this.decoder.push(chunk);
    } catch (err) {
      this.shutdown(err instanceof Error ? err : new LibvirtProtocolError(String(err)));
      return;
    }
    this.keepalive?.received();
    for (const p of packets) {
      if (this.closedError) return;
      this.dispatch(p);
    }
  }

  private dispatch({ header: h, body }: Packet): void {
    if (h.prog === KEEPALIVE_PROGRAM) {
      if (h.proc === KeepaliveProc.PING) this.sendKeepalive(KeepaliveProc.PONG);
      return;
    }
    // Replies to calls of another program (see call) are matched by serial like our own.
    if (h.prog !== this.prog && h.type !== MessageType.REPLY) return;
    switch (h.type) {
      case MessageType.REPLY:
        return this.settle(h, body);
      case MessageType.MESSAGE:
        this.emit('message', h.proc, body);
        return;
      case MessageType.STREAM:
        this.streams.get(h.serial)?.streamPacket(h.status, body);
        return;
      default:
        return; // STREAM_HOLE and fd-passing types are never requested by us.
    }
  }

  private settle(h: PacketHeader, body: Buffer): void {
    const call = this.pending.get(h.serial);
    if (!call) return;
    this.pending.delete(h.serial);
    clearTimeout(call.timer);
    if (h.status === MessageStatus.OK) return call.resolve(body);
    try {
      call.reject(new LibvirtError(readRemoteError(new XdrReader(body)), call.proc));
    } catch (err) {
      const what = `undecodable error reply to ${procName(call.proc, call.prog)}`;
      call.reject(new LibvirtBadReplyError(call.proc, `${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err }));
    }
  }

  private timedOut(serial: number, call: PendingCall, ms: number): void {
    if (this.pending.get(serial) !== call) return;
    this.pending.delete(serial);
    const message = `libvirt call ${procName(call.proc, call.prog)} got no reply within ${ms / 1000} s (the host may still carry it out)`;
    call.reject(new LibvirtCallTimeoutError(call.proc, ms, message));
  }

  private shutdown(err: Error, report = true): void {
    if (this.closedError) return;
    this.closedError = err instanceof LibvirtConnectionClosedError ? err : new LibvirtConnectionClosedError(err.message, { cause: err });
    this.keepalive?.stop();
    for (const call of this.pending.values()) {
      clearTimeout(call.timer);
      call.reject(this.closedError);
    }
    this.pending.clear();
    for (const sink of this.streams.values()) sink.connectionClosed(this.closedError);
    this.streams.clear();
    for (const w of this.drainWaiters.splice(0)) w.reject(this.closedError);
    this.transport.destroy();
    this.emit('close', report ? this.closedError : undefined);
  }
}
