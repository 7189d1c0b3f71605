// A core check run after a pause in typing (and again on demand, e.g. on Next): the problems it found with their
// fields (a refused input's per-field codes included), and whether that answer is about the input as it is now.
import { useCallback, useEffect, useState } from 'react';
import type { ErrorReport } from '../../shared/model/errors.js';
import { issuesOf, relativeIssues } from './field-issues.js';

const CHECK_DELAY_MS = 400;
const NONE: readonly ErrorReport[] = [];

export interface FieldCheck {
  /** The problems of the latest answer (kept while a new check runs). */
  latest: readonly ErrorReport[];
  /** The problems of the input as it is now; null while its check runs. */
  current: readonly ErrorReport[] | null;
}

/**
 * `input`: the checked input as JSON (a new text starts a new check); `run` checks it and throws its problem (or
 * answers every problem it found, for a check that lists them all);
 * `prefix`: the part of the call's input path the form's fields are relative to (e.g. "spec.").
 */
export function useFieldCheck(input: string, run: (input: string) => Promise<readonly ErrorReport[] | null | void>, prefix: string): FieldCheck & { recheck(): void } {
  const [answer, setAnswer] = useState<{ key: string; issues: readonly ErrorReport[] } | null>(null);
  const [round, setRound] = useState(0);
  const key = `${round}:${input}`;
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      run(input).then(
        (found) => live && setAnswer({ key, issues: found ? relativeIssues(found, prefix) : NONE }),
        (e: unknown) => live && setAnswer({ key, issues: issuesOf(e, prefix) }),
      );
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, input, run, prefix]);
  return {
    latest: answer?.issues ?? NONE,
    current: answer?.key === key ? answer.issues : null,
    recheck: useCallback(() => setRound((r) => r + 1), []),
  };
}
