// Requests that once ended the web API process (issue 8, items 1 and 2), sent to the real web API CLI in its own
// process (one per test, so each is judged on its own): afterwards it still runs and its core answers a normal call.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callOnce, startWebApiProcess, type WebApiProcess } from './webapi-process.js';
import { closeCode, exchange, frame, rawWebSocket, statusOf, tokenHeader, upgradeRequest, writeAndReset } from './raw-client.js';

let webapi: WebApiProcess;
beforeEach(async () => {
  webapi = await startWebApiProcess();
}, 60_000);

afterEach(async () => {
  try {
    const answer = await callOnce(webapi.port, webapi.token, 'hosts.list', {}).catch(async (err: unknown) => {
      await webapi.ending(5_000); // a refused call usually means the process is going: say how it ended
      return String(err);
    });
    expect(webapi.ended(), webapi.output()).toBeNull();
    expect(answer).toEqual({ ok: true, value: [] });
  } finally {
    await webapi.stop();
  }
});

describe('the web API process survives', () => {
  it('an absolute-form target that is no valid URL (refused with 400)', async () => {
    const response = await exchange(webapi.port, `GET http://a:99999/ HTTP/1.1\r\nHost: 127.0.0.1:${webapi.port}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(response)).toBe(400);
  });

  it('the same target as an Upgrade request (refused with 400)', async () => {
    expect(statusOf(await exchange(webapi.port, upgradeRequest(webapi.port, 'http://a:99999/api')))).toBe(400);
  });

  it('50 upgrades with a wrong token that the client resets at once', async () => {
    await Promise.all(
      Array.from({ length: 50 }, () => writeAndReset(webapi.port, upgradeRequest(webapi.port, '/api', [tokenHeader('wrong')]))),
    );
  });

  it('a frame over maxPayload on /api (closed with 1009)', async () => {
    const ws = await rawWebSocket(webapi.port, '/api', [tokenHeader(webapi.token)]);
    if (typeof ws === 'number') throw new Error(`handshake refused: ${ws}`);
    const code = closeCode(ws);
    ws.write(frame(0x2, Buffer.alloc(0), { claimedLength: 64 * 1024 * 1024 }));
    expect(await code).toBe(1009);
  });

  it('a 3-byte invalid UTF-8 text frame on /api (closed with 1007)', async () => {
    const ws = await rawWebSocket(webapi.port, '/api', [tokenHeader(webapi.token)]);
    if (typeof ws === 'number') throw new Error(`handshake refused: ${ws}`);
    const code = closeCode(ws);
    ws.write(frame(0x1, Buffer.from([0xe2, 0x28, 0xa1])));
    expect(await code).toBe(1007);
  });

  it('an invalid UTF-8 frame on /console right after the handshake', async () => {
    const ws = await rawWebSocket(webapi.port, `/console/${'x'.repeat(32)}`, [tokenHeader(webapi.token)]);
    if (typeof ws === 'number') throw new Error(`handshake refused: ${ws}`);
    const code = closeCode(ws);
    ws.write(frame(0x1, Buffer.from([0xe2, 0x28, 0xa1])));
    expect([4404, 1007]).toContain(await code);
  });
});
