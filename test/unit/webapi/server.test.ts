import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createPromptRelay } from '../../../electron/webapi/prompt-relay.js';
import { startWebApi, type WebApi } from '../../../electron/webapi/server.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/webapi/csp.js';
import { webApiClient } from '../../../renderer/api/webapi-client.js';
import { webApiProtocols } from '../../../shared/ipc/webapi-messages.js';
import { ApiError } from '../../../renderer/api/client.js';
import { fakeCore, type FakeCore } from '../ipc/fake-core.js';
import { webApiDirs } from './helpers.js';

let core: FakeCore;
let webapi: WebApi;
const relay = createPromptRelay();

beforeEach(async () => {
  core = fakeCore();
  webapi = await startWebApi({ core, relay, ...webApiDirs() });
});
afterEach(async () => {
  await webapi.close();
});

const base = () => `http://127.0.0.1:${webapi.port}`;

/** Resolves with the HTTP status a WebSocket handshake got (101 when it opened) and the protocol it agreed. */
function wsStatus(url: string, opts: { token?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; protocol?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, opts.token === undefined ? [] : webApiProtocols(opts.token), { headers: opts.headers ?? {} });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, protocol: ws.protocol });
    });
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ status: 0 }));
  });
}

describe('web API access', () => {
  it('listens on 127.0.0.1 only, with a 32-byte token in the URL fragment (never sent to a server)', async () => {
    expect(webapi.url).toBe(`${base()}/#token=${webapi.token}`);
    expect(Buffer.from(webapi.token, 'base64url')).toHaveLength(32);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const host of [...others, '::1']) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = connect({ host, port: webapi.port }, () => {
          s.destroy();
          resolve(false);
        });
        s.on('error', () => resolve(true));
      });
      expect(refused, `reachable on ${host}`).toBe(true);
    }
  });

  it('serves the renderer (no secret in it) without a token, and sets no cookie', async () => {
    const page = await fetch(`${base()}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>VirtDeck</title>');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('set-cookie')).toBeNull();
    const script = await fetch(`${base()}/app.js?token=${webapi.token}`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('set-cookie')).toBeNull();
    expect((await fetch(`${base()}/..%2Fvd-outside.txt`)).status).toBe(404);
    expect((await fetch(`${base()}/missing.js`)).status).toBe(404);
  });

  it('refuses file transfers without the token (401) or with a wrong one (403); a cookie is no credential', async () => {
    const target = `${base()}/transfer/target?name=disk.qcow2`;
    expect((await fetch(target, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${target}&token=${'A'.repeat(43)}`, { method: 'POST' })).status).toBe(403);
    expect((await fetch(target, { method: 'POST', headers: { cookie: `virtdeck_token=${webapi.token}` } })).status).toBe(401);
    expect((await fetch(`${target}&token=${webapi.token}`, { method: 'POST' })).status).toBe(200);
  });

  it('refuses other Host names (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve) => {
      const s = connect({ host: '127.0.0.1', port: webapi.port }, () =>
        s.write(`GET / HTTP/1.1\r\nHost: evil.example:${webapi.port}\r\nConnection: close\r\n\r\n`),
      );
      let text = '';
      s.on('data', (d) => (text += d.toString()));
      s.on('end', () => resolve(Number(text.split(' ')[1])));
    });
    expect(status).toBe(403);
  });

  it('takes the WebSocket token only as a subprotocol, and answers with the protocol name alone', async () => {
    const ws = `ws://127.0.0.1:${webapi.port}/api`;
    expect(await wsStatus(ws)).toEqual({ status: 401 });
    expect(await wsStatus(ws, { token: 'wrong' })).toEqual({ status: 403 });
    expect(await wsStatus(ws, { token: webapi.token, headers: { origin: 'http://evil.example' } })).toEqual({ status: 403 });
    expect(await wsStatus(ws, { token: webapi.token, headers: { origin: base() } })).toEqual({ status: 101, protocol: 'virtdeck' });
    expect(await wsStatus(`${ws}?token=${webapi.token}`)).toEqual({ status: 401 });
    expect(await wsStatus(ws, { headers: { cookie: `virtdeck_token=${webapi.token}` } })).toEqual({ status: 401 });
    expect(await wsStatus(`ws://127.0.0.1:${webapi.port}/other`, { token: webapi.token })).toEqual({ status: 404 });
  });
});

