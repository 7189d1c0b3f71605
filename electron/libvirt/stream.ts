// A libvirt data stream (volume upload/download, console) as a Node Duplex.
// Protocol: data travels as STREAM/CONTINUE packets; the sender of the last byte ends with
// STREAM/OK (or, for the daemon, an empty CONTINUE which we answer with OK) and the other side
// confirms with OK; STREAM/ERROR aborts.
import { Duplex, type DuplexOptions } from 'node:stream';
import { MessageStatus, STREAM_CHUNK_SIZE } from './protocol/constants.js';
import { readRemoteError } from './protocol/structs.js';
import { XdrReader } from './xdr/index.js';
import { LibvirtError, LibvirtProtocolError } from './errors.js';
import type { StreamPort, StreamSink } from './rpc/client.js';

/** 'read': daemon → us (download); 'write': us → daemon (upload); 'duplex': both (console). */
export type StreamMode = 'read' | 'write' | 'duplex';

type State =
  | 'open'
  /** We sent OK and wait for the daemon's OK. */
  | 'finishing'
  | 'done'
  /** We sent ERROR and wait for the daemon to confirm. */
  | 'aborting';

export class LibvirtStream extends Duplex implements StreamSink {
  private port: StreamPort | undefined;
  private state: State = 'open';
  private onFinished: ((err?: Error) => void) | undefined;

  constructor(readonly mode: StreamMode) {
    // `readable`/`writable` are real Duplex options (a one-way stream then ends with its only side),
    // missing from @types/node's DuplexOptions.
    const options: DuplexOptions & { readable: boolean; writable: boolean } = {
      readable: mode !== 'write',
      writable: mode !== 'read',
      allowHalfOpen: true,
    };
    super(options);
  }

  /** Called by the RPC engine when the opening call is sent. */
  attach(port: StreamPort): this {
    this.port = port;
    return this;
  }

  /** Upload end handshake: ends the writable side and resolves once the daemon confirmed. */
  finish(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.writableFinished) return resolve();
      this.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
  }

  /** Stops the transfer: tells the daemon (STREAM/ERROR) and destroys this stream. */
  abort(): void {
    this.destroy();
  }

  // --- StreamSink (engine → stream) ---

  streamPacket(status: number, body: Buffer): void {
    if (this.state === 'aborting') {
      if (status !== MessageStatus.CONTINUE) this.release();
      return;
    }
    if (status === MessageStatus.CONTINUE) {
      if (body.length > 0) {
        if (this.readable && !this.push(body)) this.port?.pause();
        return;
      }
      // Empty CONTINUE: the daemon has no more data; answer OK and wait for its confirmation.
      this.state = 'finishing';
      this.onFinished = (err) => (err ? this.destroy(err) : this.push(null));
      this.port?.send(MessageStatus.OK).catch((err: Error) => this.destroy(err));
      return;
    }
    if (status === MessageStatus.OK) {
      const waiting = this.onFinished;
      this.onFinished = undefined;
      this.state = 'done';
      this.release();
      if (waiting) waiting();
      else if (this.readable) this.push(null); // daemon closed on its own (e.g. console of a stopped guest)
      return;
    }
    this.state = 'done';
    this.release();
    const err = decodeStreamError(body);
    const waiting = this.onFinished;
    this.onFinished = undefined;
    if (waiting) waiting(err);
    else this.destroy(err);
  }

  connectionClosed(err: Error): void {
    this.port = undefined;
    if (this.state === 'done') return;
    this.state = 'done';
    const waiting = this.onFinished;
    this.onFinished = undefined;
    if (waiting) waiting(err);
    else this.destroy(err);
  }

  // --- Duplex implementation ---

  override _read(): void {
    this.port?.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.sendData(chunk).then(() => cb(), cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (this.mode === 'read' || this.state !== 'open') return cb();
    this.state = 'finishing';
    this.onFinished = (err) => cb(err);
    this.port?.send(MessageStatus.OK).catch((err: Error) => this.connectionClosed(err));
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (this.state === 'open' || this.state === 'finishing') {
      // Abort: the daemon answers ERROR ("aborted at client request"); release on that answer.
      this.state = 'aborting';
      this.onFinished = undefined;
      this.port?.send(MessageStatus.ERROR).catch(() => this.release());
    }
    cb(err);
  }

  private async sendData(chunk: Buffer): Promise<void> {
    if (this.state !== 'open' || !this.port) throw new LibvirtProtocolError(`stream is ${this.state}`);
    for (let at = 0; at < chunk.length; at += STREAM_CHUNK_SIZE) {
      await this.port.send(MessageStatus.CONTINUE, chunk.subarray(at, at + STREAM_CHUNK_SIZE));
    }
  }

  private release(): void {
    this.port?.release();
    this.port = undefined;
  }
}

function decodeStreamError(body: Buffer): Error {
  try {
    return new LibvirtError(readRemoteError(new XdrReader(body)));
  } catch {
    return new LibvirtProtocolError('stream aborted by the daemon without error details');
  }
}
