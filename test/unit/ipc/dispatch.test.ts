import { describe, expect, it, vi } from 'vitest';
import { dispatchCall, invokeCall } from '../../../electron/core/dispatch.js';
import { errorEnvelope } from '../../../electron/core/envelope.js';
import { CoreError } from '../../../electron/core/errors.js';
import type { TaskInfo } from '../../../shared/model/task.js';
import { fakeCore, type FakeCore } from './fake-core.js';

const handlerMocks = (core: FakeCore) => Object.values(core.handlers).flatMap((h) => (typeof h === 'function' ? [h] : [h.task, h.run]));

/** The task events the core emits, in order. */
function taskEvents(core: FakeCore): TaskInfo[] {
  const seen: TaskInfo[] = [];
  core.onEvent((e) => e.type === 'task' && seen.push(e.task));
  return seen;
}

/** A promise with its resolve/reject outside, to hold a handler mid-way. */
function gate<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('dispatchCall', () => {
  it('rejects unknown call names without touching handlers', async () => {
    const core = fakeCore();
    expect(await dispatchCall(core, 'hosts.format', {})).toEqual({ ok: false, code: 'call.unknown', params: { call: 'hosts.format' } });
    expect(await dispatchCall(core, 'toString', {})).toMatchObject({ ok: false, code: 'call.unknown' });
    expect(await dispatchCall(core, 42, {})).toMatchObject({ ok: false, code: 'call.unknown', params: { call: '42' } });
  });

  const issue = (code: string, field: string, params: Record<string, number> = {}) => ({ code, params, field });
  it.each([
    ['hosts.remove', { name: 'x'.repeat(65) }, ['name'], 'name: Too big: expected string to have <=64 characters', [issue('field.too-long', 'name', { max: 64 })]],
    ['hosts.remove', { name: 'a/b' }, ['name'], 'name: host name must not contain "/" or control characters', [issue('field.invalid', 'name')]],
    ['hosts.remove', {}, ['name'], 'name: Invalid input: expected string, received undefined', [issue('field.required', 'name')]],
    ['hosts.list', { extra: 1 }, ['(input)'], '(input): Unrecognized key: "extra"', [issue('field.invalid', '(input)')]],
    ['hosts.list', null, ['(input)'], '(input): Invalid input: expected object, received null', [issue('field.invalid', '(input)')]],
    [
      'vms.action',
      { ref: { host: 'h1', vm: 'web' }, action: 'explode' },
      ['action'],
      'action: Invalid option: expected one of "start"|"shutdown"|"reboot"|"destroy"|"suspend"|"resume"|"save"|"reset"',
      [issue('field.invalid', 'action')],
    ],
    [
      'vms.events',
      { ref: { host: 'h1', vm: '' }, limit: 5000 },
      ['ref.vm', 'limit'],
      'ref.vm: Too small: expected string to have >=1 characters; limit: Too big: expected number to be <=1000',
      [issue('field.required', 'ref.vm'), issue('field.too-large', 'limit', { max: 1000 })],
    ],
    [
      'instances.validate',
      { spec: { name: 'ab', host: 'h1', image: 'img', network: 'n', users: [{ name: 'x'.repeat(40), sshAuthorizedKeys: [] }], waitTimeoutSec: 0 } },
      ['spec.users.0.name', 'spec.waitTimeoutSec'],
      'spec.users.0.name: Too big: expected string to have <=32 characters; spec.waitTimeoutSec: Too small: expected number to be >=1',
      [issue('field.too-long', 'spec.users.0.name', { max: 32 }), issue('field.too-small', 'spec.waitTimeoutSec', { min: 1 })],
    ],
  ])('rejects a bad %s payload naming the fields, each with a code', async (name, input, fields, detail, issues) => {
    const core = fakeCore();
    const result = await dispatchCall(core, name, input);
    expect(result).toEqual({ ok: false, code: 'call.bad-input', params: { call: name, fields, detail, issues } });
    for (const mock of handlerMocks(core)) expect(mock).not.toHaveBeenCalled();
    expect(core.tasks.list()).toEqual([]);
  });

  it('passes the parsed input and wraps the value', async () => {
    const core = fakeCore();
    core.handlers['vms.list'].mockResolvedValue([]);
    expect(await dispatchCall(core, 'vms.list', { host: 'h1' })).toEqual({ ok: true, value: [] });
    expect(core.handlers['vms.list']).toHaveBeenCalledWith({ host: 'h1' });
  });

  it('maps thrown errors to their code and params, one line, no stack', async () => {
    const core = fakeCore();
    core.handlers['hosts.remove'].mockRejectedValue(new CoreError('host.not-found', { host: 'x' }));
    expect(await dispatchCall(core, 'hosts.remove', { name: 'x' })).toEqual({ ok: false, code: 'host.not-found', params: { host: 'x' } });
    const boom = new Error('socket hang up\n    at Foo (/secret/path.js:1:1)');
    core.handlers['hosts.list'].mockRejectedValue(boom);
    const result = await dispatchCall(core, 'hosts.list', {});
    expect(result).toEqual({ ok: false, code: 'internal', params: { message: 'socket hang up' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path.js');
  });
});

describe('task calls', () => {
  const ref = { host: 'h1', vm: 'web' };

  it('answer {taskId} at once while the work goes on; progress and the result follow by that id', async () => {
    const core = fakeCore();
    const events = taskEvents(core);
    const held = gate<null>();
    core.handlers['vms.action'].task.mockImplementation(({ action }: { action: string }) => ({ op: `vm.${action}`, args: { vm: 'web' }, host: 'h1' }));
    core.handlers['vms.action'].run.mockImplementation(async (_input: unknown, ctx: { progress(f: number): void }) => {
      ctx.progress(0.5);
      return held.promise;
    });
    const answer = await dispatchCall(core, 'vms.action', { ref, action: 'shutdown' });
    expect(answer).toEqual({ ok: true, value: { taskId: expect.any(String) } });
    const taskId = (answer as { value: { taskId: string } }).value.taskId;
    expect(core.handlers['vms.action'].run).toHaveBeenCalledWith({ ref, action: 'shutdown' }, expect.anything());
    expect(events.at(-1)).toMatchObject({ id: taskId, op: 'vm.shutdown', args: { vm: 'web' }, host: 'h1', state: 'running', progress: 0.5 });

    held.resolve(null);
    await vi.waitFor(() => expect(events.at(-1)?.state).toBe('succeeded'));
    expect(events.at(-1)).toMatchObject({ id: taskId, result: null, error: null, progress: 1 });
    expect(events.every((e) => e.id === taskId)).toBe(true);
  });

  it('a failing task keeps the error report; the call itself succeeded', async () => {
    const core = fakeCore();
    const events = taskEvents(core);
    core.handlers['snapshots.delete'].run.mockRejectedValue(new CoreError('vm.locked', { host: 'h1', vm: 'web' }));
    const answer = await dispatchCall(core, 'snapshots.delete', { ref, name: 's1' });
    expect(answer.ok).toBe(true);
    await vi.waitFor(() => expect(events.at(-1)?.state).toBe('failed'));
    expect(events.at(-1)?.error).toEqual({ code: 'vm.locked', params: { host: 'h1', vm: 'web' } });
  });

  it('bad input is refused before any task exists', async () => {
    const core = fakeCore();
    expect(await dispatchCall(core, 'vms.action', { ref, action: 'explode' })).toMatchObject({ ok: false, code: 'call.bad-input' });
    expect(core.tasks.list()).toEqual([]);
    expect(core.handlers['vms.action'].task).not.toHaveBeenCalled();
  });

  it('in-process (invokeCall), a task call yields its result, or throws the very error', async () => {
    const core = fakeCore();
    core.handlers['volumes.upload'].run.mockResolvedValue({ bytes: 3, ms: 1, sha256: 'ab', created: true });
    const input = { host: 'h1', pool: 'p', volume: 'v', file: '/tmp/x' };
    expect(await invokeCall(core, 'volumes.upload', input)).toEqual({ bytes: 3, ms: 1, sha256: 'ab', created: true });
    const err = new CoreError('file.exists', { path: '/tmp/x' });
    core.handlers['volumes.download'].run.mockRejectedValue(err);
    await expect(invokeCall(core, 'volumes.download', input)).rejects.toBe(err);
    expect(core.tasks.list().map((t) => [t.state, t.error?.code ?? null])).toEqual([['succeeded', null], ['failed', 'file.exists']]);
  });
});

describe('invokeCall', () => {
  it('runs the handler with the parsed input and returns its value as is', async () => {
    const core = fakeCore();
    core.handlers['vms.list'].mockResolvedValue([]);
    expect(await invokeCall(core, 'vms.list', { host: 'h1' })).toEqual([]);
    expect(core.handlers['vms.list']).toHaveBeenCalledWith({ host: 'h1' });
  });

  it('throws the refusal with its code and lets handler errors through unchanged', async () => {
    const core = fakeCore();
    await expect(invokeCall(core, 'hosts.remove', { name: '' })).rejects.toMatchObject({ code: 'call.bad-input', name: 'CoreError' });
    await expect(invokeCall(core, 'nope', {})).rejects.toMatchObject({ code: 'call.unknown' });
    expect(core.handlers['hosts.remove']).not.toHaveBeenCalled();
    const err = new CoreError('vm.locked', { host: 'h1', vm: 'web' });
    core.handlers['vms.setLocked'].mockRejectedValue(err);
    await expect(invokeCall(core, 'vms.setLocked', { ref: { host: 'h1', vm: 'web' }, locked: false })).rejects.toBe(err);
  });
});

describe('errorEnvelope', () => {
  it('takes no code from an error that is not the core\'s own', () => {
    expect(errorEnvelope(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toEqual({
      ok: false,
      code: 'internal',
      params: { message: 'refused' },
    });
    expect(errorEnvelope(Object.assign(new Error('locked'), { code: 'vm.locked' }))).toEqual({ ok: false, code: 'internal', params: { message: 'locked' } });
    expect(errorEnvelope('plain string')).toEqual({ ok: false, code: 'internal', params: { message: 'plain string' } });
    expect(errorEnvelope(undefined)).toEqual({ ok: false, code: 'internal', params: { message: 'undefined' } });
    expect(errorEnvelope(new TypeError(''))).toEqual({ ok: false, code: 'internal', params: { message: 'TypeError' } });
  });
});
