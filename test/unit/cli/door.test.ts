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

/** Ctrl+C by hand: `press()` calls the listeners registered at that moment. */
function keyboard() {
  const listeners = new Set<() => void>();
  const refused: string[] = [];
  return {
    refused,
    listening: () => listeners.size,
    press: () => [...listeners].forEach((l) => l()),
    interrupts: {
      on: (l: () => void) => {
        listeners.add(l);
        return () => void listeners.delete(l);
      },
      refused: (why: { code: string }) => void refused.push(why.code),
    },
  };
}

/** A core whose task call starts task `t1` (cancellable or not); tasks.cancel stops it a moment later, cleanly. */
function cancellableCore(cancellable: boolean) {
  const bus = new EventEmitter<{ event: [CoreEvent] }>();
  const emit = (t: TaskInfo): void => void bus.emit('event', { type: 'task', task: t });
  const calls: string[] = [];
  let answerTaskCall: (() => void) | null = null;
  const core = {
    onEvent: (l: (e: CoreEvent) => void) => {
      bus.on('event', l);
      return () => bus.off('event', l);
    },
    dispatch: async (name: unknown, input: unknown): Promise<CallResult<unknown>> => {
      calls.push(`${String(name)} ${JSON.stringify(input)}`);
      if (name === 'tasks.cancel') {
        if (!cancellable) return { ok: false, code: 'task.not-cancellable', params: { id: 't1' } };
        setImmediate(() => emit(task('t1', { state: 'cancelled', cancellable, error: { code: 'volume.upload-failed', params: {} } })));
        return { ok: true, value: null };
      }
      emit(task('t1', { cancellable }));
      await new Promise<void>((r) => (answerTaskCall = r));
      return { ok: true, value: { taskId: 't1' } };
    },
  };
  const started = async (): Promise<void> => {
    while (!answerTaskCall) await new Promise((r) => setImmediate(r));
  };
  return { core, calls, emit, started, answer: () => answerTaskCall?.() };
}

const UPLOAD = { host: 'h1', pool: 'p', volume: 'v', file: '/f' };

describe('followTask and Ctrl+C', () => {
  it('cancels its task through the door, waits for the task to stop and fails with cancelled', async () => {
    const { core, calls, started, answer } = cancellableCore(true);
    const keys = keyboard();
    const states: string[] = [];
    const done = followTask(core, 'volumes.upload', UPLOAD, (t) => states.push(t.state), keys.interrupts);
    await started();
    answer();
    await new Promise((r) => setImmediate(r));
    keys.press();
    keys.press(); // a second Ctrl+C while it stops asks nothing more
    const err = await done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallFailed);
    expect(err).toMatchObject({ code: 'cancelled' });
    expect(calls).toEqual([`volumes.upload ${JSON.stringify(UPLOAD)}`, 'tasks.cancel {"id":"t1"}']);
    expect(states).toEqual(['running', 'cancelled']);
    expect(keys.listening()).toBe(0);
  });

  it('a Ctrl+C before the dispatcher named the task cancels it once the id is known', async () => {
    const { core, calls, started, answer } = cancellableCore(true);
    const keys = keyboard();
    const done = followTask(core, 'volumes.upload', UPLOAD, undefined, keys.interrupts);
    await started();
    keys.press();
    expect(calls).toHaveLength(1);
    answer();
    await expect(done).rejects.toMatchObject({ code: 'cancelled' });
    expect(calls[1]).toBe('tasks.cancel {"id":"t1"}');
  });

  it('a task that cannot stop cleanly runs on to its result; Ctrl+C is let go and the refusal said', async () => {
    const { core, emit, started, answer } = cancellableCore(false);
    const keys = keyboard();
    const done = followTask(core, 'volumes.upload', UPLOAD, undefined, keys.interrupts);
    await started();
    answer();
    await new Promise((r) => setImmediate(r));
    keys.press();
    await new Promise((r) => setImmediate(r));
    expect(keys.refused).toEqual(['task.not-cancellable']);
    expect(keys.listening()).toBe(0);
    emit(task('t1', { state: 'succeeded', result: { sha256: 'y' } }));
    await expect(done).resolves.toEqual({ sha256: 'y' });
  });

  it('stops listening for Ctrl+C when the task ends or the call is refused', async () => {
    const keys = keyboard();
    const { core } = fakeCore({ ok: true, value: { taskId: 't' } }, (e) => e(task('t', { state: 'succeeded', result: 1 })));
    await followTask(core, 'volumes.upload', UPLOAD, undefined, keys.interrupts);
    expect(keys.listening()).toBe(0);
    const refused = fakeCore({ ok: false, code: 'call.bad-input', params: { call: 'volumes.upload', fields: ['file'], detail: 'x' } }, () => undefined);
    await expect(followTask(refused.core, 'volumes.upload', UPLOAD, undefined, keys.interrupts)).rejects.toMatchObject({ code: 'call.bad-input' });
    expect(keys.listening()).toBe(0);
  });
});
