// The core in-process against real hosts: state from events (virsh behind our back), offline → stale → reconnect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreError } from '../../fixtures/core-error.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import type { CoreEvent } from '../../../shared/model/events.js';
import { testbed } from '../testbed.js';
import { defineTinyDomain, knownHostsCopy, purgeDomain, sh, sshHostConfig, tempHome, uniq, waitFor } from './helpers.js';

const tb = testbed();

describe.skipIf(!tb.available)('core with live hosts', () => {
  const home = tempHome();
  let core: Core;
  const events: Array<{ at: number; e: CoreEvent }> = [];
  const names = [uniq('live-a'), uniq('live-b')];

  beforeAll(async () => {
    const kh = knownHostsCopy(tb, home);
    names.forEach((n) => defineTinyDomain(tb, 3, n));
    core = await createCore({ home, autoConnect: true });
    core.onEvent((e) => events.push({ at: performance.now(), e }));
    for (const h of tb.hosts) await core.call('hosts.add', { config: sshHostConfig(tb, h.index, kh) });
  });

  afterAll(async () => {
    await core?.close();
    names.forEach((n) => purgeDomain(tb, 3, n));
  });

  const row = (name: string) => core.vms.list({ host: 'h3' }).find((v) => v.name === name);

  it('a domain started and stopped with virsh behind the app shows up through events within 1 s', async () => {
    const name = names[0] as string;
    expect(row(name)?.state).toBe('shutoff');
    for (const [cmd, state] of [['start', 'running'], ['destroy', 'shutoff']] as const) {
      const before = events.length;
      tb.virsh(3, cmd, name);
      const returned = performance.now();
      await waitFor(`${name} ${state}`, () => row(name)?.state === state, 1000, 5);
      const ev = events.slice(before).find((x) => x.e.type === 'vm-updated' && x.e.vm.name === name && x.e.vm.state === state);
      expect(ev, 'vm-updated event').toBeDefined();
      expect((ev?.at ?? Infinity) - returned).toBeLessThan(1000);
    }
    const history = core.vms.events({ host: 'h3', vm: name }).map((e) => e.message);
    expect(history).toEqual(expect.arrayContaining(['started (booted)', 'stopped (destroyed)']));
    // The same events as data the front ends word.
    const params = core.vms.events({ host: 'h3', vm: name }).map((e) => (e.data as { params?: unknown } | null)?.params);
    expect(params).toEqual(expect.arrayContaining([{ event: 'started', detail: 'booted' }, { event: 'stopped', detail: 'destroyed' }]));
  });

  it('a VM defined by hand appears without polling; undefine removes it', async () => {
    const name = uniq('hand');
    defineTinyDomain(tb, 1, name);
    await waitFor('hand-made VM', () => core.vms.list({ host: 'h1' }).some((v) => v.name === name), 1000, 5);
    tb.virsh(1, 'undefine', name);
    await waitFor('removal', () => !core.vms.list({ host: 'h1' }).some((v) => v.name === name), 1000, 5);
  });

  it("stopping a host's sshd makes its VMs stale with last seen; it reconnects by itself and nothing is lost", async () => {
    const before = core.vms.list({ host: 'h3' });
    expect(before.length).toBeGreaterThanOrEqual(2);
    const tbns = `${tb.dir}/bin/tbns`;
    const killedAt = Date.now();
    await sh(tbns, ['3', 'sh', '-c', 'kill $(cat /run/sshd.pid); pkill -f "[s]shd: root" || true']);
    try {
      await waitFor('h3 not online', () => core.hostRegistry.info('h3').status !== 'online', 20_000, 50);
      const stale = core.vms.list({ host: 'h3' });
      expect(stale.map((v) => v.uuid).sort()).toEqual(before.map((v) => v.uuid).sort());
      expect(stale.every((v) => v.stale && v.lastSeen.length > 0)).toBe(true);
      // Seen until the link dropped (events kept them true until then), not at the last full listing.
      expect(stale.every((v) => Date.parse(v.lastSeen) >= killedAt)).toBe(true);
      await expect(core.vms.action({ host: 'h3', vm: names[1] as string }, 'start')).rejects.toThrow(coreError('host.offline'));
    } finally {
      await sh(tbns, ['3', '/usr/sbin/sshd', '-f', `${tb.dir}/hosts/h3/ssh/sshd_config`, '-E', `${tb.dir}/hosts/h3/log/sshd.log`]);
    }
    await waitFor('h3 online again', () => core.hostRegistry.info('h3').status === 'online', 40_000, 50);
    const after = core.vms.list({ host: 'h3' });
    expect(after.map((v) => v.uuid).sort()).toEqual(before.map((v) => v.uuid).sort());
    expect(after.every((v) => !v.stale)).toBe(true);
    expect(new Set(after.map((v) => v.uuid)).size).toBe(after.length);
    await core.vms.action({ host: 'h3', vm: names[1] as string }, 'start');
    expect(tb.virsh(3, 'domstate', names[1] as string)).toBe('running');
    tb.virsh(3, 'destroy', names[1] as string);
  });
});
