// The button row every define-wizard shares: steps 0-1 edit, step 2 reviews the core's check, step 3 is done.
import { Button, Group } from '@mantine/core';
import { useT } from './i18n/index.js';

export interface WizardFooterProps {
  /** Test-id prefix: `<prefix>-back`, `-next`, `-create`, `-done`. */
  testId: string;
  step: number;
  setStep(step: number): void;
  /** Whether the first step may be left (its required fields are filled). */
  firstStepValid: boolean;
  /** Next, when the wizard checks a step before leaving it (useFieldGate); else Next just moves on. */
  onNext?(): void;
  /** A check runs before Next can go on. */
  advancing?: boolean;
  createLabel: string;
  creating: boolean;
  /** The review's check passed. */
  canCreate: boolean;
  onCreate(): void;
  onClose(): void;
}

export function WizardFooter(p: WizardFooterProps): React.JSX.Element {
  const t = useT();
  return (
    <Group justify="flex-end" mt="lg">
      {p.step > 0 && p.step < 3 && (
        <Button variant="default" onClick={() => p.setStep(p.step - 1)} data-testid={`${p.testId}-back`}>
          {t('app.back')}
        </Button>
      )}
      {p.step < 2 && (
        <Button
          onClick={() => (p.onNext ? p.onNext() : p.setStep(p.step + 1))}
          loading={p.advancing ?? false}
          disabled={p.step === 0 && !p.firstStepValid}
          data-testid={`${p.testId}-next`}
        >
          {t('app.next')}
        </Button>
      )}
      {p.step === 2 && (
        <Button onClick={p.onCreate} loading={p.creating} disabled={!p.canCreate} data-testid={`${p.testId}-create`}>
          {p.createLabel}
        </Button>
      )}
      {p.step === 3 && (
        <Button onClick={p.onClose} data-testid={`${p.testId}-done`}>
          {t('app.done')}
        </Button>
      )}
    </Group>
  );
}
