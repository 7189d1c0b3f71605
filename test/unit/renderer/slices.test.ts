import { report } from '../../../shared/model/errors.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { setBackend } from '../../../renderer/state/backend.js';
import { useHosts } from '../../../renderer/state/hosts-slice.js';
import { vmKey } from '../../../renderer/state/keys.js';
import { HISTORY_SAMPLES, useStats } from '../../../renderer/state/stats-slice.js';
import { applyEvent, startSync } from '../../../renderer/state/sync.js';
import { useTasks } from '../../../renderer/state/tasks-slice.js';
import { useUi } from '../../../renderer/state/ui-slice.js';
import { useVms } from '../../../renderer/state/vms-slice.js';
import { createFakeBackend, type FakeBackend } from '../../fixtures/renderer/fake-backend.js';
import { fakeHost, fakeTask, fakeVm } from '../../fixtures/renderer/fake-vms.js';

let backend: FakeBackend;

beforeEach(async () => {
  useHosts.setState({ byName: {}, loaded: false });
  useVms.setState({ byKey: {}, liveEvents: {}, loaded: false });
  useStats.setState({ series: {} });
  useTasks.setState({ byId: {} });
  const vms = [fakeVm('h1', 1, { state: 'running' }), fakeVm('h1', 2), fakeVm('h2', 3, { state: 'running' })];
  backend = createFakeBackend([fakeHost('h1', 1), fakeHost('h2', 2)], vms, [fakeTask('t1')]);
  setBackend(backend);
  await startSync();
});

describe('sync', () => {
  it('loads hosts, VMs (keyed host/uuid) and tasks', () => {
    expect(Object.keys(useHosts.getState().byName).sort()).toEqual(['h1', 'h2']);
    const vm = fakeVm('h1', 1);
    expect(useVms.getState().byKey[vmKey('h1', vm.uuid)]?.name).toBe(vm.name);
    expect(Object.keys(useVms.getState().byKey)).toHaveLength(3);
    expect(useTasks.getState().byId.t1?.state).toBe('running');
  });

  it('replays events that arrive while the lists load, after them', async () => {
    const late = fakeVm('h2', 9, { name: 'born-during-load' });
    const b = createFakeBackend([fakeHost('h2', 2)], [], []);
    const list = b.api['vms.list'];
    // The event arrives while vms.list is in flight; the list (older) must not overwrite it.
    b.api['vms.list'] = async (input) => {
      b.emit({ type: 'vm-updated', vm: late });
      return list(input);
    };
    setBackend(b);
    await startSync();
    expect(useVms.getState().byKey[vmKey('h2', late.uuid)]?.name).toBe('born-during-load');
  });
});

