// Packet framing: u32 total length (counting itself), six-word header, XDR or raw payload.
import { HEADER_SIZE, MAX_PACKET_SIZE } from '../protocol/constants.js';
import { LibvirtProtocolError } from '../errors.js';

export interface PacketHeader {
  prog: number;
  vers: number;
  proc: number;
  type: number;
  serial: number;
  status: number;
}

export interface Packet {
  header: PacketHeader;
  body: Buffer;
}

export function encodePacket(h: PacketHeader, body: Uint8Array = Buffer.alloc(0)): Buffer {
  const total = HEADER_SIZE + body.length;
  if (total > MAX_PACKET_SIZE) throw new RangeError(`packet of ${total} bytes exceeds ${MAX_PACKET_SIZE}`);
  const out = Buffer.allocUnsafe(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(h.prog, 4);
  out.writeUInt32BE(h.vers, 8);
  out.writeInt32BE(h.proc, 12);
  out.writeInt32BE(h.type, 16);
  out.writeUInt32BE(h.serial, 20);
  out.writeInt32BE(h.status, 24);
  out.set(body, HEADER_SIZE);
  return out;
}

/** Reassembles packets from a byte stream cut at arbitrary points. */
export class PacketDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Feeds bytes; returns every packet completed by them, in order. Throws on a bad length word. */
  push(chunk: Buffer): Packet[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const out: Packet[] = [];
    for (;;) {
      if (this.buffered < 4) return out;
      const head = this.contiguous(4);
      const len = head.readUInt32BE(0);
      if (len < HEADER_SIZE || len > MAX_PACKET_SIZE) {
        throw new LibvirtProtocolError(`bad packet length ${len}`);
      }
      if (this.buffered < len) return out;
      const bytes = this.contiguous(len);
      out.push(decodePacket(bytes.subarray(0, len)));
      this.consume(len);
    }
  }

  /** Joins leading chunks until the first holds at least n bytes (copies only when a packet spans chunks). */
  private contiguous(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) return first;
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined;
  }

  private consume(n: number): void {
    const first = this.chunks[0]!;
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.buffered -= n;
  }
}

function decodePacket(bytes: Buffer): Packet {
  return {
    header: {
      prog: bytes.readUInt32BE(4),
      vers: bytes.readUInt32BE(8),
      proc: bytes.readInt32BE(12),
      type: bytes.readInt32BE(16),
      serial: bytes.readUInt32BE(20),
      status: bytes.readInt32BE(24),
    },
    body: bytes.subarray(HEADER_SIZE),
  };
}
