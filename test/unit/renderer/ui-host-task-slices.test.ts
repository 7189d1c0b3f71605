// @vitest-environment jsdom
// The slices the sync tests do not reach: view state (tabs, sort, selection, host filter), the hosts slice's calls,
// the prompt queue and the task list.
import { report } from '../../../shared/model/errors.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { setBackend } from '../../../renderer/state/backend.js';
import { useHosts } from '../../../renderer/state/hosts-slice.js';
import { usePrompts } from '../../../renderer/state/prompts-slice.js';
import { sortedTasks, useTasks } from '../../../renderer/state/tasks-slice.js';
import { applyEvent } from '../../../renderer/state/sync.js';
import { LIST_TAB, useUi } from '../../../renderer/state/ui-slice.js';
import { createFakeBackend, type FakeBackend } from '../../fixtures/renderer/fake-backend.js';
import { fakeHost, fakeTask } from '../../fixtures/renderer/fake-vms.js';

let backend: FakeBackend;

beforeEach(() => {
  useUi.setState({ tabs: [], activeTab: LIST_TAB, selected: {}, sort: { column: 'name', dir: 'asc' }, hostFilter: null });
  useHosts.setState({ byName: {}, loaded: false });
  useTasks.setState({ byId: {} });
  usePrompts.setState({ queue: [] });
  backend = createFakeBackend([fakeHost('h1', 1)], []);
  backend.onEvent(applyEvent); // task calls end by their task's events
  setBackend(backend);
});

describe('ui slice', () => {
  it('opens one tab per VM and kind, activates it, and on close activates the last one left', () => {
    const ui = () => useUi.getState();
    ui().openTab('vm', 'h1/u1');
    ui().openTab('serial', 'h1/u1');
    ui().openTab('vm', 'h1/u1');
    expect(ui().tabs.map((t) => t.id)).toEqual(['vm:h1/u1', 'serial:h1/u1']);
    expect(ui().activeTab).toBe('vm:h1/u1');
    ui().openTab('ssh', 'h1/u2', 'admin');
    expect(ui().tabs.at(-1)).toEqual({ id: 'ssh:h1/u2', kind: 'ssh', vmKey: 'h1/u2', user: 'admin' });
    ui().closeTab('ssh:h1/u2');
    expect(ui().activeTab).toBe('serial:h1/u1');
    ui().activate('vm:h1/u1');
    ui().closeTab('serial:h1/u1');
    expect(ui().activeTab).toBe('vm:h1/u1');
    ui().closeTab('vm:h1/u1');
    expect(ui().activeTab).toBe(LIST_TAB);
  });

  it('close others keeps only that tab, active; from a main tab it closes every VM and console tab', () => {
    const ui = () => useUi.getState();
    ui().openTab('vm', 'h1/u1');
    ui().openTab('vnc', 'h1/u1');
    ui().openTab('ssh', 'h1/u2', 'admin', '10.0.0.5');
    expect(ui().tabs.at(-1)).toEqual({ id: 'ssh:h1/u2', kind: 'ssh', vmKey: 'h1/u2', user: 'admin', ip: '10.0.0.5' });
    ui().closeOthers('vnc:h1/u1');
    expect(ui().tabs.map((t) => t.id)).toEqual(['vnc:h1/u1']);
    expect(ui().activeTab).toBe('vnc:h1/u1');
    ui().closeOthers(LIST_TAB);
    expect(ui().tabs).toEqual([]);
    expect(ui().activeTab).toBe(LIST_TAB);
  });

  it('sorting the same column flips the direction; another column starts ascending', () => {
    const ui = () => useUi.getState();
    ui().sortBy('name');
    expect(ui().sort).toEqual({ column: 'name', dir: 'desc' });
    ui().sortBy('name');
    expect(ui().sort).toEqual({ column: 'name', dir: 'asc' });
    ui().sortBy('memory');
    expect(ui().sort).toEqual({ column: 'memory', dir: 'asc' });
  });

  it('selection toggles, replaces and clears; a host filter goes back to the list', () => {
    const ui = () => useUi.getState();
    ui().toggleSelected('h1/a');
    ui().toggleSelected('h1/b');
    ui().toggleSelected('h1/a');
    expect(Object.keys(ui().selected)).toEqual(['h1/b']);
    ui().setSelection(['h2/x', 'h2/y']);
    expect(Object.keys(ui().selected).sort()).toEqual(['h2/x', 'h2/y']);
    ui().clearSelection();
    expect(ui().selected).toEqual({});
    ui().openTab('vm', 'h1/u1');
    ui().setHostFilter('h1');
    expect(ui().hostFilter).toBe('h1');
    expect(ui().activeTab).toBe(LIST_TAB);
  });
});

