// Thrown values → the { ok:false, code, params } envelope: a code of the closed list with its params, never a
// sentence or a stack (electron/core/errors.ts maps every lower-level error).
import type { ErrorReport } from '../../shared/model/errors.js';
import { errorReport } from './errors.js';

export function errorEnvelope(err: unknown): { ok: false } & ErrorReport {
  return { ok: false, ...errorReport(err) };
}
