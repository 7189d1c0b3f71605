// A guest screen as a PNG file. libvirt's domainScreenshot streams what the hypervisor dumps: QEMU writes PPM (P6),
// or PNG when libvirt asks a QEMU that can; we sniff the bytes rather than trust the MIME type, and encode PPM as
// PNG here (node:zlib only: no image library for one format).
import { crc32, deflateSync } from 'node:zlib';

export interface PngImage {
  png: Buffer;
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The screen as PNG, or null when the bytes are neither PNG nor binary PPM with 8-bit samples. */
export function screenToPng(bytes: Buffer): PngImage | null {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { png: bytes, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  const ppm = parsePpm(bytes);
  return ppm && { png: encodePng(ppm.width, ppm.height, ppm.rgb), width: ppm.width, height: ppm.height };
}

interface Rgb {
  width: number;
  height: number;
  /** width × height × 3 bytes, rows top to bottom. */
  rgb: Buffer;
}

/** Binary PPM ("P6", maxval ≤ 255); the header's fields are separated by whitespace, `#` starts a comment. */
export function parsePpm(bytes: Buffer): Rgb | null {
  if (bytes.length < 2 || bytes.toString('latin1', 0, 2) !== 'P6') return null;
  let at = 2;
  const field = (): number | null => {
    for (;;) {
      while (at < bytes.length && /\s/.test(String.fromCharCode(bytes[at] as number))) at++;
      if (bytes[at] !== 0x23) break;
      while (at < bytes.length && bytes[at] !== 0x0a) at++;
    }
    const start = at;
    while (at < bytes.length && (bytes[at] as number) >= 0x30 && (bytes[at] as number) <= 0x39) at++;
    return at > start && at - start < 10 ? Number(bytes.toString('latin1', start, at)) : null;
  };
  const width = field();
  const height = field();
  const maxval = field();
  if (!width || !height || maxval === null || maxval < 1 || maxval > 255) return null;
  // Exactly one whitespace byte ends the header.
  const rgb = bytes.subarray(at + 1, at + 1 + width * height * 3);
  if (rgb.length !== width * height * 3) return null;
  return { width, height, rgb: maxval === 255 ? rgb : Buffer.from(rgb.map((v) => Math.round((v * 255) / maxval))) };
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGB PNG, every row with filter "none" (screens compress well enough with deflate alone). */
export function encodePng(width: number, height: number, rgb: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) rgb.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
