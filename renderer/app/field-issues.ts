// Problems placed on a form's inputs. A check answers issues that name their field; an input its schema refuses
// (call.bad-input) names each field with a code. Both become one list of reports with a field path in dotted
// form ("users.0.name"), relative to the part of the call's input the form edits (its `prefix`, e.g. "spec.").
import type { ErrorReport } from '../../shared/model/errors.js';
import { reportOf } from './errors.js';

/** `users[0].name` → `users.0.name`. */
export function dottedField(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

/** A thrown error as field issues: a refused input's per-field reports, or the error itself (with its field). */
export function issuesOf(err: unknown, prefix = ''): ErrorReport[] {
  const r = reportOf(err);
  const nested = r.code === 'call.bad-input' ? r.params['issues'] : undefined;
  return relativeIssues(Array.isArray(nested) ? nested.filter((x): x is ErrorReport => typeof x === 'object') : [r], prefix);
}

/** Reports with their fields dotted and relative to the form's part of the input (its `prefix`). */
export function relativeIssues(list: readonly ErrorReport[], prefix = ''): ErrorReport[] {
  return list.map((x) => {
    if (x.field === undefined) return x;
    const field = dottedField(x.field);
    return { ...x, field: field.startsWith(prefix) ? field.slice(prefix.length) : field };
  });
}

/** Issues sorted to the inputs of a form: `inputOf` names the input a field belongs to (null: none of them). */
export function byInput<I extends string>(issues: readonly ErrorReport[], inputOf: (field: string) => I | null): {
  on: Partial<Record<I, ErrorReport[]>>;
  elsewhere: ErrorReport[];
} {
  const on: Partial<Record<I, ErrorReport[]>> = {};
  const elsewhere: ErrorReport[] = [];
  for (const issue of issues) {
    const input = issue.field === undefined ? null : inputOf(issue.field);
    if (input === null) elsewhere.push(issue);
    else (on[input] ??= []).push(issue);
  }
  return { on, elsewhere };
}
