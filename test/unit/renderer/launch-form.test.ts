// The launch wizard's form → spec (empty user = the image's, password only as its hash) and the placing of the
// core's issues on the inputs (a refused input's per-field codes, a check's fields, seed paths).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../renderer/api/client.js';
import { byInput, issuesOf } from '../../../renderer/app/field-issues.js';
import { emptyLaunchForm, launchInputOf, launchSpecOf } from '../../../renderer/features/instances/launch-form.js';
import { report } from '../../../shared/model/errors.js';
import { launchWaitSec } from '../../../shared/model/instance.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHx test';

describe('launchSpecOf', () => {
  it('an empty user with a key is the image’s default user: a user without a name', () => {
    const spec = launchSpecOf({ ...emptyLaunchForm('h1'), keys: `${KEY}\n\n` }, '');
    expect(spec.users).toEqual([{ sshAuthorizedKeys: [KEY], sudo: true }]);
  });
  it('carries the password only as the hash it is given, never the typed text', () => {
    const form = { ...emptyLaunchForm('h1'), user: ' tester ', password: 'Passw0rd' };
    const spec = launchSpecOf(form, '$6$salt$hash');
    expect(spec.users).toEqual([{ name: 'tester', sshAuthorizedKeys: [], sudo: true, passwordHash: '$6$salt$hash' }]);
    expect(JSON.stringify(spec)).not.toContain('Passw0rd');
  });
  it('no user, key or password: no user (the core says who could log in)', () => {
    expect(launchSpecOf(emptyLaunchForm('h1'), '').users).toEqual([]);
  });
});

describe('placing issues on the launch inputs', () => {
  it.each([
    ['name', 'name'], ['hostname', 'name'], ['users.0.name', 'user'], ['users.0.passwordHash', 'password'],
    ['users', 'keys'], ['users.0.sshAuthorizedKeys.1', 'keys'], ['memory', 'flavor'], ['size', 'flavor'],
    ['network', 'network'], ['network.address', 'ip'], ['ip', 'ip'], ['packages.2', 'packages'], ['somethingElse', null],
  ])('%s → %s', (field, input) => {
    expect(launchInputOf(field)).toBe(input);
  });

  it('a refused spec becomes one issue per field without the spec. prefix; other errors stay whole', () => {
    const refused = new ApiError(report('call.bad-input', {
      call: 'instances.validate', fields: ['spec.name', 'spec.users.0.name'], detail: 'spec.name: Too small',
      issues: [{ code: 'field.required', params: {}, field: 'spec.name' }, { code: 'field.too-long', params: { max: 32 }, field: 'spec.users[0].name' }],
    }));
    const issues = issuesOf(refused, 'spec.');
    expect(issues).toEqual([
      { code: 'field.required', params: {}, field: 'name' },
      { code: 'field.too-long', params: { max: 32 }, field: 'users.0.name' },
    ]);
    const placed = byInput(issues, launchInputOf);
    expect(Object.keys(placed.on).sort()).toEqual(['name', 'user']);
    expect(placed.elsewhere).toEqual([]);
    const offline = new ApiError(report('disconnected', {}));
    expect(byInput(issuesOf(offline, 'spec.'), launchInputOf).elsewhere).toEqual([{ code: 'disconnected', params: {} }]);
  });
});

describe('launchWaitSec', () => {
  it('waits longer for an emulated guest', () => {
    expect(launchWaitSec('qemu')).toBeGreaterThan(launchWaitSec('kvm'));
  });
});
