// The audit log shared through the hosts: what home B (a CLI process) does on a host shows in home A's audit view
// of that host, read from the host's own audit file; a failed action carries its error code; home A's actions reach
// the file too, and B's `virtdeck audit` lists them. No guest boots (a tiny defined domain is enough).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core.js';
import type { AuditEntry } from '../../../shared/model/audit.js';
import { testbed } from '../testbed.js';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HOST_AUDIT_FILE } from '../../../shared/model/audit.js';
import { coreWithHosts, defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, sshdControl, tempHome, uniq } from './helpers.js';

const tb = testbed();

/** The audit lines on test-bed host `index` (read inside the host, not through VirtDeck) that mention `text`. */
function hostLines(index: number, text: string): AuditEntry[] {
  const r = spawnSync(join(tb.dir, 'bin', 'tbns'), [String(index), 'cat', HOST_AUDIT_FILE], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes(text)).map((l) => JSON.parse(l) as AuditEntry);
}

describe.skipIf(!tb.available)('audit log shared through the hosts', () => {
  const homeA = tempHome('vd-audit-a-');
  const homeB = tempHome('vd-audit-b-');
  const vm = uniq('audit');
  const missing = uniq('no-such-vm');
  let core: Core;

  beforeAll(async () => {
    defineTinyDomain(tb, 1, vm);
    core = await coreWithHosts(tb, homeA, [1]);
    expect(await runCli(homeB, hostAddArgs(tb, 1, knownHostsCopy(tb, homeB)))).toMatchObject({ code: 0 });
  }, 120_000);

  afterAll(async () => {
    await core?.close();
    sshdControl(tb, 2).start();
    purgeDomain(tb, 1, vm);
  });

  it("home B's actions, done and failed, appear in home A's audit view of the host", async () => {
    expect(await runCli(homeB, ['vm', 'owner', `h1/${vm}`, 'bob'])).toMatchObject({ code: 0 });
    expect(await runCli(homeB, ['vm', 'start', `h1/${missing}`])).toMatchObject({ code: 1 });

    const { entries, unreadHosts } = await core.call('audit.list', { host: 'h1', since: new Date(Date.now() - 600_000).toISOString() });
    expect(unreadHosts).toEqual([]);
    const owner = entries.find((e) => e.action === 'vms.setOwner' && e.vm === vm);
    expect(owner).toMatchObject({ host: 'h1', result: 'ok', code: null, args: { owner: 'bob' } });
    expect(owner?.user).toMatch(/^[^@]+@.+$/);
    const failed = entries.find((e) => e.action === 'vms.action' && e.vm === missing);
    expect(failed).toMatchObject({ host: 'h1', result: 'error', code: 'vm.not-found', args: { action: 'start' } });
    expect(failed?.taskId).toMatch(/^[0-9a-f-]{36}$/);
    // Neither is in A's own log: they came from the host's file.
    const local = await core.call('audit.list', { host: 'h1', text: missing });
    expect(local.entries.map((e) => e.id)).toEqual([failed!.id]);
  });

  it("home A's actions reach the host's file: B's `virtdeck audit --host` lists them, once each", async () => {
    await core.call('vms.setNotes', { ref: { host: 'h1', vm }, notes: 'from home A' });
    await core.audit.settle();
    const r = await runCli(homeB, ['audit', '--host', 'h1', '--vm', vm, '--json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const listed = JSON.parse(r.stdout) as AuditEntry[];
    expect(listed.map((e) => e.action)).toEqual(['vms.setNotes', 'vms.setOwner']);
    expect(new Set(listed.map((e) => e.id)).size).toBe(2);
    const table = await runCli(homeB, ['audit', '--host', 'h1', '--since', new Date().toISOString().slice(0, 10), '--result', 'error', '--text', missing]);
    expect(table.stdout).toMatch(new RegExp(`vms\\.action +h1/${missing} +error vm\\.not-found`));
  });

  it('an action while the host is offline is kept here and reaches its file when the host is back', async () => {
    const away = uniq('offline-vm');
    expect(await runCli(homeB, hostAddArgs(tb, 2, knownHostsCopy(tb, homeB)))).toMatchObject({ code: 0 });
    const sshd = sshdControl(tb, 2);
    sshd.drop();
    try {
      expect(await runCli(homeB, ['vm', 'owner', `h2/${away}`, 'carol'])).toMatchObject({ code: 1 });
      expect(hostLines(2, away)).toEqual([]);
    } finally {
      sshd.start();
    }
    // The next command that connects h2 (here: reading its audit view) sends what waited.
    const r = await runCli(homeB, ['audit', '--host', 'h2', '--vm', away, '--json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const [entry] = JSON.parse(r.stdout) as AuditEntry[];
    expect(entry).toMatchObject({ action: 'vms.setOwner', host: 'h2', vm: away, result: 'error' });
    expect(hostLines(2, away)).toEqual([entry]);
  });
});
