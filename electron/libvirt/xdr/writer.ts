// XDR encoder (RFC 4506): big-endian, every item padded to a multiple of 4 bytes.
import { XdrError } from './errors.js';
import { MAX_VARIABLE_LENGTH } from './limits.js';

const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;
const UINT32_MAX = 0xffff_ffff;

export class XdrWriter {
  private buf: Buffer;
  private len = 0;

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Makes room for n bytes and returns their offset. Call it before touching `this.buf`: it may replace it. */
  private reserve(n: number): number {
    const need = this.len + n;
    if (need > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(next, 0, 0, this.len);
      this.buf = next;
    }
    const at = this.len;
    this.len = need;
    return at;
  }

  int(v: number): this {
    if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) throw new XdrError(`int out of range: ${v}`);
    const at = this.reserve(4);
    this.buf.writeInt32BE(v, at);
    return this;
  }

  uint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > UINT32_MAX) throw new XdrError(`unsigned int out of range: ${v}`);
    const at = this.reserve(4);
    this.buf.writeUInt32BE(v, at);
    return this;
  }

  hyper(v: bigint | number): this {
    const at = this.reserve(8);
    this.buf.writeBigInt64BE(BigInt(v), at);
    return this;
  }

  uhyper(v: bigint | number): this {
    const b = BigInt(v);
    if (b < 0n) throw new XdrError(`unsigned hyper out of range: ${v}`);
    const at = this.reserve(8);
    this.buf.writeBigUInt64BE(b, at);
    return this;
  }

  bool(v: boolean): this {
    return this.int(v ? 1 : 0);
  }

  double(v: number): this {
    const at = this.reserve(8);
    this.buf.writeDoubleBE(v, at);
    return this;
  }

  /** Fixed-length opaque: exactly `size` bytes, padded. */
  fixedOpaque(data: Uint8Array, size: number): this {
    if (data.length !== size) throw new XdrError(`fixed opaque needs ${size} bytes, got ${data.length}`);
    this.rawPadded(data);
    return this;
  }

  /** Variable-length opaque: length word, bytes, padding. Refuses what libvirtd would refuse to decode. */
  opaque(data: Uint8Array): this {
    if (data.length > MAX_VARIABLE_LENGTH) {
      throw new XdrError(`XDR string or opaque of ${data.length} bytes exceeds the limit of ${MAX_VARIABLE_LENGTH} bytes`);
    }
    this.uint(data.length);
    this.rawPadded(data);
    return this;
  }

  string(s: string): this {
    return this.opaque(Buffer.from(s, 'utf8'));
  }

  /** Optional data (`T *x`): a bool, then the value when present. */
  optional<T>(v: T | null | undefined, enc: (w: XdrWriter, v: T) => void): this {
    if (v === null || v === undefined) return this.bool(false);
    this.bool(true);
    enc(this, v);
    return this;
  }

  /** Variable-length array: count word, then each element. */
  array<T>(items: readonly T[], enc: (w: XdrWriter, v: T) => void): this {
    this.uint(items.length);
    for (const item of items) enc(this, item);
    return this;
  }

  private rawPadded(data: Uint8Array): void {
    const pad = (4 - (data.length % 4)) % 4;
    const at = this.reserve(data.length + pad);
    this.buf.set(data, at);
    this.buf.fill(0, at + data.length, at + data.length + pad);
  }

  get length(): number {
    return this.len;
  }

  /** The encoded bytes (a copy-free view; do not reuse the writer afterwards). */
  finish(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}
