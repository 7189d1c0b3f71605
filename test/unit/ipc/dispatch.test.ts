import { describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../electron/webapi/dispatch.js';
import { errorEnvelope } from '../../../electron/webapi/envelope.js';
import { CoreError } from '../../../electron/core/errors.js';
import { fakeCore } from './fake-core.js';

describe('dispatchCall', () => {
  it('rejects unknown call names without touching handlers', async () => {
    const core = fakeCore();
    expect(await dispatchCall(core.handlers, 'hosts.format', {})).toEqual({ ok: false, code: 'call.unknown', params: { call: 'hosts.format' } });
    expect(await dispatchCall(core.handlers, 'toString', {})).toMatchObject({ ok: false, code: 'call.unknown' });
    expect(await dispatchCall(core.handlers, 42, {})).toMatchObject({ ok: false, code: 'call.unknown', params: { call: '42' } });
  });

  it.each([
    ['hosts.remove', { name: 'x'.repeat(65) }, ['name'], 'name: Too big: expected string to have <=64 characters'],
    ['hosts.remove', { name: 'a/b' }, ['name'], 'name: host name must not contain "/" or control characters'],
    ['hosts.remove', {}, ['name'], 'name: Invalid input: expected string, received undefined'],
    ['hosts.list', { extra: 1 }, ['(input)'], '(input): Unrecognized key: "extra"'],
    ['hosts.list', null, ['(input)'], '(input): Invalid input: expected object, received null'],
    [
      'vms.action',
      { ref: { host: 'h1', vm: 'web' }, action: 'explode' },
      ['action'],
      'action: Invalid option: expected one of "start"|"shutdown"|"reboot"|"destroy"|"suspend"|"resume"|"save"|"reset"',
    ],
    [
      'vms.events',
      { ref: { host: 'h1', vm: '' }, limit: 5000 },
      ['ref.vm', 'limit'],
      'ref.vm: Too small: expected string to have >=1 characters; limit: Too big: expected number to be <=1000',
    ],
  ])('rejects a bad %s payload naming the fields', async (name, input, fields, detail) => {
    const core = fakeCore();
    const result = await dispatchCall(core.handlers, name, input);
    expect(result).toEqual({ ok: false, code: 'call.bad-input', params: { call: name, fields, detail } });
    for (const handler of Object.values(core.handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('passes the parsed input and wraps the value', async () => {
    const core = fakeCore();
    core.handlers['vms.list'].mockResolvedValue([]);
    expect(await dispatchCall(core.handlers, 'vms.list', { host: 'h1' })).toEqual({ ok: true, value: [] });
    expect(core.handlers['vms.list']).toHaveBeenCalledWith({ host: 'h1' });
  });

  it('maps thrown errors to their code and params, one line, no stack', async () => {
    const core = fakeCore();
    core.handlers['hosts.remove'].mockRejectedValue(new CoreError('host.not-found', { host: 'x' }));
    expect(await dispatchCall(core.handlers, 'hosts.remove', { name: 'x' })).toEqual({ ok: false, code: 'host.not-found', params: { host: 'x' } });
    const boom = new Error('socket hang up\n    at Foo (/secret/path.js:1:1)');
    core.handlers['hosts.list'].mockRejectedValue(boom);
    const result = await dispatchCall(core.handlers, 'hosts.list', {});
    expect(result).toEqual({ ok: false, code: 'internal', params: { message: 'socket hang up' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path.js');
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