describe('ui persistence', () => {
  it('keeps language, theme, grouping, sort, columns and saved views across reloads, not tabs or selection', () => {
    useUi.getState().setLanguage('zh-CN');
    useUi.getState().openTab('vm', 'h1/u1');
    useUi.getState().toggleSelected('h1/u1');
    const saved = JSON.parse(localStorage.getItem('virtdeck.ui') ?? '{}') as { state: Record<string, unknown> };
    expect(Object.keys(saved.state).sort()).toEqual(['activeView', 'groupByHost', 'hiddenColumns', 'language', 'sort', 'theme', 'tileConsoles', 'views']);
    expect(saved.state.language).toBe('zh-CN');
  });

  it('a saved view keeps filter, host, columns, grouping and sort, and brings them back', () => {
    const ui = useUi.getState();
    ui.setQuery('tag:web');
    ui.setHostFilter('h2');
    ui.toggleColumn('ips');
    ui.setGroupByHost(true);
    ui.sortBy('memory');
    ui.saveView('web on h2');
    ui.setQuery('');
    ui.setHostFilter(null);
    ui.toggleColumn('ips');
    ui.renameView('web on h2', 'web');
    useUi.getState().applyView('web');
    expect(useUi.getState()).toMatchObject({
      query: 'tag:web',
      hostFilter: 'h2',
      hiddenColumns: ['ips'],
      groupByHost: true,
      sort: { column: 'memory', dir: 'asc' },
      activeView: 'web',
    });
    useUi.getState().deleteView('web');
    expect(useUi.getState()).toMatchObject({ views: [], activeView: null });
  });
});

describe('hosts slice', () => {
  it('add stores the host the core returns; remove forgets it after the core agrees', async () => {
    backend.onTask('hosts.add', async ({ config }) => ({ ...fakeHost(config.name, 5), uri: config.uri }));
    await useHosts.getState().add({ config: { name: 'h5', transport: 'ssh', ssh: { host: '10.0.0.5' }, uri: 'qemu:///system' } });
    expect(useHosts.getState().byName.h5?.status).toBe('online');
    await useHosts.getState().remove('h5');
    expect(useHosts.getState().byName.h5).toBeUndefined();
    expect(backend.calls.map((c) => c.name)).toContain('hosts.remove');
  });

  it('a failed add leaves the store as it was', async () => {
    backend.onTask('hosts.add', async () => {
      throw new Error('host key refused');
    });
    await expect(useHosts.getState().add({ config: { name: 'h6', transport: 'ssh', uri: 'qemu:///system' } })).rejects.toMatchObject({
      report: { code: 'internal', params: { message: 'host key refused' } },
    });
    expect(useHosts.getState().byName).toEqual({});
  });

  it('add, probeKey and test are task calls: the slice answers with what their tasks end with', async () => {
    backend.onTask('hosts.test', async ({ name }) => ({ ok: false, hostname: null, libvirtVersion: null, channel: null, latencyMs: null, error: report('host.offline', { host: name, since: '2026-11-01T00:00:00.000Z' }) }));
    expect(await useHosts.getState().test('h1')).toMatchObject({ ok: false, error: { code: 'host.offline', params: { host: 'h1' } } });
    expect(await useHosts.getState().probeKey({ ssh: { host: 'kvm1' } })).toMatchObject({ status: 'unknown', keyType: 'ssh-ed25519' });
    expect(Object.keys(useTasks.getState().byId)).toHaveLength(2);
  });

  it('status changes touch only a known host', () => {
    useHosts.getState().setAll([fakeHost('h1', 1)]);
    const refused = report('ssh.unreachable', { target: 'h1', reason: 'connection refused' });
    useHosts.getState().applyStatus('h1', 'offline', '2026-11-01T00:00:00.000Z', refused);
    expect(useHosts.getState().byName.h1).toMatchObject({ status: 'offline', lastError: refused });
    useHosts.getState().applyStatus('nope', 'online', '2026-11-01T00:00:00.000Z', null);
    expect(Object.keys(useHosts.getState().byName)).toEqual(['h1']);
  });
});

describe('prompts slice', () => {
  it('queues questions and resolves each with its own answer', async () => {
    const first = usePrompts.getState().ask({ kind: 'passphrase', keyFile: '/k1' });
    const second = usePrompts.getState().ask({ kind: 'password', user: 'root', host: 'h2' });
    const [a, b] = usePrompts.getState().queue;
    expect(usePrompts.getState().queue).toHaveLength(2);
    usePrompts.getState().answer(b!.id, { accept: false });
    usePrompts.getState().answer(a!.id, { accept: true, secret: 's3cret' });
    usePrompts.getState().answer(a!.id, { accept: false }); // already answered: ignored
    expect(await first).toEqual({ accept: true, secret: 's3cret' });
    expect(await second).toEqual({ accept: false });
    expect(usePrompts.getState().queue).toHaveLength(0);
  });
});

describe('tasks slice', () => {
  it('keeps running tasks on clear, sorts newest first', () => {
    useTasks.getState().setAll([
      fakeTask('old', { state: 'succeeded', startedAt: '2026-11-01T00:00:00.000Z' }),
      fakeTask('new', { startedAt: '2026-11-02T00:00:00.000Z' }),
    ]);
    expect(sortedTasks(useTasks.getState().byId).map((t) => t.id)).toEqual(['new', 'old']);
    useTasks.getState().clearFinished();
    expect(Object.keys(useTasks.getState().byId)).toEqual(['new']);
  });
});
