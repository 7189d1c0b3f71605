// Matches a thrown (or rejected) CoreError by its code and, when given, its params: the data front ends word.
import { expect } from 'vitest';
import type { ErrorCode, ErrorParams } from '../../shared/model/errors.js';

export function coreError<C extends ErrorCode>(code: C, params?: ErrorParams<C>): unknown {
  return expect.objectContaining(params === undefined ? { code } : { code, params });
}
