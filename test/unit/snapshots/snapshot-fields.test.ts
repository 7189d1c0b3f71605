// A snapshot check's error names the spec field it is about (name rule and clash on the name, what stops disk-only
// overlays on the kind), and the snapshot dialog places it on that input.
import { describe, expect, it } from 'vitest';
import { report } from '../../../shared/model/errors.js';
import { CoreError } from '../../../electron/core/errors.js';
import { withSnapshotField } from '../../../electron/core/snapshots/snapshot-fields.js';
import { ApiError } from '../../../renderer/api/client.js';
import { byInput, issuesOf } from '../../../renderer/app/field-issues.js';
import { snapshotInputOf } from '../../../renderer/features/snapshots/snapshot-inputs.js';

describe('withSnapshotField', () => {
  it('puts the name rule and a taken name on the name, overlay problems on the kind', () => {
    expect(withSnapshotField(new CoreError('snapshot.bad-name', { name: 'a b' })).field).toBe('name');
    expect(withSnapshotField(new CoreError('snapshot.exists', { host: 'h1', vm: 'web', name: 's1' })).field).toBe('name');
    expect(withSnapshotField(new CoreError('snapshot.no-writable-disk', { vm: 'web' })).field).toBe('kind');
    expect(withSnapshotField(new CoreError('snapshot.overlay-exists', { host: 'h1', path: '/p/x.s1.qcow2' })).field).toBe('kind');
  });
  it('leaves an error of no field alone', () => {
    expect(withSnapshotField(new CoreError('vm.not-found', { host: 'h1', vm: 'web' })).field).toBeUndefined();
  });
});

describe('placing issues on the snapshot dialog inputs', () => {
  it('a check error and a refused input land on their inputs; others are elsewhere', () => {
    const taken = new ApiError({ ...report('snapshot.exists', { host: 'h1', vm: 'web', name: 's1' }), field: 'name' });
    expect(Object.keys(byInput(issuesOf(taken, 'spec.'), snapshotInputOf).on)).toEqual(['name']);
    const refused = new ApiError(report('call.bad-input', {
      call: 'snapshots.check', fields: ['spec.description'], detail: 'spec.description: Too big',
      issues: [{ code: 'field.too-long', params: { max: 4096 }, field: 'spec.description' }],
    }));
    expect(Object.keys(byInput(issuesOf(refused, 'spec.'), snapshotInputOf).on)).toEqual(['description']);
    expect(snapshotInputOf('ref')).toBeNull();
  });
});
