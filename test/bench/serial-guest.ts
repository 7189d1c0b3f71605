// A guest for console throughput: a 512-byte boot sector (hand-assembled 16-bit x86, no toolchain needed) that
// waits for one byte on COM1, then writes `chunks` × 64 KiB of 'x' to COM1 as fast as the UART takes them
// (it polls the line status register, so a slow reader slows the guest down instead of losing bytes), then
// waits again. Every console reader sees the very same guest.
import { writeFileSync } from 'node:fs';

export const CHUNK_BYTES = 65_536;

export function serialBlasterBootSector(chunks: number): Buffer {
  if (!Number.isInteger(chunks) || chunks < 1 || chunks > 0xffff) throw new RangeError(`chunks: 1..65535, got ${chunks}`);
  // prettier-ignore
  const code = [
    0xba, 0xfd, 0x03, //       0: start:  mov dx, 0x3fd        ; line status register
    0xec, //                   3: wait:   in al, dx
    0xa8, 0x01, //             4:         test al, 1           ; data ready?
    0x74, 0xfb, //             6:         jz wait
    0xba, 0xf8, 0x03, //       8:         mov dx, 0x3f8
    0xec, //                  11:         in al, dx            ; take the go byte
    0xbe, chunks & 0xff, chunks >> 8, // 12: mov si, chunks
    0x31, 0xc9, //            15: outer:  xor cx, cx           ; 65536 rounds of `loop`
    0xba, 0xfd, 0x03, //      17: inner:  mov dx, 0x3fd
    0xec, //                  20: poll:   in al, dx
    0xa8, 0x20, //            21:         test al, 0x20        ; transmit holding register empty?
    0x74, 0xfb, //            23:         jz poll
    0xba, 0xf8, 0x03, //      25:         mov dx, 0x3f8
    0xb0, 0x78, //            28:         mov al, 'x'
    0xee, //                  30:         out dx, al
    0xe2, 0xf0, //            31:         loop inner
    0x4e, //                  33:         dec si
    0x75, 0xeb, //            34:         jnz outer
    0xeb, 0xda, //            36:         jmp start
  ];
  const sector = Buffer.alloc(512);
  Buffer.from(code).copy(sector);
  sector[510] = 0x55;
  sector[511] = 0xaa;
  return sector;
}

/** Writes a 1 MiB raw disk whose boot sector is the blaster. */
export function writeSerialBlasterDisk(path: string, chunks: number): void {
  const disk = Buffer.alloc(1024 * 1024);
  serialBlasterBootSector(chunks).copy(disk);
  writeFileSync(path, disk);
}
