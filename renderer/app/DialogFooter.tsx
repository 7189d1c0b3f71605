// The end of a one-page dialog: the last submit's failure in words (if any), then Cancel beside the submit button.
import { Alert, Button, Group, type MantineColor, type MantineSpacing } from '@mantine/core';
import { useT } from './i18n/index.js';

export interface DialogFooterProps {
  submitLabel: string;
  submitTestId: string;
  /** What the submit button does; without it, it submits the dialog's <form>. */
  onSubmit?(): void;
  busy?: boolean;
  disabled?: boolean;
  color?: MantineColor;
  onCancel(): void;
  /** The cancel button's words when not "Cancel" (e.g. "Back", "Reject"). */
  cancelLabel?: string;
  cancelTestId?: string;
  /** Shown in red above the buttons. */
  error?: string | null;
  errorTestId?: string;
  mt?: MantineSpacing;
}

export function DialogFooter(p: DialogFooterProps): React.JSX.Element {
  const t = useT();
  return (
    <>
      {p.error && (
        <Alert color="red" data-testid={p.errorTestId}>
          {p.error}
        </Alert>
      )}
      <Group justify="flex-end" mt={p.mt}>
        <Button variant="default" onClick={p.onCancel} data-testid={p.cancelTestId}>
          {p.cancelLabel ?? t('app.cancel')}
        </Button>
        <Button
          {...(p.onSubmit ? { onClick: p.onSubmit } : { type: 'submit' as const })}
          color={p.color}
          loading={p.busy}
          disabled={p.disabled}
          data-testid={p.submitTestId}
        >
          {p.submitLabel}
        </Button>
      </Group>
    </>
  );
}
