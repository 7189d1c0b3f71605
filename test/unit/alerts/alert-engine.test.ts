// The alert rule state machine over a real (in-memory) alert store and a fake clock: each alert fires once while
// its condition holds, clears once when it stops, and VirtDeck's own actions do not count as trouble.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_GRACE_MS, AlertEngine, type HostLevels } from '../../../electron/core/alerts/alert-engine.js';
import { AlertStore } from '../../../electron/inventory/alert-store.js';
import type { AlertRecord } from '../../../shared/model/alerts.js';
import type { CoreEvent } from '../../../shared/model/events.js';
import type { PoolInfo } from '../../../shared/model/storage.js';
import type { TaskInfo } from '../../../shared/model/task.js';
import type { VmInfo } from '../../../shared/model/vm.js';

const stores: AlertStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function setup(store = AlertStore.open(':memory:')) {
  stores.push(store);
  let now = Date.parse('2026-01-01T00:00:00Z');
  const fired: AlertRecord[] = [];
  const cleared: AlertRecord[] = [];
  const engine = new AlertEngine(() => store, { fired: (a) => fired.push(a), cleared: (a) => cleared.push(a) }, () => new Date(now));
  return { store, engine, fired, cleared, advance: (ms: number) => void (now += ms), at: () => new Date(now).toISOString() };
}

const status = (host: string, s: 'online' | 'offline' | 'reconnecting'): CoreEvent => ({ type: 'host-status', host, status: s, since: '', error: null });
const lifecycle = (event: string, detail: string, name = 'web'): CoreEvent => ({ type: 'domain-event', host: 'h1', uuid: `u-${name}`, name, event, detail, at: '' });

function task(id: string, state: TaskInfo['state'], endedAt: string | null, args: TaskInfo['args'] = { vm: 'web', host: 'h1' }): CoreEvent {
  return {
    type: 'task',
    task: { id, op: 'vm.destroy', args, host: 'h1', state, progress: null, message: null, error: state === 'failed' ? { code: 'vm.not-found', params: {} } : null, result: null, cancellable: false, steps: [], startedAt: '', endedAt },
  };
}

function pool(name: string, allocation: number, capacity = 100): PoolInfo {
  return { host: 'h1', name, uuid: name, type: 'dir', state: 'running', autostart: true, capacity, allocation, available: capacity - allocation, targetPath: null, source: null } as PoolInfo;
}

function vm(host: string, name: string, ips: string[], state: VmInfo['state'] = 'running'): VmInfo {
  return { host, name, uuid: `u-${name}`, state, ips, stale: false } as VmInfo;
}

const levels = (...pools: PoolInfo[]): HostLevels[] => [{ host: 'h1', pools, memory: { usedKiB: 10, totalKiB: 100 } }];

