// Byte-level encodings of ISO 9660 / Joliet (ECMA-119 7.x): ASCII and big-endian UCS-2 text, padded fields,
// and numbers in little-, big- and both-byte order.

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** Big-endian UCS-2, as Joliet stores names and identifiers. */
export function ucs2(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) >> 8;
    out[2 * i + 1] = s.charCodeAt(i) & 0xff;
  }
  return out;
}

export function asciiField(value: string, length: number): Uint8Array {
  return ascii(value.slice(0, length).padEnd(length, ' '));
}

/** UCS-2 text padded with UCS-2 spaces; an odd-length field ends in one zero byte. */
export function ucs2Field(value: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set(ucs2(value.slice(0, length >> 1).padEnd(length >> 1, ' ')));
  return out;
}

export function le32(b: Uint8Array, offset: number, v: number): void {
  new DataView(b.buffer, b.byteOffset).setUint32(offset, v, true);
}

export function be32(b: Uint8Array, offset: number, v: number): void {
  new DataView(b.buffer, b.byteOffset).setUint32(offset, v, false);
}

/** Both-byte orders: little-endian then big-endian (ECMA-119 7.2.3 / 7.3.3). */
export function both16(b: Uint8Array, offset: number, v: number): void {
  const view = new DataView(b.buffer, b.byteOffset);
  view.setUint16(offset, v, true);
  view.setUint16(offset + 2, v, false);
}

export function both32(b: Uint8Array, offset: number, v: number): void {
  le32(b, offset, v);
  be32(b, offset + 4, v);
}
