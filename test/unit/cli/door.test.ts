// The CLI follows a task call by its id: only that task's updates reach the watcher (another task running at the
// same time, e.g. an undo resumed on connect, does not), its result ends the call, its error fails it with its code.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CallFailed, followTask } from '../../../electron/cli/door.js';
import type { CallResult } from '../../../shared/ipc/contract.js';
import type { CoreEvent } from '../../../shared/model/events.js';
import type { TaskInfo } from '../../../shared/model/task.js';

const task = (id: string, t: Partial<TaskInfo> = {}): TaskInfo => ({
  id, op: 'volume.upload', args: {}, host: 'h1', state: 'running', progress: null, message: null, steps: [],
  startedAt: '2026-01-01T00:00:00.000Z', endedAt: null, error: null, result: null, cancellable: false, ...t,
});

/** A core whose dispatcher runs `script` (emitting task events) and answers `answer`. */
function fakeCore(answer: CallResult<unknown>, script: (emit: (t: TaskInfo) => void) => void) {
  const bus = new EventEmitter<{ event: [CoreEvent] }>();
  const emit = (t: TaskInfo): void => void bus.emit('event', { type: 'task', task: t });
  return {
    emit,
    core: {
      onEvent: (l: (e: CoreEvent) => void) => {
        bus.on('event', l);
        return () => bus.off('event', l);
      },
      dispatch: async () => {
        script(emit);
        return answer;
      },
    },
  };
}

describe('followTask', () => {
  it('sees only its own task, from updates sent before the id was known, and ends with its result', async () => {
    const { core, emit } = fakeCore({ ok: true, value: { taskId: 'mine' } }, (e) => {
      e(task('other', { progress: 0.9 }));
      e(task('mine', { progress: 0.1 }));
    });
    const seen: string[] = [];
    const done = followTask(core, 'volumes.upload', { host: 'h1', pool: 'p', volume: 'v', file: '/f' }, (t) => seen.push(`${t.id} ${t.progress}`));
    await new Promise((r) => setImmediate(r));
    emit(task('other', { progress: 1, state: 'succeeded' }));
    emit(task('mine', { progress: 0.6 }));
    emit(task('mine', { progress: 1, state: 'succeeded', result: { sha256: 'x' } }));
    emit(task('mine', { progress: 1, state: 'succeeded', result: 'late' }));
    await expect(done).resolves.toEqual({ sha256: 'x' });
    expect(seen).toEqual(['mine 0.1', 'mine 0.6', 'mine 1']);
  });

  it('fails with the task error\'s report', async () => {
    const { core } = fakeCore({ ok: true, value: { taskId: 't' } }, (e) =>
      e(task('t', { state: 'failed', error: { code: 'pool.not-found', params: { host: 'h1', pool: 'p' } } })));
    const err = await followTask(core, 'volumes.upload', { host: 'h1', pool: 'p', volume: 'v', file: '/f' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallFailed);
    expect(err).toMatchObject({ code: 'pool.not-found', report: { code: 'pool.not-found', params: { host: 'h1', pool: 'p' } } });
  });

  it('fails with the dispatcher\'s refusal when the call never starts', async () => {
    const { core } = fakeCore({ ok: false, code: 'call.bad-input', params: { call: 'volumes.upload', fields: ['file'], detail: 'file: Required' } }, () => undefined);
    await expect(followTask(core, 'volumes.upload', { host: 'h1', pool: 'p', volume: 'v', file: '' })).rejects.toMatchObject({ code: 'call.bad-input' });
  });

  it('keeps the input field a refusal names, for the line that words it', async () => {
    const refusal = { code: 'ip.outside' as const, params: { ip: '10.99.0.1', cidr: '10.79.64.0/24' }, field: 'gateway' };
    const { core } = fakeCore({ ok: false, ...refusal }, () => undefined);
    const err = await followTask(core, 'volumes.upload', { host: 'h1', pool: 'p', volume: 'v', file: '/f' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ report: refusal });
  });
});
