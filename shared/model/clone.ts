// Names of clones: one name, or a pattern with {n} for several (web-{n} → web-1, web-2, …). A clone's name becomes
// its hostname and its volumes' file names, so it keeps to letters, digits, '.', '_' and '-'.
import { COUNT_PLACEHOLDER, MAX_COUNT, countedNames } from './counted-names.js';
import { report, type ErrorReport } from './errors.js';

export const CLONE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
export const CLONE_MAX_COUNT = MAX_COUNT;

/** The names `count` clones get from `pattern`, or the problem with them (its field: name or count). */
export function cloneNames(pattern: string, count: number): { ok: true; names: string[] } | { ok: false; problem: ErrorReport } {
  const names = countedNames(pattern, count);
  if (!names) return { ok: false, problem: report('clone.count-needs-pattern', { example: `${pattern}-${COUNT_PLACEHOLDER}` }, 'name') };
  const bad = names.find((n) => !CLONE_NAME.test(n));
  if (bad !== undefined) return { ok: false, problem: report('clone.bad-name', { name: bad }, 'name') };
  return { ok: true, names };
}