describe('alert engine', () => {
  it('host offline fires once however often it is said, clears once on its return, and fires again next time', () => {
    const { engine, fired, cleared, store } = setup();
    engine.onEvent(status('h1', 'reconnecting'));
    expect(fired).toHaveLength(0); // a blip while it reconnects is not "offline"
    engine.onEvent(status('h1', 'offline'));
    engine.onEvent(status('h1', 'offline'));
    expect(fired.map((a) => [a.rule, a.key, a.state])).toEqual([['host-offline', 'host-offline/h1', 'firing']]);
    expect(store.open()).toHaveLength(1);
    engine.onEvent(status('h1', 'online'));
    engine.onEvent(status('h1', 'online'));
    expect(cleared.map((a) => [a.key, a.state, a.clearedAt !== null])).toEqual([['host-offline/h1', 'cleared', true]]);
    engine.onEvent(status('h1', 'offline'));
    expect(fired).toHaveLength(2);
    expect(store.history(10).map((a) => a.state)).toEqual(['firing', 'cleared']);
  });

  it('the open alerts live in the store: a new engine (a restart, another process) does not fire them again', () => {
    const first = setup();
    first.engine.onEvent(status('h1', 'offline'));
    const second = setup(first.store);
    stores.pop();
    second.engine.onEvent(status('h1', 'offline'));
    expect(second.fired).toHaveLength(0);
    second.engine.onEvent(status('h1', 'online'));
    expect(second.cleared).toHaveLength(1);
  });

  it('a VM stopped behind VirtDeck\'s back fires; started again it clears', () => {
    const { engine, fired, cleared } = setup();
    engine.onEvent(lifecycle('stopped', 'destroyed'));
    engine.onEvent(lifecycle('stopped', 'destroyed'));
    expect(fired.map((a) => [a.key, a.params])).toEqual([['vm-stopped/h1/u-web', { host: 'h1', vm: 'web', detail: 'stopped/destroyed' }]]);
    engine.onEvent(lifecycle('started', 'booted'));
    expect(cleared.map((a) => a.key)).toEqual(['vm-stopped/h1/u-web']);
  });

  it('a crash fires; a migration or a snapshot revert does not', () => {
    const { engine, fired } = setup();
    engine.onEvent(lifecycle('stopped', 'migrated', 'a'));
    engine.onEvent(lifecycle('stopped', 'from-snapshot', 'b'));
    engine.onEvent(lifecycle('crashed', 'panicked', 'c'));
    expect(fired.map((a) => a.params.vm)).toEqual(['c']);
  });

  it("a stop during a VirtDeck task on the VM, or just after it, is VirtDeck's own; later ones fire", () => {
    const { engine, fired, advance, at } = setup();
    engine.onEvent(task('t1', 'running', null));
    engine.onEvent(lifecycle('stopped', 'destroyed'));
    engine.onEvent(task('t1', 'succeeded', at()));
    advance(ACTION_GRACE_MS - 1);
    engine.onEvent(lifecycle('stopped', 'destroyed'));
    expect(fired).toHaveLength(0);
    engine.onEvent(lifecycle('stopped', 'destroyed', 'other')); // a task on another VM does not cover this one
    expect(fired.map((a) => a.params.vm)).toEqual(['other']);
    advance(2);
    engine.onEvent(lifecycle('stopped', 'destroyed'));
    expect(fired.map((a) => a.params.vm)).toEqual(['other', 'web']);
  });

  it("another process's VirtDeck task (noted in the shared store by a core that evaluates nothing) also counts", () => {
    const dir = mkdtempSync(join(tmpdir(), 'vd-alerts-'));
    const cli = setup(AlertStore.open(join(dir, 'alerts.sqlite')));
    const watch = setup(AlertStore.open(join(dir, 'alerts.sqlite')));
    const t = task('t9', 'running', null);
    if (t.type === 'task') cli.engine.noteTask(t.task);
    watch.engine.onEvent(lifecycle('stopped', 'destroyed'));
    watch.engine.onEvent(lifecycle('stopped', 'destroyed', 'other'));
    expect(watch.fired.map((a) => a.params.vm)).toEqual(['other']);
  });

  it('a failed task fires once; the same task succeeding later clears it', () => {
    const { engine, fired, cleared, at } = setup();
    engine.onEvent(task('t1', 'failed', at()));
    engine.onEvent(task('t2', 'failed', at()));
    expect(fired.map((a) => [a.rule, a.params.op, a.params.error])).toEqual([['task-failed', 'vm.destroy', 'vm.not-found']]);
    engine.onEvent(task('t3', 'succeeded', at(), { vm: 'db', host: 'h1' }));
    expect(cleared).toHaveLength(0);
    engine.onEvent(task('t4', 'succeeded', at()));
    expect(cleared.map((a) => a.rule)).toEqual(['task-failed']);
  });

  it('guest agent gone fires only when turned on, and clears when it connects again', () => {
    const { engine, fired, cleared, store } = setup();
    engine.onEvent(lifecycle('disconnected', 'channel'));
    expect(fired).toHaveLength(0); // off by default
    store.setRule({ id: 'agent-gone', enabled: true, threshold: null });
    engine.onEvent(lifecycle('disconnected', 'channel'));
    engine.onEvent(lifecycle('connected', 'channel'));
    expect([fired.map((a) => a.rule), cleared.map((a) => a.rule)]).toEqual([['agent-gone'], ['agent-gone']]);
  });

  it('a pool fires at its threshold (default 90 %) once per check run, and clears below it', () => {
    const { engine, fired, cleared, store } = setup();
    engine.check(levels(pool('images', 89), pool('big', 90)), []);
    engine.check(levels(pool('images', 89), pool('big', 95)), []);
    expect(fired.map((a) => [a.key, a.params.percent])).toEqual([['pool-full/h1/big', 90]]);
    engine.check(levels(pool('images', 89), pool('big', 50)), []);
    expect(cleared.map((a) => a.key)).toEqual(['pool-full/h1/big']);
    store.setRule({ id: 'pool-full', enabled: true, threshold: 80 });
    engine.check(levels(pool('images', 89)), []);
    expect(fired.map((a) => a.key)).toEqual(['pool-full/h1/big', 'pool-full/h1/images']);
  });

  it("a host left out of a check (not online) keeps its pool alert as it is", () => {
    const { engine, cleared } = setup();
    engine.check(levels(pool('big', 99)), []);
    engine.check([], []);
    expect(cleared).toHaveLength(0);
  });

  it('host memory fires above its threshold when turned on', () => {
    const { engine, fired, cleared, store } = setup();
    const mem = (usedKiB: number): HostLevels[] => [{ host: 'h1', pools: [], memory: { usedKiB, totalKiB: 100 } }];
    engine.check(mem(95), []);
    expect(fired).toHaveLength(0);
    store.setRule({ id: 'host-memory', enabled: true, threshold: 90 });
    engine.check(mem(95), []);
    engine.check(mem(96), []);
    engine.check(mem(40), []);
    expect([fired.map((a) => a.params.percent), cleared.map((a) => a.key)]).toEqual([[95], ['host-memory/h1']]);
  });

  it('an address two running VMs claim fires once with its holders; it clears when one lets go', () => {
    const { engine, fired, cleared } = setup();
    const a = vm('h1', 'a', ['10.0.0.5']);
    engine.check([], [a, vm('h2', 'b', ['10.0.0.5', '10.0.0.6']), vm('h2', 'c', ['10.0.0.6'], 'shutoff')]);
    engine.check([], [a, vm('h2', 'b', ['10.0.0.5'])]);
    expect(fired.map((x) => x.params)).toEqual([{ ip: '10.0.0.5', holders: 'h1/a, h2/b' }]);
    engine.check([], [a, vm('h2', 'b', ['10.0.0.7'])]);
    expect(cleared.map((x) => x.key)).toEqual(['ip-conflict/10.0.0.5']);
  });

  it('a rule turned off fires nothing', () => {
    const { engine, fired, store } = setup();
    store.setRule({ id: 'host-offline', enabled: false, threshold: null });
    engine.onEvent(status('h1', 'offline'));
    expect(fired).toHaveLength(0);
  });
});
