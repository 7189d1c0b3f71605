// A scripted libvirtd stand-in on one end of an in-memory duplex pair. Tests read the packets the
// client sent and write exactly the packets a real daemon would.
import { duplexPair, type Duplex } from 'node:stream';
import { encodePacket, PacketDecoder, type Packet, type PacketHeader } from '../../../electron/libvirt/rpc/packet.js';
import {
  KEEPALIVE_PROGRAM,
  MessageStatus,
  MessageType,
  Proc,
  REMOTE_PROGRAM,
  writeRemoteError,
  type RemoteError,
} from '../../../electron/libvirt/protocol/index.js';
import { XdrWriter } from '../../../electron/libvirt/xdr/index.js';
import { LibvirtConnection, type OpenOptions } from '../../../electron/libvirt/connection.js';

export function xdr(enc: (w: XdrWriter) => void): Buffer {
  const w = new XdrWriter();
  enc(w);
  return Buffer.from(w.finish());
}

export class FakeDaemon {
  readonly client: Duplex;
  readonly server: Duplex;
  private readonly queue: Packet[] = [];
  private readonly waiters: Array<(p: Packet) => void> = [];
  private readonly decoder = new PacketDecoder();

  constructor() {
    [this.client, this.server] = duplexPair();
    this.server.on('data', (chunk: Buffer) => {
      for (const p of this.decoder.push(chunk)) {
        const w = this.waiters.shift();
        if (w) w(p);
        else this.queue.push(p);
      }
    });
  }

  /** The next packet the client sent. */
  next(): Promise<Packet> {
    const p = this.queue.shift();
    if (p) return Promise.resolve(p);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Next packet that is not keepalive traffic. */
  async nextCall(): Promise<Packet> {
    for (;;) {
      const p = await this.next();
      if (p.header.prog !== KEEPALIVE_PROGRAM) return p;
    }
  }

  send(h: Partial<PacketHeader> & Pick<PacketHeader, 'proc' | 'type'>, body?: Buffer): void {
    this.server.write(encodePacket({ prog: REMOTE_PROGRAM, vers: 1, serial: 0, status: 0, ...h }, body));
  }

  reply(call: Packet, body: Buffer = Buffer.alloc(0)): void {
    this.send({ proc: call.header.proc, type: MessageType.REPLY, serial: call.header.serial }, body);
  }

  replyError(call: Packet, e: Partial<RemoteError> & { code: number; message: string }): void {
    this.send(
      { proc: call.header.proc, type: MessageType.REPLY, serial: call.header.serial, status: MessageStatus.ERROR },
      xdr((w) =>
        writeRemoteError(w, { domain: 10, level: 2, str1: null, str2: null, str3: null, int1: -1, int2: -1, ...e }),
      ),
    );
  }

  stream(call: Packet, status: number, body: Buffer = Buffer.alloc(0)): void {
    this.send({ proc: call.header.proc, type: MessageType.STREAM, serial: call.header.serial, status }, body);
  }

  event(proc: number, body: Buffer): void {
    this.send({ proc, type: MessageType.MESSAGE }, body);
  }

  /** Answers the opening handshake and returns the open connection. */
  async open(opts?: OpenOptions, keepalive = true): Promise<LibvirtConnection> {
    const opening = LibvirtConnection.open(this.client, opts);
    const auth = await this.nextCall();
    this.reply(auth, xdr((w) => w.array([0], (x, v) => void x.int(v))));
    const feature = await this.nextCall();
    this.reply(feature, xdr((w) => w.int(keepalive ? 1 : 0)));
    const open = await this.nextCall();
    this.reply(open);
    if (auth.header.proc !== Proc.AUTH_LIST || feature.header.proc !== Proc.CONNECT_SUPPORTS_FEATURE || open.header.proc !== Proc.CONNECT_OPEN) {
      throw new Error('unexpected handshake');
    }
    return opening;
  }
}
