// Errors named by the input field they are about, from a table of codes, so a form shows each on its input.
import type { ErrorCode } from '../../shared/model/errors.js';
import { CoreError } from './errors.js';

/** The function that gives an error the field its code is about (unchanged when it names one already, or its code is not in the table). */
export function fieldNamer<S>(table: Partial<Record<ErrorCode, keyof S & string>>): (err: CoreError) => CoreError {
  return (err) => {
    const field = err.field === undefined ? table[err.code] : undefined;
    return field === undefined ? err : CoreError.from({ ...err.report(), field }, err);
  };
}
