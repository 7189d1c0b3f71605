// The audit log shared through the hosts: what home B (a CLI process) does on a host shows in home A's audit view
// of that host, read from the host's own audit file; a failed action carries its error code; home A's actions reach
// the file too, and B's `virtdeck audit` lists them; a host's file past its bound is rotated to `.1` and a list still
// reads both generations. No guest boots (a tiny defined domain is enough).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core.js';
import type { AuditEntry } from '../../../shared/model/audit.js';
import { testbed } from '../testbed.js';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { HOST_AUDIT_FILE } from '../../../shared/model/audit.js';
import { entryLine } from '../../../electron/core/audit/audit-entries.js';
import { HOST_FILE_MAX, olderGeneration } from '../../../electron/core/audit/host-audit-file.js';
import { coreWithHosts, defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, sshdControl, tempHome, uniq } from './helpers.js';

const tb = testbed();

/** The audit lines on test-bed host `index` (read inside the host, not through VirtDeck) that mention `text`. */
function hostLines(index: number, text: string, file = HOST_AUDIT_FILE): AuditEntry[] {
  const r = spawnSync(join(tb.dir, 'bin', 'tbns'), [String(index), 'cat', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return r.stdout.split('\n').filter((l) => l.includes(text)).map((l) => JSON.parse(l) as AuditEntry);
}

/** The size of a file on test-bed host `index` (read inside the host), or null when it is missing. */
function hostFileSize(index: number, file: string): number | null {
  const r = spawnSync(join(tb.dir, 'bin', 'tbns'), [String(index), 'stat', '-c', '%s', file], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
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

  it("a host's file past its bound goes to .1 at the next append; a list still reads both generations", async () => {
    // Another home's lines, appended raw until h1's file is just past the bound.
    const filler = uniq('filler');
    const t = core.hostRegistry.get('h1').transport;
    const size = (await (await t.files()).size(HOST_AUDIT_FILE)) ?? 0;
    const base = Date.now() - 60_000;
    const line = (n: number): string =>
      entryLine({ id: randomUUID(), at: new Date(base + n).toISOString(), endedAt: new Date(base + n).toISOString(), user: 'dan@elsewhere',
        action: 'vms.setNotes', host: 'h1', vm: filler, object: null, result: 'ok', code: null, taskId: null, args: { n } });
    const lines: string[] = [];
    for (let bytes = size; bytes <= HOST_FILE_MAX; ) {
      lines.push(line(lines.length));
      bytes += Buffer.byteLength(lines.at(-1)!);
    }
    await t.appendFile(HOST_AUDIT_FILE, Buffer.from(lines.join('')));
    expect(hostFileSize(1, HOST_AUDIT_FILE)).toBeGreaterThan(HOST_FILE_MAX);
    const newest = JSON.parse(lines.at(-1)!) as AuditEntry;

    await core.call('vms.setNotes', { ref: { host: 'h1', vm }, notes: 'past the bound' });
    await core.audit.settle();
    // The full file became .1 (whole: its newest filler line is there); the current file holds only the new line.
    expect(hostFileSize(1, olderGeneration(HOST_AUDIT_FILE))).toBeGreaterThan(HOST_FILE_MAX);
    expect(hostLines(1, newest.id, olderGeneration(HOST_AUDIT_FILE))).toEqual([newest]);
    const current = hostLines(1, '"id"');
    expect(current.map((e) => [e.action, e.vm, e.args])).toEqual([['vms.setNotes', vm, { notes: 'past the bound' }]]);

    // Home B lists h1 from the host's files alone (neither is in its own log): the new line from the current file,
    // the filler from .1.
    const listed = async (args: string[]): Promise<string[]> => {
      const r = await runCli(homeB, ['audit', '--host', 'h1', ...args, '--json']);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      return (JSON.parse(r.stdout) as AuditEntry[]).map((e) => e.id);
    };
    expect(await listed(['--vm', vm, '--limit', '1'])).toEqual([current[0]!.id]);
    expect(await listed(['--vm', filler, '--limit', '2'])).toEqual([newest.id, (JSON.parse(lines.at(-2)!) as AuditEntry).id]);
  });
});
