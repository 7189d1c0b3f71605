// Screen dumps to PNG: QEMU's PPM (P6) is encoded as PNG with node:zlib, a PNG passes through with its size read from
// IHDR, anything else is refused. Checked by decoding the result back.
import { describe, expect, it } from 'vitest';
import { encodePng, parsePpm, screenToPng } from '../../../electron/core/consoles/screen-image.js';
import { decodePng, distinctColours } from '../../fixtures/png-decode.js';

function ppm(width: number, height: number, pixel: (x: number, y: number) => [number, number, number], header = `P6\n${width} ${height}\n255\n`): Buffer {
  const body = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) body.set(pixel(x, y), (y * width + x) * 3);
  return Buffer.concat([Buffer.from(header, 'latin1'), body]);
}

describe('screen image', () => {
  it('encodes a PPM as a PNG with the same size and pixels', () => {
    const src = ppm(720, 400, (x, y) => [x & 0xff, y & 0xff, (x ^ y) & 0xff]);
    const out = screenToPng(src);
    expect(out).toMatchObject({ width: 720, height: 400 });
    const back = decodePng(out!.png);
    expect(back).toMatchObject({ width: 720, height: 400 });
    expect(back.rgb.equals(src.subarray(src.length - 720 * 400 * 3))).toBe(true);
    expect(distinctColours(back)).toBeGreaterThan(100);
  });

  it('reads PPM headers with comments and scales a maxval below 255', () => {
    const src = ppm(2, 1, () => [15, 0, 7], 'P6 # QEMU\n2 # w\n1\n15\n');
    expect(parsePpm(src)).toEqual({ width: 2, height: 1, rgb: Buffer.from([255, 0, 119, 255, 0, 119]) });
  });

  it('passes a PNG through, its size from IHDR', () => {
    const png = encodePng(3, 2, Buffer.alloc(18, 0x80));
    expect(screenToPng(png)).toEqual({ png, width: 3, height: 2 });
  });

  it('refuses other formats, ASCII PPM and truncated data', () => {
    expect(screenToPng(Buffer.from('GIF89a…'))).toBeNull();
    expect(screenToPng(Buffer.from('P3\n1 1\n255\n0 0 0\n'))).toBeNull();
    expect(screenToPng(ppm(4, 4, () => [1, 2, 3]).subarray(0, 30))).toBeNull();
    expect(screenToPng(Buffer.from('P6\n4 4\n65535\n'))).toBeNull();
    expect(screenToPng(Buffer.alloc(0))).toBeNull();
  });
});
