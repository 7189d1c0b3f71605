// WebSocket protocol errors and stalled readers cost only the offending socket: it is closed with the matching
// code (or dropped), while the core and every other client go on.
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startWebApi, type WebApi } from '../../../electron/webapi/server.js';
import { webApiClient } from '../../../renderer/api/webapi-client.js';
import { webApiProtocols } from '../../../shared/ipc/webapi-messages.js';
import type { CoreEvent } from '../../../shared/model/events.js';
import { fakeCore, type FakeCore } from '../ipc/fake-core.js';
import { webApiDirs } from './helpers.js';
import { closeCode, frame, rawWebSocket, tokenHeader } from './raw-client.js';

let core: FakeCore;
let webapi: WebApi;
beforeEach(async () => {
  core = fakeCore();
  webapi = await startWebApi({ core, ...webApiDirs() });
});
afterEach(() => webapi.close());

async function openRaw(target: string): Promise<Socket> {
  const ws = await rawWebSocket(webapi.port, target, [tokenHeader(webapi.token)]);
  if (typeof ws === 'number') throw new Error(`handshake refused: ${ws}`);
  return ws;
}

/** A client that keeps working through all of it. */
function bystander() {
  const client = webApiClient({ origin: `http://127.0.0.1:${webapi.port}`, token: webapi.token });
  core.handlers['hosts.sshAliases'].mockResolvedValue(['still here']);
  return { client, works: async () => expect(await client.api['hosts.sshAliases']({})).toEqual(['still here']) };
}

describe('a protocol error closes only its own socket', () => {
  it.each([
    { what: 'a frame over maxPayload', bytes: frame(0x2, Buffer.alloc(0), { claimedLength: 64 * 1024 * 1024 }), code: 1009 },
    { what: 'invalid UTF-8 text', bytes: frame(0x1, Buffer.from([0xe2, 0x28, 0xa1])), code: 1007 },
    { what: 'an unmasked client frame', bytes: frame(0x1, Buffer.from('{}'), { mask: false }), code: 1002 },
  ])('$what on /api → $code', async ({ bytes, code }) => {
    const { works } = bystander();
    await works();
    const ws = await openRaw('/api');
    const closed = closeCode(ws);
    ws.write(bytes);
    expect(await closed).toBe(code);
    await works();
  });

  it('invalid UTF-8 on an open console → 1007, and the console stream is released', async () => {
    const { works } = bystander();
    const stream = new Duplex({ read() {}, write: (_chunk, _enc, done) => done() });
    core.nextConsole = stream;
    const opened = new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${webapi.port}/api`, webApiProtocols(webapi.token));
      ws.onopen = () => ws.send(JSON.stringify({ type: 'console', id: 1, request: { kind: 'serial', ref: { host: 'h1', vm: 'web' } } }));
      ws.onmessage = (e) => resolve((JSON.parse(String(e.data)) as { result: { value: { consoleId: string } } }).result.value.consoleId);
    });
    const raw = await openRaw(`/console/${await opened}`);
    const closed = closeCode(raw);
    raw.write(frame(0x1, Buffer.from([0xc3, 0x28])));
    expect(await closed).toBe(1007);
    await vi.waitFor(() => expect(stream.destroyed).toBe(true));
    await works();
  });
});

describe('a client that stops reading', () => {
  it('is dropped once too much waits for it; a reading client gets every event', async () => {
    const stalled = await openRaw('/api');
    stalled.pause();
    const { client } = bystander();
    const seen: CoreEvent[] = [];
    client.onEvent((e) => seen.push(e));
    await client.api['hosts.sshAliases']({});
    expect(core.listenerCount()).toBe(2);
    const big = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 40; i++) {
      core.emit({ type: 'vm-removed', host: 'h1', uuid: String(i), name: big });
      await vi.waitFor(() => expect(seen).toHaveLength(i + 1));
    }
    // 40 MiB went out; the stalled socket could hold only its kernel buffers and our 8 MiB.
    await vi.waitFor(() => expect(core.listenerCount()).toBe(1));
    stalled.destroy();
  });
});
