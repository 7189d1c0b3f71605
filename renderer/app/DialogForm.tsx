// A dialog's <form>: Enter in any of its inputs (or a submit button) runs `onSubmit`, and the page does not reload.
import type { ReactNode } from 'react';

export function DialogForm({ onSubmit, children }: { onSubmit(): void; children: ReactNode }): React.JSX.Element {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}
