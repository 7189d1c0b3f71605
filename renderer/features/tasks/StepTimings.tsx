// A task's steps with their state and how long each took (or has been running).
import { Group, Text } from '@mantine/core';
import type { TaskStep } from '../../../shared/model/task.js';
import { useT } from '../../app/i18n/index.js';
import { stepLabel } from './task-title.js';

const COLORS: Readonly<Record<TaskStep['state'], string>> = { running: 'blue', succeeded: 'teal', failed: 'red', cancelled: 'gray', pending: 'gray' };

function seconds(step: TaskStep): string | null {
  if (!step.startedAt) return null;
  const end = step.endedAt ? Date.parse(step.endedAt) : Date.now();
  return ((end - Date.parse(step.startedAt)) / 1000).toFixed(1);
}

export function StepTimings({ steps }: { steps: readonly TaskStep[] }) {
  const t = useT();
  return (
    <div data-testid="task-steps">
      {steps.map((s) => {
        const secs = seconds(s);
        return (
          <Group key={s.name} gap={6} wrap="nowrap" data-testid={`task-step-${s.name}`} data-state={s.state}>
            <span style={{ width: 6, height: 6, borderRadius: 3, flex: 'none', background: `var(--mantine-color-${COLORS[s.state]}-6)` }} />
            <Text size="xs" c={s.state === 'pending' ? 'dimmed' : undefined} style={{ flex: 1 }}>
              {stepLabel(t, s.name)}
            </Text>
            {secs !== null && (
              <Text size="xs" c="dimmed" ff="monospace">
                {t('task.seconds', { s: secs })}
              </Text>
            )}
          </Group>
        );
      })}
    </div>
  );
}