describe('applyEvent', () => {
  it('vm-updated upserts and vm-removed forgets the VM and its stats', () => {
    const vm = fakeVm('h1', 1, { state: 'paused' });
    applyEvent({ type: 'vm-updated', vm });
    expect(useVms.getState().byKey[vmKey('h1', vm.uuid)]?.state).toBe('paused');
    backend.tick(1_000);
    expect(useStats.getState().series[vmKey('h2', fakeVm('h2', 3).uuid)]).toBeDefined();
    applyEvent({ type: 'vm-removed', host: 'h1', uuid: vm.uuid, name: vm.name });
    expect(useVms.getState().byKey[vmKey('h1', vm.uuid)]).toBeUndefined();
    expect(useStats.getState().series[vmKey('h1', vm.uuid)]).toBeUndefined();
  });

  it('host going offline marks its VMs stale; coming back reloads them fresh', async () => {
    const reset = report('libvirt.closed', { message: 'connection reset' });
    applyEvent({ type: 'host-status', host: 'h1', status: 'offline', since: '2026-11-23T10:00:00Z', error: reset });
    const h1 = useHosts.getState().byName.h1;
    expect(h1?.status).toBe('offline');
    expect(h1?.lastError).toEqual(reset);
    const vms = Object.values(useVms.getState().byKey);
    expect(vms.filter((v) => v.host === 'h1').every((v) => v.stale)).toBe(true);
    expect(vms.filter((v) => v.host === 'h2').every((v) => !v.stale)).toBe(true);

    applyEvent({ type: 'host-status', host: 'h1', status: 'online', since: '2026-11-23T10:05:00Z', error: null });
    await new Promise((r) => setTimeout(r, 0));
    expect(backend.calls.some((c) => c.name === 'vms.list' && (c.input as { host?: string }).host === 'h1')).toBe(true);
    expect(Object.values(useVms.getState().byKey).some((v) => v.stale)).toBe(false);
  });

  it('a removed host goes with its VMs and their stats at once', async () => {
    backend.tick(1_000);
    useUi.getState().setHostFilter('h1');
    await useHosts.getState().remove('h1');
    expect(useUi.getState().hostFilter).toBeNull();
    expect(useHosts.getState().byName.h1).toBeUndefined();
    expect(Object.values(useVms.getState().byKey).map((v) => v.host)).toEqual(['h2']);
    expect(Object.keys(useStats.getState().series).every((k) => k.startsWith('h2/'))).toBe(true);
    expect(Object.keys(useStats.getState().series)).not.toHaveLength(0);
  });

  it('"Refresh host" replaces that host\'s rows with what the core re-read', async () => {
    const gone = fakeVm('h1', 2);
    useVms.getState().upsert(fakeVm('h1', 7, { name: 'only-here' }));
    backend.api['vms.refreshHost'] = async ({ host }) => [fakeVm(host, 1, { state: 'shutoff' })];
    await useVms.getState().refreshHost('h1');
    const h1 = Object.values(useVms.getState().byKey).filter((v) => v.host === 'h1');
    expect(h1.map((v) => [v.name, v.state])).toEqual([[fakeVm('h1', 1).name, 'shutoff']]);
    expect(useVms.getState().byKey[vmKey('h1', gone.uuid)]).toBeUndefined();
    expect(Object.values(useVms.getState().byKey).some((v) => v.host === 'h2')).toBe(true);
  });

  it('task events upsert tasks', () => {
    const boom = report('internal', { message: 'boom' });
    applyEvent({ type: 'task', task: fakeTask('t1', { state: 'failed', error: boom }) });
    applyEvent({ type: 'task', task: fakeTask('t2') });
    expect(useTasks.getState().byId.t1?.error).toEqual(boom);
    expect(Object.keys(useTasks.getState().byId).sort()).toEqual(['t1', 't2']);
  });

  it('domain events are kept per VM, newest first', () => {
    const key = vmKey('h1', 'u1');
    applyEvent({ type: 'domain-event', host: 'h1', uuid: 'u1', name: 'a', event: 'lifecycle', detail: 'started', at: '1' });
    applyEvent({ type: 'domain-event', host: 'h1', uuid: 'u1', name: 'a', event: 'reboot', detail: '', at: '2' });
    expect(useVms.getState().liveEvents[key]?.map((e) => e.event)).toEqual(['reboot', 'lifecycle']);
  });
});

describe('stats slice', () => {
  it('derives CPU % per tick and keeps a bounded history', () => {
    const key = vmKey('h2', fakeVm('h2', 3).uuid);
    const t0 = Date.parse('2026-11-23T10:00:00Z');
    for (let i = 0; i < HISTORY_SAMPLES + 25; i++) backend.tick(t0 + i * 1000);
    const s = useStats.getState().series[key];
    expect(s?.history.size).toBe(HISTORY_SAMPLES);
    expect(s?.latest.cpuPct).toBeGreaterThan(0);
    expect(s?.latest.cpuPct).toBeLessThanOrEqual(100);
    expect(s?.history.toArray()[0]?.at).toBe(t0 + 25_000);
  });

  it('ignores a duplicate or older tick', () => {
    backend.tick(5_000);
    const before = useStats.getState().series;
    backend.tick(5_000);
    backend.tick(4_000);
    const key = vmKey('h2', fakeVm('h2', 3).uuid);
    expect(useStats.getState().series[key]?.history.size).toBe(before[key]?.history.size);
  });

  it('a tick of one host leaves the other host\'s series objects untouched (no re-render)', () => {
    backend.tick(1_000);
    const k1 = vmKey('h1', fakeVm('h1', 1).uuid);
    const k2 = vmKey('h2', fakeVm('h2', 3).uuid);
    const before = useStats.getState().series;
    const h2stats = before[k2]?.raw.stats;
    if (!h2stats) throw new Error('h2 VM has no stats');
    useStats.getState().applyStats('h2', new Date(2_000).toISOString(), [{ ...h2stats, cpuTimeNs: (h2stats.cpuTimeNs ?? 0) + 1e9 }]);
    const after = useStats.getState().series;
    expect(after[k1]).toBe(before[k1]);
    expect(after[k2]).not.toBe(before[k2]);
    expect(after[k2]?.latest.cpuPct).toBeCloseTo(100 / (h2stats.vcpus ?? 1), 6);
  });
});
