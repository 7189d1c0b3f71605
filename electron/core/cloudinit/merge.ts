// Merging the raw "extra user-data" into the document built from the form: maps merge deeply,
// lists are appended (form entries first), and on any other conflict the form's value wins.
import { isDeepStrictEqual } from 'node:util';
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { isPlainObject } from './yaml-doc.js';

export interface Merged {
  value: Record<string, unknown>;
  /** One note per extra value that was dropped because the form sets that field. */
  notes: ErrorReport[];
}

export function mergeUserData(form: Record<string, unknown>, extra: Record<string, unknown>): Merged {
  const notes: ErrorReport[] = [];
  const value = mergeMaps(form, extra, '', notes);
  return { value, notes };
}

function mergeMaps(form: Record<string, unknown>, extra: Record<string, unknown>, prefix: string, notes: ErrorReport[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...form };
  for (const [key, theirs] of Object.entries(extra)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!(key in form)) {
      out[key] = theirs;
      continue;
    }
    const ours = form[key];
    if (isPlainObject(ours) && isPlainObject(theirs)) out[key] = mergeMaps(ours, theirs, path, notes);
    else if (Array.isArray(ours) && Array.isArray(theirs)) out[key] = [...ours, ...theirs];
    else if (!isDeepStrictEqual(ours, theirs)) {
      notes.push(report('seed.form-wins', { key: path, theirs: JSON.stringify(theirs), ours: JSON.stringify(ours) }));
    }
  }
  return out;
}
