import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebApi, type WebApi } from '../../../electron/webapi/server.js';
import { webApiClient } from '../../../renderer/api/webapi-client.js';
import { webApiProtocols } from '../../../shared/ipc/webapi-messages.js';
import { fakeCore } from '../ipc/fake-core.js';
import { webApiDirs, checkPattern, producer } from './helpers.js';

const WINDOW = 256 * 1024;
const CHUNK = 64 * 1024;
let webapi: WebApi | null = null;
afterEach(async () => {
  await webapi?.close();
  webapi = null;
});

async function openConsoleId(b: WebApi): Promise<string> {
  const api = new WebSocket(`ws://127.0.0.1:${b.port}/api`, webApiProtocols(b.token));
  await new Promise((r) => api.once('open', r));
  api.send(JSON.stringify({ type: 'console', id: 1, request: { kind: 'vnc', ref: { host: 'h1', vm: 'web' } } }));
  const reply = await new Promise<string>((r) => api.once('message', (d) => r(d.toString())));
  return (JSON.parse(reply) as { result: { value: { consoleId: string } } }).result.value.consoleId;
}

describe('console flow control over the web API', () => {
  it('a fast producer and a slow consumer: memory stays bounded, bytes arrive in order and complete', async () => {
    const core = fakeCore();
    const total = 32 * 1024 * 1024;
    const { stream, state } = producer(total, CHUNK);
    core.nextConsole = stream;
    webapi = await startWebApi({ core, ...webApiDirs(), consoleWindow: WINDOW });
    const consoleId = await openConsoleId(webapi);
    const ws = new WebSocket(`ws://127.0.0.1:${webapi.port}/console/${consoleId}`, webApiProtocols(webapi.token));

    let received = 0;
    let acked = 0;
    let maxInFlight = 0;
    let inOrder = true;
    const done = new Promise<void>((resolve) =>
      ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary) {
          if ((JSON.parse(data.toString()) as { type: string }).type === 'close') resolve();
          return;
        }
        inOrder &&= checkPattern(data, received);
        received += data.length;
        // Everything the producer has made and we have not acknowledged sits in some buffer between us.
        maxInFlight = Math.max(maxInFlight, state.produced - acked);
        // A slow consumer: acknowledge 2 ms later, one message at a time.
        setTimeout(() => {
          acked += data.length;
          ws.send(JSON.stringify({ type: 'ack', bytes: data.length }));
        }, 2);
      }),
    );
    await done;
    expect(received).toBe(total);
    expect(inOrder).toBe(true);
    // Window + the chunk that crossed it + the stream's own read-ahead (one chunk past its high-water mark).
    expect(maxInFlight).toBeLessThanOrEqual(WINDOW + 3 * CHUNK);
    console.log(`console flow: ${total / 2 ** 20} MiB, max in flight ${(maxInFlight / 1024).toFixed(0)} KiB`);
  }, 60_000);

  it('without acknowledgements the producer stops after one window', async () => {
    const core = fakeCore();
    const { stream, state } = producer(64 * 1024 * 1024, CHUNK);
    core.nextConsole = stream;
    webapi = await startWebApi({ core, ...webApiDirs(), consoleWindow: WINDOW });
    const consoleId = await openConsoleId(webapi);
    const ws = new WebSocket(`ws://127.0.0.1:${webapi.port}/console/${consoleId}`, webApiProtocols(webapi.token));
    let received = 0;
    ws.on('message', (d: Buffer, isBinary) => {
      if (isBinary) received += d.length;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(received).toBeGreaterThan(WINDOW);
    expect(received).toBeLessThanOrEqual(WINDOW + CHUNK);
    expect(state.produced).toBeLessThanOrEqual(WINDOW + 3 * CHUNK);
  });

  it('the renderer channel: both directions through FlowChannel, complete and in order', async () => {
    const core = fakeCore();
    const total = 8 * 1024 * 1024;
    // The VM side reads what the renderer types slowly (1 ms per chunk), so the channel must queue.
    const { stream, state } = producer(total, CHUNK, 1);
    core.nextConsole = stream;
    webapi = await startWebApi({ core, ...webApiDirs() });
    const client = webApiClient({ origin: `http://127.0.0.1:${webapi.port}`, token: webapi.token });
    const channel = client.openConsole('vnc', { host: 'h1', vm: 'web' });
    await new Promise((r) => (channel.onopen = r));
    expect(channel.readyState).toBe(1);

    const hash = createHash('sha256');
    let received = 0;
    let inOrder = true;
    const closed = new Promise<CloseEvent>((resolve) => (channel.onclose = resolve));
    channel.onmessage = (e: MessageEvent) => {
      const bytes = new Uint8Array(e.data as ArrayBuffer);
      inOrder &&= checkPattern(bytes, received);
      received += bytes.length;
      hash.update(bytes);
    };

    // Upstream: 4 MiB typed at once; the channel holds what exceeds its window.
    const up = new Uint8Array(4 * 1024 * 1024).map((_, i) => i % 7);
    for (let i = 0; i < up.length; i += CHUNK) channel.send(up.subarray(i, i + CHUNK));
    expect(channel.bufferedAmount).toBeGreaterThan(0);
    expect(channel.bufferedAmount).toBeLessThanOrEqual(up.length - 256 * 1024);

    const ev = await closed;
    expect(ev.wasClean).toBe(true);
    expect(received).toBe(total);
    expect(inOrder).toBe(true);
    const typed = Buffer.concat(state.written);
    expect(typed.length).toBeGreaterThan(0);
    expect(typed.equals(Buffer.from(up.subarray(0, typed.length)))).toBe(true);
  }, 60_000);
});
