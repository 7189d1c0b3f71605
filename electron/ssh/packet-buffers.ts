// Reused buffers for large outgoing SSH packets. ssh2 allocates a fresh buffer for every packet it sends (about 6,400
// of 32 KiB per 200 MiB uploaded) and the garbage collector frees each one later: measured here, a quarter to a third
// of the CPU the app spends on an upload. For the AES-GCM cipher (ssh2's first choice on x86), a packet of 16 KiB or
// more takes a buffer from a small pool instead, laid out as ssh2 lays it out; a buffer goes back to the pool only when
// the socket reports that very buffer written (the kernel has copied it). A buffer the socket never reports (a closed
// socket, a failed write, a cipher that writes a copy) is simply never reused. ssh2 has no option for this, so the
// cipher's allocPacket and the socket's write are wrapped, and each cipher a key exchange installs is wrapped again.
import { randomFillSync } from 'node:crypto';
import type { Socket } from 'node:net';

/** Smaller packets come out of Node's own shared buffer pool already. */
const MIN_POOLED = 16 * 1024;
/** Free buffers kept per packet size: an SSH window's worth (2 MiB) of 32 KiB packets. */
const MAX_FREE = 64;
/** ssh2's cipher class whose packet layout this file reproduces (checked against ssh2's own before use). */
const AES_GCM_CLASS = 'AESGCMCipherBinding';

interface Cipher {
  allocPacket(payloadLen: number): Buffer;
}

/** Random bytes for the packets' padding, drawn from a buffer refilled 64 KiB at a time (one call instead of one per packet). */
class RandomBytes {
  private buf = Buffer.alloc(0);
  private pos = 0;

  fill(into: Buffer, offset: number, length: number): void {
    if (this.pos + length > this.buf.length) {
      this.buf = randomFillSync(Buffer.allocUnsafe(64 * 1024));
      this.pos = 0;
    }
    this.buf.copy(into, offset, this.pos, this.pos + length);
    this.pos += length;
  }
}

/** SSH packet layout of an AEAD cipher: length, padding length, payload, 4–19 bytes of padding to a multiple of 16, tag. */
function layout(payloadLen: number): { pktLen: number; padLen: number; size: number } {
  let pktLen = 4 + 1 + payloadLen;
  let padLen = 16 - ((pktLen - 4) & 15);
  if (padLen < 4) padLen += 16;
  pktLen += padLen;
  return { pktLen, padLen, size: pktLen + 16 };
}

/** Whether ssh2's own allocPacket lays a packet out as layout() says (so a future ssh2 that changes it is left alone). */
function sameLayout(original: (payloadLen: number) => Buffer): boolean {
  const payloadLen = 32 * 1024 + 9;
  const theirs = original(payloadLen);
  const ours = layout(payloadLen);
  return theirs.length === ours.size && theirs.readUInt32BE(0) === ours.pktLen - 4 && theirs[4] === ours.padLen;
}

export function reusePacketBuffers(client: object): void {
  const c = client as { _protocol?: { _cipher?: unknown }; _sock?: Partial<Socket> };
  const protocol = c._protocol;
  const sock = c._sock;
  if (!protocol || !('_cipher' in protocol) || !sock || typeof sock.write !== 'function') return;
  const free = new Map<number, Buffer[]>();
  const lent = new WeakSet<Buffer>();
  const padding = new RandomBytes();
  const wrapped = new WeakSet<object>();

  const wrap = (cipher: unknown): unknown => {
    if (!cipher || typeof cipher !== 'object' || wrapped.has(cipher) || cipher.constructor.name !== AES_GCM_CLASS) return cipher;
    const target = cipher as Cipher;
    if (typeof target.allocPacket !== 'function') return cipher;
    const original = target.allocPacket.bind(target);
    if (!sameLayout(original)) return cipher;
    wrapped.add(cipher);
    target.allocPacket = (payloadLen) => {
      const { pktLen, padLen, size } = layout(payloadLen);
      if (size < MIN_POOLED) return original(payloadLen);
      const packet = free.get(size)?.pop() ?? Buffer.allocUnsafe(size);
      lent.add(packet);
      packet.writeUInt32BE(pktLen - 4, 0);
      packet[4] = padLen;
      padding.fill(packet, 5 + payloadLen, padLen);
      return packet;
    };
    return cipher;
  };

  let cipher = wrap(protocol._cipher);
  Object.defineProperty(protocol, '_cipher', {
    configurable: true,
    enumerable: true,
    get: () => cipher,
    set: (next: unknown) => {
      cipher = wrap(next);
    },
  });

  const giveBack = (packet: Buffer): void => {
    const list = free.get(packet.length) ?? [];
    if (list.length < MAX_FREE) list.push(packet);
    free.set(packet.length, list);
  };
  const write = sock.write.bind(sock) as (...args: unknown[]) => boolean;
  sock.write = ((...args: unknown[]) => {
    const data = args[0];
    if (args.length === 1 && Buffer.isBuffer(data) && lent.has(data)) {
      lent.delete(data);
      return write(data, (err?: Error | null) => {
        if (!err) giveBack(data);
      });
    }
    return write(...args);
  }) as Socket['write'];
}
