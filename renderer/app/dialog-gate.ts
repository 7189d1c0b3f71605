// A one-page dialog's problems on its inputs: the wizards' gate (field-gate.ts) with every input on one step, whose
// "Next" is the dialog's submit — it checks again and submits only when that check finds nothing.
import { useMemo } from 'react';
import type { FieldCheck } from './field-check.js';
import { useElsewhereWords, useFieldGate, type FieldGate } from './field-gate.js';

export interface DialogGate<I extends string> extends Pick<FieldGate<I>, 'error' | 'touch' | 'advancing'> {
  /** Checks the input afresh and calls the submit once that check finds no problem. */
  submit(): void;
  /** A problem is on screen (the submit button stays disabled until it is fixed). */
  blocked: boolean;
  /** Problems of no input, in words. */
  elsewhere: string[];
  /** A setter that also marks its input edited. */
  edit<V>(input: I, setter: (v: V) => void): (v: V) => void;
}

/** The input a field path ("range.start", "dns.0") is shown on: its alias (by whole path, then first segment), else that segment when it is an input. */
export function headInput<I extends string>(inputs: readonly I[], alias: Readonly<Record<string, I>> = {}): (field: string) => I | null {
  return (field) => {
    const head = field.split('.')[0] ?? '';
    const named = alias[field] ?? alias[head] ?? head;
    return (inputs as readonly string[]).includes(named) ? (named as I) : null;
  };
}

export function useDialogGate<I extends string>(
  check: FieldCheck & { recheck(): void },
  inputs: readonly I[],
  inputOf: (field: string) => I | null,
  submit: () => void,
): DialogGate<I> {
  const stepOf = useMemo(() => Object.fromEntries(inputs.map((i) => [i, 0])) as Record<I, number>, [inputs]);
  const gate = useFieldGate<I>({ ...check, inputOf, stepOf, step: 0, setStep: (s) => s > 0 && submit() });
  const elsewhere = useElsewhereWords(gate);
  return {
    error: gate.error,
    touch: gate.touch,
    advancing: gate.advancing,
    submit: gate.next,
    blocked: elsewhere.length > 0 || inputs.some((i) => gate.error(i) !== undefined),
    elsewhere,
    edit: (input, setter) => (v) => {
      setter(v);
      gate.touch([input]);
    },
  };
}
