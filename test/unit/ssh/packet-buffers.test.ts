// Reused buffers for large SSH packets (see packet-buffers.ts), with ssh2's real AES-GCM cipher writing to a real TCP
// socket: the packets are laid out as ssh2 lays them out, a buffer comes back only after the socket wrote it (the
// bytes on the wire are the ones sent even though the buffer is filled again right after), small packets and other
// ciphers are left to ssh2, and the cipher a key exchange installs is wrapped too.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { reusePacketBuffers } from '../../../electron/ssh/packet-buffers.js';
import { socketPair } from '../../fixtures/socket-pair.js';

interface Cipher {
  allocPacket(payloadLen: number): Buffer;
  encrypt(packet: Buffer): void;
}
const sshCrypto = createRequire(import.meta.url)('ssh2/lib/protocol/crypto.js') as {
  createCipher(config: object): Cipher;
  CIPHER_INFO: Record<string, { keyLen: number; ivLen: number }>;
};

function cipher(name: string, onWrite: (d: Buffer) => void): Cipher {
  const info = sshCrypto.CIPHER_INFO[name]!;
  return sshCrypto.createCipher({ outbound: { onWrite, cipherInfo: info, cipherKey: randomBytes(info.keyLen), cipherIV: randomBytes(info.ivLen), seqno: 0 } });
}


/** A stand-in for ssh2's client as far as packet-buffers looks at it: its protocol's cipher and its socket. */
async function client(name = 'aes128-gcm@openssh.com') {
  const pair = await socketPair();
  const protocol: { _cipher: Cipher } = { _cipher: cipher(name, (d) => void pair.client.write(d)) };
  reusePacketBuffers({ _protocol: protocol, _sock: pair.client });
  return { ...pair, sock: pair.client, protocol };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('reused SSH packet buffers', () => {
  it('lays a packet out as ssh2 does (length, padding length, room for the tag)', async () => {
    const plain = cipher('aes128-gcm@openssh.com', () => undefined);
    const { protocol, close } = await client();
    try {
      for (const payloadLen of [16 * 1024, 32 * 1024 + 9, 100_000]) {
        const ours = protocol._cipher.allocPacket(payloadLen);
        const theirs = plain.allocPacket(payloadLen);
        expect(ours.length).toBe(theirs.length);
        expect(ours.subarray(0, 5)).toEqual(theirs.subarray(0, 5));
      }
    } finally {
      close();
    }
  });

  it('hands a buffer out again only after the socket wrote it, and the wire carries what was sent', async () => {
    const { sock, protocol, received, close } = await client();
    try {
      const sent: Buffer[] = [];
      const send = (): Buffer => {
        const packet = protocol._cipher.allocPacket(32 * 1024 + 9);
        randomBytes(32 * 1024).copy(packet, 9);
        protocol._cipher.encrypt(packet);
        return packet;
      };
      // Corked: the first packet's write is pending, so the second gets a buffer of its own.
      sock.cork();
      const first = send();
      sent.push(Buffer.from(first));
      const second = send();
      sent.push(Buffer.from(second));
      expect(second).not.toBe(first);
      sock.uncork();
      await settle();
      // Written: the next packet of that size reuses one of them, filled anew, while the wire kept the old bytes.
      const third = send();
      sent.push(Buffer.from(third));
      expect([first, second]).toContain(third);
      await settle();
      expect(received().equals(Buffer.concat(sent))).toBe(true);
    } finally {
      close();
    }
  });

  it('leaves small packets and other ciphers to ssh2', async () => {
    const { protocol, close } = await client();
    const chacha = await client('chacha20-poly1305@openssh.com');
    try {
      const small = protocol._cipher.allocPacket(1000);
      protocol._cipher.encrypt(small);
      await settle();
      expect(protocol._cipher.allocPacket(1000)).not.toBe(small);
      const big = chacha.protocol._cipher.allocPacket(32 * 1024);
      chacha.protocol._cipher.encrypt(big);
      await settle();
      expect(chacha.protocol._cipher.allocPacket(32 * 1024)).not.toBe(big);
    } finally {
      close();
      chacha.close();
    }
  });

  it('wraps the cipher a key exchange installs', async () => {
    const { sock, protocol, close } = await client();
    try {
      protocol._cipher = cipher('aes128-gcm@openssh.com', (d) => void sock.write(d));
      const packet = protocol._cipher.allocPacket(32 * 1024);
      protocol._cipher.encrypt(packet);
      await settle();
      expect(protocol._cipher.allocPacket(32 * 1024)).toBe(packet);
    } finally {
      close();
    }
  });
});