describe('web API calls', () => {
  it('dispatches real calls through the renderer client, with the same envelope as the app', async () => {
    const client = webApiClient({ origin: base(), token: webapi.token });
    core.handlers['hosts.sshAliases'].mockResolvedValue(['h1', 'h2']);
    expect(await client.api['hosts.sshAliases']({})).toEqual(['h1', 'h2']);
    const bad = await client.api['hosts.remove']({ name: 'a/b' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect(bad).toMatchObject({ code: 'call.bad-input', report: { params: { call: 'hosts.remove', fields: ['name'] } } });
    expect(core.handlers['hosts.remove']).not.toHaveBeenCalled();
  });

  it('pushes core events to every connected client and unsubscribes on close', async () => {
    const a = webApiClient({ origin: base(), token: webapi.token });
    const b = webApiClient({ origin: base(), token: webapi.token });
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];
    a.onEvent((e) => seenA.push(e));
    b.onEvent((e) => seenB.push(e));
    await Promise.all([a.api['tasks.list']({}), b.api['tasks.list']({})]);
    const event = { type: 'vm-removed', host: 'h1', uuid: 'u', name: 'web' } as const;
    core.emit(event);
    await vi.waitFor(() => expect([seenA, seenB]).toEqual([[event], [event]]));
    await webapi.close();
    expect(core.listenerCount()).toBe(0);
  });

  it('relays the core’s prompts to the newest client and its answers back', async () => {
    expect(await relay.prompts.passphrase!('/k', false)).toBeNull(); // nobody attached: "no"
    const client = webApiClient({ origin: base(), token: webapi.token });
    client.setPromptHandler(async (req) => ({ accept: true, secret: req.kind === 'passphrase' ? `pw for ${req.keyFile}` : 'x' }));
    await client.api['tasks.list']({});
    expect(await relay.prompts.passphrase!('/home/u/.ssh/id', false)).toBe('pw for /home/u/.ssh/id');
    client.setPromptHandler(async () => ({ accept: false }));
    expect(await relay.prompts.hostKey!({ host: 'h:22', keyType: 'ssh-ed25519', fingerprint: 'SHA256:x' })).toBe(false);
  });

  it('reports a console that cannot open through the channel', async () => {
    const client = webApiClient({ origin: base(), token: webapi.token });
    const channel = client.openConsole('serial', { host: 'h1', vm: 'web' });
    const closed = await new Promise<CloseEvent>((resolve) => (channel.onclose = resolve));
    expect(JSON.parse(closed.reason)).toEqual({ ok: false, code: 'vm.not-running', params: { host: 'h1', vm: 'web' } });
    expect(channel.readyState).toBe(3);
  });

  it('refuses unknown console ids', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${webapi.port}/console/${'x'.repeat(32)}`, webApiProtocols(webapi.token));
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(4404);
  });

  it('lets calls name local files only inside its staging area (uploads, download targets, known_hosts)', async () => {
    const client = webApiClient({ origin: base(), token: webapi.token });
    const volume = { host: 'h1', pool: 'default', volume: 'disk.qcow2' };
    for (const [name, input] of [
      ['volumes.upload', { ...volume, file: '/etc/passwd' }],
      ['volumes.download', { ...volume, file: `${process.env.HOME}/.bashrc` }],
      ['images.add', { host: 'h1', source: { kind: 'file', path: '/etc/shadow' } }],
      ['hosts.probeKey', { ssh: { host: 'kvm1' }, knownHostsFile: `${process.env.HOME}/.ssh/authorized_keys` }],
    ] as const) {
      const refused = await (client.api[name] as (i: unknown) => Promise<unknown>)(input).catch((e: unknown) => e);
      expect(refused, name).toMatchObject({ code: 'file.not-picked' });
      const handler = core.handlers[name];
      for (const mock of typeof handler === 'function' ? [handler] : [handler.task, handler.run]) expect(mock, name).not.toHaveBeenCalled();
    }
    const staged = (await (await fetch(`${base()}/transfer/upload?name=disk.qcow2&token=${webapi.token}`, { method: 'PUT', body: 'x' })).json()) as { file: string };
    const target = (await (await fetch(`${base()}/transfer/target?name=out.qcow2&token=${webapi.token}`, { method: 'POST' })).json()) as { file: string };
    await client.api['volumes.upload']({ ...volume, file: staged.file });
    await client.api['volumes.download']({ ...volume, file: target.file });
    await client.api['hosts.probeKey']({ ssh: { host: 'kvm1' }, knownHostsFile: staged.file });
    expect(core.handlers['volumes.upload'].run).toHaveBeenCalledTimes(1);
    expect(core.handlers['volumes.download'].run).toHaveBeenCalledTimes(1);
    expect(core.handlers['hosts.probeKey'].run).toHaveBeenCalledTimes(1);
  });
});
