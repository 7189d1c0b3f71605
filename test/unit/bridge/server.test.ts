import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createPromptRelay } from '../../../electron/bridge/prompt-relay.js';
import { startBridge, type Bridge } from '../../../electron/bridge/server.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/bridge/csp.js';
import { bridgeClient } from '../../../renderer/api/bridge-client.js';
import { ApiError } from '../../../renderer/api/client.js';
import { fakeCore, type FakeCore } from '../ipc/fake-core.js';
import { staticDir } from './helpers.js';

let core: FakeCore;
let bridge: Bridge;
const relay = createPromptRelay();

beforeEach(async () => {
  core = fakeCore();
  bridge = await startBridge({ core, relay, staticDir: staticDir() });
});
afterEach(async () => {
  await bridge.close();
});

const base = () => `http://127.0.0.1:${bridge.port}`;

/** Resolves with the HTTP status a WebSocket handshake got, or 101 when it opened. */
function wsStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

describe('bridge access', () => {
  it('listens on 127.0.0.1 only, with a 32-byte token in the URL', async () => {
    expect(bridge.url).toBe(`${base()}/?token=${bridge.token}`);
    expect(Buffer.from(bridge.token, 'base64url')).toHaveLength(32);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const host of [...others, '::1']) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = connect({ host, port: bridge.port }, () => {
          s.destroy();
          resolve(false);
        });
        s.on('error', () => resolve(true));
      });
      expect(refused, `reachable on ${host}`).toBe(true);
    }
  });

  it('refuses HTTP without the token (401) or with a wrong one (403)', async () => {
    expect((await fetch(`${base()}/`)).status).toBe(401);
    expect((await fetch(`${base()}/app.js`)).status).toBe(401);
    expect((await fetch(`${base()}/?token=${'A'.repeat(43)}`)).status).toBe(403);
    expect((await fetch(`${base()}/`, { headers: { cookie: 'virtdeck_token=nope' } })).status).toBe(403);
  });

  it('serves the renderer with the token, sets the cookie, and then accepts the cookie', async () => {
    const first = await fetch(bridge.url);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('<title>VirtDeck</title>');
    expect(first.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^virtdeck_token=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const second = await fetch(`${base()}/app.js`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(second.status).toBe(200);
    expect(second.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${base()}/..%2Fvd-outside.txt?token=${bridge.token}`)).status).toBe(404);
    expect((await fetch(`${base()}/missing.js?token=${bridge.token}`)).status).toBe(404);
  });

  it('refuses other Host names (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve) => {
      const s = connect({ host: '127.0.0.1', port: bridge.port }, () =>
        s.write(`GET /?token=${bridge.token} HTTP/1.1\r\nHost: evil.example:${bridge.port}\r\nConnection: close\r\n\r\n`),
      );
      let text = '';
      s.on('data', (d) => (text += d.toString()));
      s.on('end', () => resolve(Number(text.split(' ')[1])));
    });
    expect(status).toBe(403);
  });

  it('refuses WebSockets without the token, with a wrong one, or from a foreign origin', async () => {
    const ws = `ws://127.0.0.1:${bridge.port}/api`;
    expect(await wsStatus(ws)).toBe(401);
    expect(await wsStatus(`${ws}?token=wrong`)).toBe(403);
    expect(await wsStatus(`${ws}?token=${bridge.token}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await wsStatus(`${ws}?token=${bridge.token}`, { origin: base() })).toBe(101);
    expect(await wsStatus(ws, { cookie: `virtdeck_token=${bridge.token}` })).toBe(101);
    expect(await wsStatus(`ws://127.0.0.1:${bridge.port}/other?token=${bridge.token}`)).toBe(404);
  });
});

describe('bridge API', () => {
  it('dispatches real calls through the renderer client, with the same envelope as the app', async () => {
    const client = bridgeClient({ origin: base(), token: bridge.token });
    core.handlers['hosts.sshAliases'].mockResolvedValue(['h1', 'h2']);
    expect(await client.api['hosts.sshAliases']({})).toEqual(['h1', 'h2']);
    const bad = await client.api['hosts.remove']({ name: 'a/b' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect(bad).toMatchObject({ code: 'call.bad-input', report: { params: { call: 'hosts.remove', fields: ['name'] } } });
    expect(core.handlers['hosts.remove']).not.toHaveBeenCalled();
  });

  it('pushes core events to every connected client and unsubscribes on close', async () => {
    const a = bridgeClient({ origin: base(), token: bridge.token });
    const b = bridgeClient({ origin: base(), token: bridge.token });
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];
    a.onEvent((e) => seenA.push(e));
    b.onEvent((e) => seenB.push(e));
    await Promise.all([a.api['tasks.list']({}), b.api['tasks.list']({})]);
    const event = { type: 'vm-removed', host: 'h1', uuid: 'u', name: 'web' } as const;
    core.emit(event);
    await vi.waitFor(() => expect([seenA, seenB]).toEqual([[event], [event]]));
    await bridge.close();
    expect(core.listenerCount()).toBe(0);
  });

  it('relays the core’s prompts to the newest client and its answers back', async () => {
    expect(await relay.prompts.passphrase!('/k')).toBeNull(); // nobody attached: "no"
    const client = bridgeClient({ origin: base(), token: bridge.token });
    client.setPromptHandler(async (req) => ({ accept: true, secret: req.kind === 'passphrase' ? `pw for ${req.keyFile}` : 'x' }));
    await client.api['tasks.list']({});
    expect(await relay.prompts.passphrase!('/home/u/.ssh/id')).toBe('pw for /home/u/.ssh/id');
    client.setPromptHandler(async () => ({ accept: false }));
    expect(await relay.prompts.hostKey!({ host: 'h:22', keyType: 'ssh-ed25519', fingerprint: 'SHA256:x' })).toBe(false);
  });

  it('reports a console that cannot open through the channel', async () => {
    const client = bridgeClient({ origin: base(), token: bridge.token });
    const channel = client.openConsole('serial', { host: 'h1', vm: 'web' });
    const closed = await new Promise<CloseEvent>((resolve) => (channel.onclose = resolve));
    expect(JSON.parse(closed.reason)).toEqual({ ok: false, code: 'vm.not-running', params: { host: 'h1', vm: 'web' } });
    expect(channel.readyState).toBe(3);
  });

  it('refuses unknown console ids', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/console/${'x'.repeat(32)}?token=${bridge.token}`);
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(4404);
  });
});
