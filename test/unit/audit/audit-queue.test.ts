// The audit service's host queue over a real audit.sqlite: an entry about an offline host waits, goes once when the
// host is back, and never twice; a call that names no host takes the one its answer names.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseLines } from '../../../electron/core/audit/audit-entries.js';
import { AuditService } from '../../../electron/core/audit/audit-service.js';
import { AuditStore } from '../../../electron/inventory/audit-store.js';
import { HOST_AUDIT_FILE } from '../../../shared/model/audit.js';
import { rootedTransport } from '../hosts/rooted-files.js';

const dir = mkdtempSync(join(tmpdir(), 'vd-audit-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('waits for an offline host, sends once when it is back; the answer names the host of a revoke', async () => {
  let online = false;
  const root = join(dir, 'h1');
  const file = join(root, HOST_AUDIT_FILE);
  const appended = (): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');
  const hosts = { isOnline: (name: string) => online && name === 'h1', names: () => ['h1'], get: () => ({ transport: rootedTransport(root) }) };
  const audit = new AuditService(AuditStore.open(join(dir, 'audit.sqlite')), hosts);
  try {
    audit.begin('vms.action', { ref: { host: 'h1', vm: 'web' }, action: 'stop' }, 'task-1')!.end({ code: 'host.offline' });
    await audit.settle();
    expect(appended()).toBe('');
    const listed = await audit.list({});
    expect(listed.unreadHosts).toEqual(['h1']);
    expect(listed.entries.map((e) => [e.action, e.result, e.code, e.taskId])).toEqual([['vms.action', 'error', 'host.offline', 'task-1']]);

    online = true;
    audit.hostOnline('h1');
    audit.hostOnline('h1');
    await audit.settle();
    expect(parseLines(appended()).map((e) => e.action)).toEqual(['vms.action']);

    audit.begin('grants.revoke', { id: 'g1' }, null)!.end(null, { id: 'g1', host: 'h1', vm: 'web', for: 'ann' });
    await audit.settle();
    const lines = parseLines(appended());
    expect(lines.map((e) => [e.action, e.host, e.vm, e.object])).toEqual([['vms.action', 'h1', 'web', null], ['grants.revoke', 'h1', 'web', 'g1']]);
    const merged = await audit.list({ host: 'h1' });
    expect(merged.unreadHosts).toEqual([]);
    expect(merged.entries).toHaveLength(2); // the host's copies and the local ones are one entry each
  } finally {
    audit.close();
  }
});
