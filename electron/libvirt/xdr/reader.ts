// XDR decoder (RFC 4506) over one buffer, with bounds checks on every read.
import { XdrError } from './errors.js';
import { MAX_VARIABLE_LENGTH } from './limits.js';

export class XdrReader {
  private pos: number;

  constructor(
    private readonly buf: Buffer,
    offset = 0,
  ) {
    this.pos = offset;
  }

  private take(n: number): number {
    if (n < 0 || this.pos + n > this.buf.length) {
      throw new XdrError(`XDR underflow: need ${n} bytes at ${this.pos}, have ${this.buf.length - this.pos}`);
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  int(): number {
    return this.buf.readInt32BE(this.take(4));
  }

  uint(): number {
    return this.buf.readUInt32BE(this.take(4));
  }

  hyper(): bigint {
    return this.buf.readBigInt64BE(this.take(8));
  }

  uhyper(): bigint {
    return this.buf.readBigUInt64BE(this.take(8));
  }

  /** An unsigned hyper as a number (exact up to 2^53; callers use it for sizes and counters). */
  uhyperNumber(): number {
    return Number(this.uhyper());
  }

  bool(): boolean {
    const v = this.int();
    if (v !== 0 && v !== 1) throw new XdrError(`bad XDR bool ${v}`);
    return v === 1;
  }

  double(): number {
    return this.buf.readDoubleBE(this.take(8));
  }

  fixedOpaque(size: number): Buffer {
    const at = this.take(size + ((4 - (size % 4)) % 4));
    return this.buf.subarray(at, at + size);
  }

  /** Variable-length opaque, at most `max` bytes (libvirt's own cap by default): a longer one is refused unread. */
  opaque(max = MAX_VARIABLE_LENGTH): Buffer {
    const n = this.uint();
    if (n > max) throw new XdrError(`XDR string or opaque of ${n} bytes exceeds the limit of ${max} bytes`);
    return this.fixedOpaque(n);
  }

  string(max?: number): string {
    return this.opaque(max).toString('utf8');
  }

  optional<T>(dec: (r: XdrReader) => T): T | null {
    return this.bool() ? dec(this) : null;
  }

  array<T>(dec: (r: XdrReader) => T, max = this.remaining / 4): T[] {
    const n = this.uint();
    if (n > max) throw new XdrError(`array length ${n} exceeds ${max}`);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(dec(this));
    return out;
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  get offset(): number {
    return this.pos;
  }
}
