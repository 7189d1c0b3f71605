import { describe, expect, it } from 'vitest';
import { dispatchCall, invokeCall } from '../../../electron/core/dispatch.js';
import { errorEnvelope } from '../../../electron/core/envelope.js';
import { CoreError } from '../../../electron/core/errors.js';
import { fakeCore } from './fake-core.js';

describe('dispatchCall', () => {
  it('rejects unknown call names without touching handlers', async () => {
    const core = fakeCore();
    expect(await dispatchCall(core.handlers, 'hosts.format', {})).toEqual({
      ok: false,
      code: 'unknown-call',
      message: 'unknown call "hosts.format"',
    });
    expect(await dispatchCall(core.handlers, 'toString', {})).toMatchObject({ ok: false, code: 'unknown-call' });
    expect(await dispatchCall(core.handlers, 42, {})).toMatchObject({ ok: false, code: 'unknown-call' });
  });

  it.each([
    ['hosts.remove', { name: 'x'.repeat(65) }, 'hosts.remove: name: Too big: expected string to have <=64 characters'],
    ['hosts.remove', { name: 'a/b' }, 'hosts.remove: name: host name must not contain "/" or control characters'],
    ['hosts.remove', {}, 'hosts.remove: name: Invalid input: expected string, received undefined'],
    ['hosts.list', { extra: 1 }, 'hosts.list: (input): Unrecognized key: "extra"'],
    ['hosts.list', null, 'hosts.list: (input): Invalid input: expected object, received null'],
    [
      'vms.action',
      { ref: { host: 'h1', vm: 'web' }, action: 'explode' },
      'vms.action: action: Invalid option: expected one of "start"|"shutdown"|"reboot"|"destroy"|"suspend"|"resume"|"save"|"reset"',
    ],
    [
      'vms.events',
      { ref: { host: 'h1', vm: '' }, limit: 5000 },
      'vms.events: ref.vm: Too small: expected string to have >=1 characters; limit: Too big: expected number to be <=1000',
    ],
  ])('rejects a bad %s payload with a precise message', async (name, input, message) => {
    const core = fakeCore();
    const result = await dispatchCall(core.handlers, name, input);
    expect(result).toEqual({ ok: false, code: 'bad-request', message });
    for (const handler of Object.values(core.handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('passes the parsed input and wraps the value', async () => {
    const core = fakeCore();
    core.handlers['vms.list'].mockResolvedValue([]);
    expect(await dispatchCall(core.handlers, 'vms.list', { host: 'h1' })).toEqual({ ok: true, value: [] });
    expect(core.handlers['vms.list']).toHaveBeenCalledWith({ host: 'h1' });
  });

  it('maps thrown errors to their code, one line, no stack', async () => {
    const core = fakeCore();
    core.handlers['hosts.remove'].mockRejectedValue(new CoreError('not-found', 'no host "x"'));
    expect(await dispatchCall(core.handlers, 'hosts.remove', { name: 'x' })).toEqual({
      ok: false,
      code: 'not-found',
      message: 'no host "x"',
    });
    const boom = new Error('socket hang up\n    at Foo (/secret/path.js:1:1)');
    core.handlers['hosts.list'].mockRejectedValue(boom);
    const result = await dispatchCall(core.handlers, 'hosts.list', {});
    expect(result).toEqual({ ok: false, code: 'internal', message: 'socket hang up' });
    expect(JSON.stringify(result)).not.toContain('/secret/path.js');
  });
});

describe('invokeCall', () => {
  it('runs the handler with the parsed input and returns its value as is', async () => {
    const core = fakeCore();
    core.handlers['vms.list'].mockResolvedValue([]);
    expect(await invokeCall(core.handlers, 'vms.list', { host: 'h1' })).toEqual([]);
    expect(core.handlers['vms.list']).toHaveBeenCalledWith({ host: 'h1' });
  });

  it('throws the refusal with its code and lets handler errors through unchanged', async () => {
    const core = fakeCore();
    await expect(invokeCall(core.handlers, 'hosts.remove', { name: '' })).rejects.toMatchObject({ code: 'bad-request', name: 'RequestError' });
    await expect(invokeCall(core.handlers, 'nope', {})).rejects.toMatchObject({ code: 'unknown-call' });
    expect(core.handlers['hosts.remove']).not.toHaveBeenCalled();
    const err = new CoreError('locked', 'web is locked');
    core.handlers['vms.setLocked'].mockRejectedValue(err);
    await expect(invokeCall(core.handlers, 'vms.setLocked', { ref: { host: 'h1', vm: 'web' }, locked: false })).rejects.toBe(err);
  });
});

describe('errorEnvelope', () => {
  it('keeps only well-formed string codes', () => {
    expect(errorEnvelope(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toEqual({
      ok: false,
      code: 'internal',
      message: 'refused',
    });
    expect(errorEnvelope(Object.assign(new Error('x'), { code: 38 })).code).toBe('internal');
    expect(errorEnvelope(Object.assign(new Error('locked'), { code: 'locked' })).code).toBe('locked');
    expect(errorEnvelope('plain string')).toEqual({ ok: false, code: 'internal', message: 'plain string' });
    expect(errorEnvelope(undefined)).toEqual({ ok: false, code: 'internal', message: 'unexpected error' });
    expect(errorEnvelope(new TypeError(''))).toEqual({ ok: false, code: 'internal', message: 'TypeError' });
  });
});
