import { describe, expect, it } from 'vitest';
import { encodePacket, PacketDecoder, type Packet } from '../../../electron/libvirt/rpc/packet.js';
import { LibvirtProtocolError } from '../../../electron/libvirt/errors.js';

const call = { prog: 0x20008086, vers: 1, proc: 66, type: 0, serial: 1, status: 0 };

describe('packet framing', () => {
  it('encodes the length word (counting itself) and the six-word header', () => {
    expect(encodePacket(call).toString('hex')).toBe(
      '0000001c' + '20008086' + '00000001' + '00000042' + '00000000' + '00000001' + '00000000',
    );
    const withBody = encodePacket({ ...call, serial: 0xfffffffe }, Buffer.from('abcd'));
    expect(withBody.readUInt32BE(0)).toBe(32);
    expect(withBody.readUInt32BE(20)).toBe(0xfffffffe);
    expect(withBody.subarray(28).toString()).toBe('abcd');
  });

  const packets = [
    encodePacket({ ...call, serial: 1 }, Buffer.from('first!!!')),
    encodePacket({ ...call, serial: 2, type: 2 }),
    encodePacket({ ...call, serial: 3, type: 3, status: 2 }, Buffer.alloc(1000, 7)),
  ];
  const all = Buffer.concat(packets);
  const summary = (ps: Packet[]) => ps.map((p) => [p.header.serial, p.header.type, p.header.status, p.body.toString('hex')]);
  const expected = summary(new PacketDecoder().push(all));

  it('decodes several packets delivered in one chunk', () => {
    expect(expected.map((e) => e[0])).toEqual([1, 2, 3]);
    expect(Buffer.from(expected[0]![3] as string, 'hex').toString()).toBe('first!!!');
    expect(expected[2]![2]).toBe(2);
  });

  it('decodes the same packets whatever the chunk boundaries', () => {
    for (let cut1 = 0; cut1 <= all.length; cut1 += 3) {
      for (const cut2 of [cut1, Math.min(all.length, cut1 + 1), Math.min(all.length, cut1 + 37), all.length]) {
        const d = new PacketDecoder();
        const got = [...d.push(all.subarray(0, cut1)), ...d.push(all.subarray(cut1, cut2)), ...d.push(all.subarray(cut2))];
        expect(summary(got)).toEqual(expected);
      }
    }
  });

  it('decodes a byte-by-byte stream', () => {
    const d = new PacketDecoder();
    const got: Packet[] = [];
    for (const byte of all) got.push(...d.push(Buffer.from([byte])));
    expect(summary(got)).toEqual(expected);
  });

  it("accepts a packet of libvirt's 32 MiB message max (plus the length word) and refuses one byte more", () => {
    const max = 32 * 1024 * 1024 + 4;
    const big = encodePacket(call, Buffer.alloc(max - 28));
    expect(new PacketDecoder().push(big)[0]!.body.length).toBe(max - 28);
    const over = Buffer.alloc(4);
    over.writeUInt32BE(max + 1);
    expect(() => new PacketDecoder().push(over)).toThrow(LibvirtProtocolError);
  });

  it('rejects impossible length words', () => {
    expect(() => new PacketDecoder().push(Buffer.from('00000004', 'hex'))).toThrow(LibvirtProtocolError);
    expect(() => new PacketDecoder().push(Buffer.from('7fffffff', 'hex'))).toThrow(LibvirtProtocolError);
  });
});
