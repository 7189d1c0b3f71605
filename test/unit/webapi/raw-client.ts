// Hand-made HTTP requests and WebSocket frames, for inputs no well-behaved client library would send.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { webApiProtocols } from '../../../shared/ipc/webapi-messages.js';

/** Writes `bytes`, then reads until the server closes; resolves with what came back (never rejects). */
export function exchange(port: number, bytes: Buffer | string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => s.write(bytes));
    let text = '';
    s.on('data', (d) => (text += d.toString('latin1')));
    s.on('error', () => undefined);
    s.on('close', () => resolve(text));
    s.setTimeout(5_000, () => s.destroy());
  });
}

/** Writes `bytes` and resets the connection at once (RST, not FIN). */
export function writeAndReset(port: number, bytes: Buffer | string): Promise<void> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => s.write(bytes, () => s.resetAndDestroy()));
    s.on('error', () => undefined);
    s.on('close', () => resolve());
  });
}

/** The handshake header that carries the session token (shared/ipc/webapi-messages.ts). */
export function tokenHeader(token: string): string {
  return `Sec-WebSocket-Protocol: ${webApiProtocols(token).join(', ')}`;
}

export function statusOf(response: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
}

export function upgradeRequest(port: number, target: string, extraHeaders: string[] = []): string {
  return [
    `GET ${target} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...extraHeaders,
    '',
    '',
  ].join('\r\n');
}

export interface FrameOptions {
  fin?: boolean;
  /** Clients must mask; false sends an unmasked frame (a protocol error). */
  mask?: boolean;
  /** The length the header claims, when it should differ from the payload's. */
  claimedLength?: number;
}

/** One WebSocket frame as a client sends it. */
export function frame(opcode: number, payload: Buffer, opts: FrameOptions = {}): Buffer {
  const length = opts.claimedLength ?? payload.length;
  const mask = opts.mask ?? true;
  const head: number[] = [((opts.fin ?? true) ? 0x80 : 0) | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(...big);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([Buffer.from(head), key, masked]);
}

/** Completes a WebSocket handshake by hand; resolves with the open socket (paused), or the HTTP status when refused. */
export function rawWebSocket(port: number, target: string, extraHeaders: string[] = []): Promise<Socket | number> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => s.write(upgradeRequest(port, target, extraHeaders)));
    let head = '';
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      s.off('data', onData);
      const status = statusOf(head);
      if (status !== 101) {
        s.destroy();
        resolve(status);
        return;
      }
      // Frames that came with the handshake wait, paused, for whoever reads next.
      s.pause();
      const rest = Buffer.from(head.slice(end + 4), 'latin1');
      if (rest.length > 0) s.unshift(rest);
      resolve(s);
    };
    s.on('data', onData);
    s.on('error', () => resolve(0));
  });
}

/** Reads server frames until the close frame; resolves with its code (1006 when the socket just ended). */
export function closeCode(s: Socket): Promise<number> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        if (buf.length < 2) return;
        const opcode = buf[0]! & 0x0f;
        let len = buf[1]! & 0x7f;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        if (buf.length < off + len) return;
        if (opcode === 0x8) {
          s.off('data', onData);
          s.destroy();
          resolve(len >= 2 ? buf.readUInt16BE(off) : 1005);
          return;
        }
        buf = buf.subarray(off + len);
      }
    };
    s.on('data', onData);
    s.on('close', () => resolve(1006));
    s.on('error', () => undefined);
    s.resume();
  });
}
