// The one door records every action of a real core (no host needed): a plain call that succeeds, one that fails with
// its code, a task call with its task id; reads leave no entry; bad input is refused before anything is recorded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../electron/core/core.js';
import { whoAmI } from '../../../electron/core/audit/audit-service.js';

describe('the dispatcher audits actions, not reads', () => {
  const home = mkdtempSync(join(tmpdir(), 'vd-audit-'));
  let core: Core;
  beforeAll(async () => {
    core = await createCore({ home, autoConnect: false, watch: false });
  });
  afterAll(async () => {
    await core.close();
    rmSync(home, { recursive: true, force: true });
  });

  const entries = async () => (await core.call('audit.list', {})).entries;

  it('records who, what, target and result of a plain call; a failure with its error code', async () => {
    await core.call('flavors.add', { name: 'tiny', vcpus: 1, memoryMiB: 512, diskBytes: 1073741824 });
    const failed = await core.dispatch('hosts.remove', { name: 'nowhere' });
    expect(failed).toMatchObject({ ok: false, code: 'host.not-found' });
    await core.call('flavors.list', {});
    await core.dispatch('flavors.remove', { name: '' }); // bad input: refused, nothing done, nothing recorded
    const list = await entries();
    expect(list.map((e) => [e.action, e.host, e.object, e.result, e.code])).toEqual([
      ['hosts.remove', 'nowhere', null, 'error', 'host.not-found'],
      ['flavors.add', null, 'tiny', 'ok', null],
    ]);
    expect(list[1]).toMatchObject({ user: whoAmI(), taskId: null, args: { name: 'tiny', vcpus: 1 } });
    expect(Date.parse(list[1]!.endedAt!)).toBeGreaterThanOrEqual(Date.parse(list[1]!.at));
  });

  it('a task call is recorded with its task id and how the task ended', async () => {
    const r = await core.dispatch('vms.action', { ref: { host: 'nowhere', vm: 'web' }, action: 'start' });
    expect(r.ok).toBe(true);
    const taskId = (r as { value: { taskId: string } }).value.taskId;
    await expect.poll(async () => (await entries()).find((e) => e.taskId === taskId)?.result).toBe('error');
    expect((await entries()).find((e) => e.taskId === taskId)).toMatchObject({ action: 'vms.action', host: 'nowhere', vm: 'web', code: 'host.not-found' });
    const filtered = await core.call('audit.list', { vm: 'web', result: 'error' });
    expect(filtered.entries.map((e) => e.taskId)).toEqual([taskId]);
    expect(filtered.unreadHosts).toEqual([]);
  });
});
