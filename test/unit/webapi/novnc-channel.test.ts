// noVNC 1.7 takes a WebSocket-like object as RFB's urlOrChannel and hands it to Websock.attach(): check that our
// FlowChannel passes attach()'s property check and carries bytes both ways through the real webapi.
import { afterEach, expect, it, vi } from 'vitest';
import { startWebApi, type WebApi } from '../../../electron/webapi/server.js';
import { webApiClient } from '../../../renderer/api/webapi-client.js';
import { fakeCore } from '../ipc/fake-core.js';
import { webApiDirs, checkPattern, producer } from './helpers.js';

let webapi: WebApi | null = null;
afterEach(async () => {
  await webapi?.close();
});

it('noVNC Websock attaches a FlowChannel and reads/writes through it', async () => {
  // noVNC's logger reads window.console. Websock is not in the package's exports map (only core/rfb.js is),
  // so it is loaded by path; RFB itself would need a DOM target.
  vi.stubGlobal('window', globalThis);
  // @ts-expect-error -- noVNC ships no type declarations for core/websock.js
  const { default: Websock } = await import('../../../node_modules/@novnc/novnc/core/websock.js');
  const core = fakeCore();
  const total = 1024 * 1024;
  const { stream, state } = producer(total);
  core.nextConsole = stream;
  webapi = await startWebApi({ core, ...webApiDirs() });
  const client = webApiClient({ origin: `http://127.0.0.1:${webapi.port}`, token: webapi.token });
  const channel = client.openConsole('vnc', { host: 'h1', vm: 'web' });

  const sock = new Websock();
  sock.attach(channel); // throws "Raw channel missing property: …" if the shape is wrong
  expect(channel.binaryType).toBe('arraybuffer');
  let read = 0;
  let inOrder = true;
  const opened = new Promise<void>((resolve) => sock.on('open', () => resolve()));
  const closed = new Promise<void>((resolve) => sock.on('close', () => resolve()));
  sock.on('message', () => {
    const n = sock.rQlen();
    inOrder &&= checkPattern(sock.rQshiftBytes(n), read);
    read += n;
  });
  await opened;
  sock.sQpush8(3); // a client message, as RFB would write it
  sock.sQpush8(1);
  sock.flush();
  await closed;
  expect(read).toBe(total);
  expect(inOrder).toBe(true);
  expect([...Buffer.concat(state.written)]).toEqual([3, 1]);
});
