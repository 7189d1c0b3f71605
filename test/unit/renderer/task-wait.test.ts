// Task calls in the renderer: the call answers a task id, the slices wait for THAT task (not one with a similar
// title): two launches of one name on two hosts each get their own progress and their own result or error.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LaunchResult, LaunchSpec } from '../../../shared/model/instance.js';
import type { TaskInfo } from '../../../shared/model/task.js';
import { setBackend } from '../../../renderer/state/backend.js';
import { useInstances } from '../../../renderer/state/instances-slice.js';
import { applyEvent } from '../../../renderer/state/sync.js';
import { runTask, useTasks, waitTask } from '../../../renderer/state/tasks-slice.js';
import { useVms } from '../../../renderer/state/vms-slice.js';
import { createFakeBackend, type FakeBackend } from '../../fixtures/renderer/fake-backend.js';
import { fakeHost, fakeTask, fakeVm } from '../../fixtures/renderer/fake-vms.js';

let backend: FakeBackend;

beforeEach(() => {
  useTasks.setState({ byId: {} });
  useVms.setState({ byKey: {}, liveEvents: {}, loaded: false });
  backend = createFakeBackend([fakeHost('h1', 1), fakeHost('h2', 2)], [fakeVm('h1', 1)]);
  backend.onEvent(applyEvent);
  setBackend(backend);
});

const spec = (host: string): LaunchSpec => ({ host, name: 'web', image: 'debian', network: 'default', flavor: 'small' }) as LaunchSpec;
const result = (host: string): LaunchResult => ({
  host, name: 'web', uuid: `uuid-${host}`, ip: null, mac: '52:54:00:00:00:01', placement: { by: 'user', host, candidates: [] }, timings: {}, cloudInit: null,
});
const launchTask = (id: string, host: string, patch: Partial<TaskInfo> = {}): TaskInfo =>
  fakeTask(id, { op: 'instance.launch', args: { name: 'web', host }, host, ...patch });

describe('task calls', () => {
  it('two launches of one name on two hosts follow their own task, progress and result', async () => {
    const ids = ['task-a', 'task-b'];
    backend.api['instances.launch'] = async () => ({ taskId: ids.shift()! });
    const a = await useInstances.getState().launch(spec('h1'));
    const b = await useInstances.getState().launch(spec('h2'));
    expect([a.id, b.id]).toEqual(['task-a', 'task-b']);

    const agent = { code: 'note.waiting-agent', params: {} } as const;
    const merging = { code: 'note.merging', params: { disk: 'vda' } } as const;
    backend.emit({ type: 'task', task: launchTask('task-a', 'h1', { progress: 0.2, message: agent }) });
    backend.emit({ type: 'task', task: launchTask('task-b', 'h2', { progress: 0.7, message: merging }) });
    expect(useTasks.getState().byId['task-a']).toMatchObject({ host: 'h1', progress: 0.2, message: agent });
    expect(useTasks.getState().byId['task-b']).toMatchObject({ host: 'h2', progress: 0.7, message: merging });

    // b ends first, a fails later: each promise gets its own end.
    backend.emit({ type: 'task', task: launchTask('task-b', 'h2', { state: 'succeeded', progress: 1, result: result('h2') }) });
    expect(await b.result).toEqual(result('h2'));
    backend.emit({
      type: 'task',
      task: launchTask('task-a', 'h1', { state: 'failed', error: { code: 'vm.exists', params: { host: 'h1', vm: 'web' } } }),
    });
    await expect(a.result).rejects.toMatchObject({ name: 'ApiError', code: 'vm.exists', report: { params: { host: 'h1', vm: 'web' } } });
  });

  it('a task that ended before the wait began still settles the wait (its events came before the answer)', async () => {
    applyEvent({ type: 'task', task: fakeTask('done-1', { state: 'succeeded', result: { n: 1 } }) });
    applyEvent({ type: 'task', task: fakeTask('gone-1', { state: 'cancelled', error: { code: 'cancelled', params: {} } }) });
    expect(await waitTask('done-1')).toEqual({ n: 1 });
    await expect(waitTask('gone-1')).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('runTask sends the input and resolves with the result the task ends with', async () => {
    const vm = fakeVm('h1', 1);
    await expect(runTask('vms.action', { ref: { host: 'h1', vm: vm.uuid }, action: 'start' })).resolves.toBeNull();
    expect(backend.calls).toContainEqual({ name: 'vms.action', input: { ref: { host: 'h1', vm: vm.uuid }, action: 'start' } });
    await expect(runTask('vms.action', { ref: { host: 'h1', vm: 'nope' }, action: 'start' })).rejects.toMatchObject({
      code: 'internal',
      report: { params: { message: 'domain not found' } },
    });
  });
});
