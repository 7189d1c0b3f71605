// A dialog's submit that reports in place: busy while it runs, its failure in words, and the dialog closed on success.
import { useState } from 'react';
import { errorMessage } from './errors.js';

export interface DialogSubmit {
  busy: boolean;
  /** The last attempt's failure in words; cleared when the next one starts. */
  error: string | null;
  /** Runs `fn`, then `onDone` — unless `fn` resolves to false (the user backed out, e.g. of a save dialog). */
  submit(fn: () => Promise<unknown>): Promise<void>;
}

export function useDialogSubmit(onDone: () => void): DialogSubmit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      if ((await fn()) !== false) onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}
