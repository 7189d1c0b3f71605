// A volume check's error names the option it is about, and the create dialog places it on that input (a check's
// field and a refused input's field alike); errors of no option stay whole.
import { describe, expect, it } from 'vitest';
import type { ErrorCode, ErrorParams } from '../../../shared/model/errors.js';
import { report } from '../../../shared/model/errors.js';
import { CoreError } from '../../../electron/core/errors.js';
import { withVolumeField } from '../../../electron/core/storage/volume-fields.js';
import { validateVolumeSpec, type VolumeSpec } from '../../../electron/core/storage/volume-spec.js';
import { ApiError } from '../../../renderer/api/client.js';
import { byInput, issuesOf } from '../../../renderer/app/field-issues.js';
import { volumeInputOf } from '../../../renderer/features/storage/volume-inputs.js';

const fieldOf = (spec: VolumeSpec): string | undefined => {
  try {
    validateVolumeSpec(spec);
    return 'no error';
  } catch (err) {
    return withVolumeField(err as CoreError).field;
  }
};
const base: VolumeSpec = { name: 'v1.qcow2', capacity: 2 ** 30, format: 'qcow2', preallocation: 'off' };
const error = <C extends ErrorCode>(code: C, params: ErrorParams<C>) => new CoreError(code, params);

describe('withVolumeField', () => {
  it.each<[string, VolumeSpec, string]>([
    ['a valid spec', base, 'no error'],
    ['an empty name', { ...base, name: '' }, 'name'],
    ['a name with a slash', { ...base, name: 'a/b' }, 'name'],
    ['metadata preallocation on raw', { ...base, format: 'raw', preallocation: 'metadata' }, 'preallocation'],
    ['a raw linked clone', { ...base, format: 'raw', backing: { path: '/p/base', format: 'qcow2' } }, 'format'],
  ])('%s → %s', (_what, spec, field) => {
    expect(fieldOf(spec)).toBe(field);
  });

  it('the pool checks: a taken name on the name, a size past the free space on the size, a missing base on the backing', () => {
    expect(withVolumeField(error('volume.exists', { host: 'h1', pool: 'p', volume: 'v' })).field).toBe('name');
    expect(withVolumeField(error('volume.overcommit', { host: 'h1', pool: 'p', sizeBytes: 9, freeBytes: 1 })).field).toBe('capacity');
    expect(withVolumeField(error('volume.no-space', { host: 'h1', pool: 'p', needBytes: 9, freeBytes: 1 })).field).toBe('capacity');
    expect(withVolumeField(error('volume.not-found', { host: 'h1', pool: 'p', volume: 'base' })).field).toBe('backing');
  });

  it('keeps a field the error names already, and leaves an error of no option alone', () => {
    expect(withVolumeField(new CoreError('volume.exists', { host: 'h1', pool: 'p', volume: 'v' }, { field: 'other' })).field).toBe('other');
    expect(withVolumeField(error('host.offline', { host: 'h1', since: '2026-01-01T00:00:00Z' })).field).toBeUndefined();
  });
});

describe('placing issues on the volume dialog inputs', () => {
  it.each([
    ['name', 'name'], ['capacity', 'capacity'], ['overcommit', 'capacity'], ['format', 'format'],
    ['preallocation', 'preallocation'], ['backing', 'backing'], ['pool', null],
  ])('%s → %s', (field, input) => {
    expect(volumeInputOf(field)).toBe(input);
  });

  it('a refused input loses its options. prefix and lands on its input; a check error of no field is elsewhere', () => {
    const refused = new ApiError(report('call.bad-input', {
      call: 'volumes.check', fields: ['options.capacity'], detail: 'options.capacity: Too small',
      issues: [{ code: 'field.too-small', params: { min: 1 }, field: 'options.capacity' }],
    }));
    expect(byInput(issuesOf(refused, 'options.'), volumeInputOf).on).toEqual({ capacity: [{ code: 'field.too-small', params: { min: 1 }, field: 'capacity' }] });
    const inactive = new ApiError(report('host.offline', { host: 'h1', since: '2026-01-01T00:00:00Z' }));
    expect(byInput(issuesOf(inactive, 'options.'), volumeInputOf).elsewhere).toHaveLength(1);
  });
});
