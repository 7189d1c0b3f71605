// The alert service over a real alerts.sqlite and a real local HTTP receiver: settings checked and kept, passwords
// not shown, a turned-off rule's alerts cleared, each change delivered to every target, failures reported as events.
import { mkdtempSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertService } from '../../../electron/core/alerts/alert-service.js';
import type { CoreEvent } from '../../../shared/model/events.js';
import { coreError } from '../../fixtures/core-error.js';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

function service(evaluating = true) {
  const file = join(mkdtempSync(join(tmpdir(), 'vd-alert-svc-')), 'alerts.sqlite');
  const events: CoreEvent[] = [];
  const s = new AlertService(file, { online: () => [], levels: async (host) => ({ host, pools: [], memory: null }), vms: () => [] }, (e) => events.push(e), evaluating);
  open.push(s);
  return { s, events, file };
}

async function receiver(status: number): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(body));
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({ close: () => new Promise((r) => server.close(r)) });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, bodies };
}

const offline: CoreEvent = { type: 'host-status', host: 'h1', status: 'offline', since: '', error: null };

describe('alert service', () => {
  it('refuses a threshold on a rule that has none, and keeps a rule\'s threshold when only turning it on or off', () => {
    const { s } = service();
    expect(() => s.setRule({ id: 'vm-stopped', enabled: true, threshold: 50 })).toThrow(coreError('alert.no-threshold', { rule: 'vm-stopped' }));
    s.setRule({ id: 'pool-full', enabled: true, threshold: 75 });
    const rules = s.setRule({ id: 'pool-full', enabled: false, threshold: null });
    expect(rules.find((r) => r.id === 'pool-full')).toEqual({ id: 'pool-full', enabled: false, threshold: 75 });
  });

  it('keeps targets in a 0600 file and shows an SMTP password only as ***', () => {
    const { s, file } = service();
    s.addTarget({ kind: 'smtp', host: 'mx', port: 587, secure: false, user: 'u', password: 'secret', from: 'a@b.c', to: ['d@e.f'] });
    expect(s.targets()).toEqual([expect.objectContaining({ id: 1, password: '***' })]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(() => s.removeTarget(9)).toThrow(coreError('alert.target-not-found', { id: 9 }));
    s.removeTarget(1);
    expect(s.targets()).toEqual([]);
  });

  it('sends each change to every target; a refusing target becomes an alert-undelivered event', async () => {
    const { s, events } = service();
    const good = await receiver(200);
    const bad = await receiver(500);
    s.addTarget({ kind: 'webhook', url: good.url });
    const refusing = s.addTarget({ kind: 'webhook', url: bad.url });
    s.onEvent(offline);
    s.onEvent(offline);
    await s.settle();
    expect(good.bodies).toEqual([expect.objectContaining({ source: 'virtdeck', text: 'FIRING: host h1 is offline', alert: expect.objectContaining({ key: 'host-offline/h1', state: 'firing' }) })]);
    expect(bad.bodies).toHaveLength(1);
    expect(events.filter((e) => e.type === 'alert')).toHaveLength(1);
    expect(events.find((e) => e.type === 'alert-undelivered')).toMatchObject({ target: refusing.id, error: { code: 'alert.undelivered', params: { reason: 'HTTP 500' } } });
    await expect(s.testTarget(refusing.id)).rejects.toThrow(coreError('alert.undelivered'));
  });

  it('turning a rule off clears its open alerts (told to listeners, not sent)', async () => {
    const { s, events } = service();
    const hook = await receiver(200);
    s.onEvent(offline);
    s.addTarget({ kind: 'webhook', url: hook.url });
    s.setRule({ id: 'host-offline', enabled: false, threshold: null });
    await s.settle();
    expect(s.history(10, true)).toEqual([]);
    expect(events.filter((e) => e.type === 'alert').map((e) => e.type === 'alert' && e.alert.state)).toEqual(['firing', 'cleared']);
    expect(hook.bodies).toEqual([]);
  });

  it('a core that evaluates no rules (a short CLI command) fires nothing', () => {
    const { s, events } = service(false);
    s.onEvent(offline);
    expect(events).toEqual([]);
    expect(s.history(10)).toEqual([]);
  });
});
