// A pool check's error names the spec field it is about, so the pool wizard shows it on that input.
import { describe, expect, it } from 'vitest';
import type { ErrorCode, ErrorParams } from '../../../shared/model/errors.js';
import type { PoolSpec } from '../../../shared/model/storage.js';
import { CoreError } from '../../../electron/core/errors.js';
import { withPoolField } from '../../../electron/core/storage/pool-fields.js';
import { validatePoolSpec } from '../../../electron/core/storage/pool-spec.js';

const fieldOf = (spec: PoolSpec): string | undefined => {
  try {
    validatePoolSpec(spec);
    return 'no error';
  } catch (err) {
    return withPoolField(spec, err as CoreError).field;
  }
};

describe('withPoolField', () => {
  it.each<[string, PoolSpec, string]>([
    ['empty name', { name: '', type: 'dir', target: '/srv/p' }, 'name'],
    ['relative target', { name: 'p', type: 'dir', target: 'srv/p' }, 'target'],
    ['no target', { name: 'p', type: 'dir' }, 'target'],
    ['relative device', { name: 'p', type: 'fs', device: 'sdb1', target: '/mnt/p' }, 'device'],
    ['bad server', { name: 'p', type: 'netfs', host: 'a b', sourcePath: '/export', target: '/mnt/p' }, 'host'],
    ['no export', { name: 'p', type: 'netfs', host: 'nfs1', target: '/mnt/p' }, 'sourcePath'],
    ['bad port', { name: 'p', type: 'iscsi', host: 'san', port: 70000, sourcePath: 'iqn.2020-01.x:y', target: '/dev/disk/by-path' }, 'port'],
  ])('%s → %s', (_what, spec, field) => {
    expect(fieldOf(spec)).toBe(field);
  });

  it('keeps a field the error names already, and leaves an error of no field alone', () => {
    const named = new CoreError('pool.exists', { host: 'h1', pool: 'p' }, { field: 'other' });
    expect(withPoolField({ name: 'p', type: 'dir' }, named).field).toBe('other');
    const offline = new CoreError<ErrorCode>('host.offline', { host: 'h1', since: '2026-01-01T00:00:00Z' } as ErrorParams<ErrorCode>);
    expect(withPoolField({ name: 'p', type: 'dir' }, offline).field).toBeUndefined();
  });
});
