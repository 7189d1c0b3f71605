// Which field of a pool spec a pool check's error is about, so the wizard shows it on that input. Errors about a
// path name the field that holds the path (target, device, source path or one of the devices).
import type { ErrorCode } from '../../../shared/model/errors.js';
import type { PoolSpec } from '../../../shared/model/storage.js';
import { CoreError } from '../errors.js';

const FIELD_OF: Partial<Record<ErrorCode, keyof PoolSpec>> = {
  'name.empty': 'name', 'name.too-long': 'name', 'name.bad-chars': 'name', 'pool.exists': 'name',
  'pool.bad-type': 'type', 'pool.bad-port': 'port', 'pool.bad-format': 'format',
  'pool.bad-vg': 'sourceName', 'pool.source-name-required': 'sourceName',
  'pool.bad-iqn': 'sourcePath', 'pool.source-path-required': 'sourcePath',
  'pool.bad-secret-uuid': 'secretUuid', 'pool.rbd-auth-pair': 'authUser',
  'pool.target-required': 'target', 'pool.target-in-use': 'target',
  'pool.device-required': 'device', 'pool.needs-devices': 'devices',
  'pool.source-host-required': 'host', 'pool.one-host': 'host', 'value.not-hostname': 'host',
};

function fieldOfPath(spec: PoolSpec, path: string): keyof PoolSpec | undefined {
  if (spec.target === path) return 'target';
  if (spec.device === path) return 'device';
  if (spec.sourcePath === path) return 'sourcePath';
  return spec.devices?.includes(path) ? 'devices' : undefined;
}

/** The error with the spec field it is about (unchanged when it names one already, or none fits). */
export function withPoolField(spec: PoolSpec, err: CoreError): CoreError {
  if (err.field !== undefined) return err;
  const path = err.params['path'];
  const field = FIELD_OF[err.code] ?? (typeof path === 'string' ? fieldOfPath(spec, path) : undefined);
  return field === undefined ? err : CoreError.from({ ...err.report(), field }, err);
}
