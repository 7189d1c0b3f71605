import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { serveAppScheme } from '../../../electron/main/app-scheme.js';
import { APP_URL } from '../../../electron/main/trusted-origin.js';
import { protocolHandlers } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

describe('virtdeck:// app scheme', () => {
  let serve: (request: Request) => Promise<Response>;
  beforeAll(() => {
    const root = mkdtempSync(path.join(tmpdir(), 'vd-scheme-'));
    const rendererDir = path.join(root, 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>VirtDeck</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(root, 'secret.txt'), 'secret');
    serveAppScheme(rendererDir);
    const handler = protocolHandlers.get('virtdeck');
    if (!handler) throw new Error('no handler registered for virtdeck://');
    serve = handler;
  });
  const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

  it('serves the renderer with its type and the CSP header', async () => {
    const page = await get(APP_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>VirtDeck</title>');
    const script = await get('virtdeck://app/assets/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it.each([
    'virtdeck://app/%2e%2e/secret.txt',
    'virtdeck://app/..%2fsecret.txt',
    'virtdeck://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'virtdeck://other/index.html',
    'virtdeck://app/missing.html',
    'virtdeck://app/%E0%A4%A',
  ])('answers 404 for %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret');
  });

  it('answers only GET', async () => {
    expect((await get(APP_URL, 'POST')).status).toBe(404);
  });
});
