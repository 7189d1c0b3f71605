// A wizard's problems on its inputs and its Next: a problem shows on its input once the input was edited or its
// step's Next was pressed; Next checks again (the host may have changed) and leaves the step only when that check
// finds nothing on the step or before it (a problem of no input holds every step).
import { IconAlertTriangle } from '@tabler/icons-react';
import { createElement, useEffect, useMemo, useState } from 'react';
import type { ErrorReport } from '../../shared/model/errors.js';
import { wordReport } from './errors.js';
import { byInput } from './field-issues.js';
import { useT } from './i18n/index.js';

export interface FieldGateOptions<I extends string> {
  /** The problems of the latest check (shown while a new one runs). */
  latest: readonly ErrorReport[];
  /** The problems of the form as it is now; null while its check is pending. */
  current: readonly ErrorReport[] | null;
  inputOf(field: string): I | null;
  stepOf: Readonly<Record<I, number>>;
  step: number;
  setStep(step: number): void;
  /** Starts a fresh check of the form as it is (current turns null until it answers). */
  recheck(): void;
}

export interface FieldGate<I extends string> {
  /** The words of an input's problems, when they are to be shown. */
  error(input: I): string | undefined;
  /** Marks inputs edited. */
  touch(inputs: readonly I[]): void;
  /** Marks these steps' Next as pressed (after a failed launch: show everything). */
  showSteps(steps: readonly number[]): void;
  next(): void;
  /** Next was pressed while a check ran. */
  advancing: boolean;
  /** Whether a step has problems on its inputs (for the stepper). */
  stepHasProblems(step: number): boolean;
  /** Problems of no input (shown as a list; they hold every step). */
  elsewhere: readonly ErrorReport[];
}

/** A stepper step's marks: red with a warning icon when a step behind the current one has problems. */
export function stepMark(gate: Pick<FieldGate<string>, 'stepHasProblems'>, s: number, step: number): { color?: string; completedIcon?: React.ReactNode } {
  return s < step && gate.stepHasProblems(s) ? { color: 'red', completedIcon: createElement(IconAlertTriangle, { size: 16 }) } : {};
}

export function useFieldGate<I extends string>(o: FieldGateOptions<I>): FieldGate<I> {
  const t = useT();
  const [touched, setTouched] = useState<ReadonlySet<I>>(new Set());
  const [tried, setTried] = useState<ReadonlySet<number>>(new Set());
  const [advancing, setAdvancing] = useState(false);
  const { inputOf, stepOf, step, setStep, current, recheck } = o;
  const placed = useMemo(() => byInput(o.latest, inputOf), [o.latest, inputOf]);
  const clear = (issues: readonly ErrorReport[]) => {
    const now = byInput(issues, inputOf);
    return now.elsewhere.length === 0 && (Object.keys(now.on) as I[]).every((i) => stepOf[i] > step);
  };
  useEffect(() => {
    if (!advancing || current === null) return;
    setAdvancing(false);
    if (clear(current)) setStep(step + 1);
  });
  return {
    error: (input) => {
      if (!touched.has(input) && !tried.has(stepOf[input])) return undefined;
      return placed.on[input]?.map((e) => wordReport(t, e)).join('; ') || undefined;
    },
    touch: (inputs) => setTouched((old) => new Set([...old, ...inputs])),
    showSteps: (steps) => setTried((old) => new Set([...old, ...steps])),
    next: () => {
      setTried((old) => new Set([...old, step]));
      recheck();
      setAdvancing(true);
    },
    advancing,
    stepHasProblems: (s) => (Object.keys(placed.on) as I[]).some((i) => stepOf[i] === s),
    elsewhere: placed.elsewhere,
  };
}

/** The problems of no input, in words (they hold every step, so they show on every step). */
export function useElsewhereWords(gate: Pick<FieldGate<string>, 'elsewhere'>): string[] {
  const t = useT();
  return gate.elsewhere.map((e) => wordReport(t, e));
}
