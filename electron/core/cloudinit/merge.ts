// Merging the raw "extra user-data" into the document built from the form: maps merge deeply,
// lists are appended (form entries first), and on any other conflict the form's value wins.
import { isDeepStrictEqual } from 'node:util';
import { isPlainObject } from './yaml-doc.js';

export interface Merged {
  value: Record<string, unknown>;
  /** One line per extra value that was dropped because the form sets that field. */
  notes: string[];
}

export function mergeUserData(form: Record<string, unknown>, extra: Record<string, unknown>): Merged {
  const notes: string[] = [];
  const value = mergeMaps(form, extra, '', notes);
  return { value, notes };
}

function mergeMaps(form: Record<string, unknown>, extra: Record<string, unknown>, prefix: string, notes: string[]): Record<string, unknown> {
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
      notes.push(`extra user-data ${path}: ${JSON.stringify(theirs)} ignored; the form sets ${JSON.stringify(ours)}`);
    }
  }
  return out;
}
