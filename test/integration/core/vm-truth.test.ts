// The VM list tells the truth, on real hosts: the reconcile finds and fixes what the inventory has wrong with one
// bulk call, "Refresh host" re-reads a host, a removed host's VMs go with it (one event), and a shutdown a BIOS-only
// guest ignores fails with vm.shutdown-ignored after its wait while the VM keeps running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import type { CoreEvent } from '../../../shared/model/events.js';
import { coreError } from '../../fixtures/core-error.js';
import { testbed } from '../testbed.js';
import { defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, sshHostConfig, tempHome, uniq } from './helpers.js';

const tb = testbed();

describe.skipIf(!tb.available)('VM list truth on real hosts', () => {
  const home = tempHome();
  let core: Core;
  const events: CoreEvent[] = [];
  const off = uniq('truth-off');
  const deaf = uniq('truth-deaf');

  beforeAll(async () => {
    const kh = knownHostsCopy(tb, home);
    defineTinyDomain(tb, 1, off);
    defineTinyDomain(tb, 1, deaf);
    tb.virsh(1, 'start', deaf);
    core = await createCore({ home, autoConnect: true });
    core.onEvent((e) => events.push(e));
    await core.call('hosts.add', { config: sshHostConfig(tb, 1, kh) });
  });

  afterAll(async () => {
    await core?.close();
    purgeDomain(tb, 1, off);
    purgeDomain(tb, 1, deaf);
  });

  const row = (name: string) => core.vms.list({ host: 'h1' }).find((v) => v.name === name);

  it('the reconcile re-reads a VM whose state the inventory has wrong, and then finds nothing more', async () => {
    const vm = row(off);
    if (!vm) throw new Error(`${off} not listed`);
    expect(vm.state).toBe('shutoff');
    // An event that never arrived: the inventory says running.
    core.inventory.upsertVm('h1', { ...vm, state: 'running' }, new Date());
    expect(row(off)?.state).toBe('running');
    expect(await core.vms.reconcile('h1')).toBeGreaterThanOrEqual(1);
    expect(row(off)?.state).toBe('shutoff');
    expect(await core.vms.reconcile('h1')).toBe(0);
  });

  it('"Refresh host" re-reads every domain of the host', async () => {
    const vm = row(off);
    if (!vm) throw new Error(`${off} not listed`);
    core.inventory.upsertVm('h1', { ...vm, state: 'paused' }, new Date());
    const listed = await core.call('vms.refreshHost', { host: 'h1' });
    expect(listed.find((v) => v.name === off)?.state).toBe('shutoff');
    expect(listed.find((v) => v.name === deaf)?.state).toBe('running');
  });

  it('a shutdown the guest ignores fails with vm.shutdown-ignored after its wait; the VM is still running', async () => {
    const action = core.call('vms.action', { ref: { host: 'h1', vm: deaf }, action: 'shutdown', waitSec: 3 });
    await expect(action).rejects.toEqual(coreError('vm.shutdown-ignored', { host: 'h1', vm: deaf, seconds: 3 }));
    expect(tb.virsh(1, 'domstate', deaf)).toBe('running');
    expect(row(deaf)?.state).toBe('running');
    const task = core.tasks.list().find((t) => t.op === 'vm.shutdown' && t.args['vm'] === deaf);
    expect(task).toMatchObject({ state: 'failed', host: 'h1', args: { vm: deaf, host: 'h1' }, error: { code: 'vm.shutdown-ignored' } });
  });

  it('the CLI says the guest ignored the shutdown after --wait, with a non-zero exit', async () => {
    const cliHome = tempHome('vd-truth-cli-');
    const add = await runCli(cliHome, hostAddArgs(tb, 1, knownHostsCopy(tb, cliHome)));
    expect(add.code, add.stderr).toBe(0);
    const r = await runCli(cliHome, ['vm', 'shutdown', `h1/${deaf}`, '--wait', '2']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`VM "${deaf}" on h1 is still running 2 s after the shutdown request`);
    const bad = await runCli(cliHome, ['vm', 'shutdown', `h1/${deaf}`, '--wait', 'soon']);
    expect(bad.code).toBe(2);
  });

  it('removing the host takes its VMs from the list with one host-removed event', async () => {
    expect(core.vms.list({}).some((v) => v.host === 'h1')).toBe(true);
    const before = events.length;
    await core.call('hosts.remove', { name: 'h1' });
    expect(events.slice(before)).toContainEqual({ type: 'host-removed', host: 'h1' });
    expect(core.vms.list({}).some((v) => v.host === 'h1')).toBe(false);
  });
});
