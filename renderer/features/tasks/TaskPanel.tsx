// Every core task: progress, steps, cancel where the task allows it, readable errors.
import { Badge, Button, Card, Group, Progress, ScrollArea, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { TaskInfo, TaskState } from '../../../shared/model/task.js';
import { wordReport } from '../../app/errors.js';
import { relativeTime } from '../../app/format.js';
import { useLanguage, useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { sortedTasks, useTasks } from '../../state/tasks-slice.js';
import { ForceOffOffer, ignoredShutdown } from './ForceOffOffer.js';
import { StepTimings } from './StepTimings.js';
import { taskTitle } from './task-title.js';

const COLORS: Readonly<Record<TaskState | 'pending', string>> = {
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'gray',
  pending: 'gray',
};

function TaskCard({ task }: { task: TaskInfo }) {
  const t = useT();
  const lang = useLanguage();
  const cancel = useTasks((s) => s.cancel);
  const running = task.state === 'running';
  return (
    <Card withBorder radius="md" padding="sm" data-testid={`task-${task.id}`} data-state={task.state}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={600} lineClamp={2}>
          {taskTitle(t, task)}
        </Text>
        <Badge color={COLORS[task.state]} variant="light" size="sm" style={{ flex: 'none' }}>
          {t(`task.state.${task.state}`)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {[task.host, relativeTime(lang, task.startedAt)].filter(Boolean).join(' · ')}
      </Text>
      {running && (
        <Progress
          mt={8}
          size="sm"
          value={task.progress === null ? 100 : task.progress * 100}
          animated={task.progress === null}
          striped={task.progress === null}
          data-testid="task-progress"
        />
      )}
      {task.message && running && (
        <Text size="xs" mt={4} c="dimmed">
          {wordReport(t, task.message)}
        </Text>
      )}
      {task.error && (
        <Text size="xs" mt={6} c="red" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="task-error">
          {wordReport(t, task.error)}
        </Text>
      )}
      {ignoredShutdown(task) && <ForceOffOffer task={task} />}
      {task.steps.length > 0 && (
        <Stack gap={2} mt={6}>
          <StepTimings steps={task.steps} />
        </Stack>
      )}
      {running && task.cancellable && (
        <Group justify="flex-end" mt={6}>
          <Button size="compact-xs" variant="default" onClick={() => void withToast(t('task.cancel'), () => cancel(task.id))} data-testid="task-cancel">
            {t('task.cancel')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

export function TaskPanel() {
  const t = useT();
  const byId = useTasks((s) => s.byId);
  const clearFinished = useTasks((s) => s.clearFinished);
  const tasks = useMemo(() => sortedTasks(byId), [byId]);
  return (
    <Stack gap={0} h="100%" data-testid="task-panel">
      <Group justify="space-between" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Text fw={600}>{t('task.title')}</Text>
        <Button size="compact-xs" variant="subtle" color="gray" onClick={clearFinished} disabled={tasks.every((x) => x.state === 'running')}>
          {t('task.clear')}
        </Button>
      </Group>
      <ScrollArea style={{ flex: 1 }} p="sm">
        <Stack gap="sm">
          {tasks.length === 0 && (
            <Text size="sm" c="dimmed" ta="center" mt="xl">
              {t('task.none')}
            </Text>
          )}
          {tasks.map((task) => (
            <TaskCard key={task.id} task={task} />
          ))}
        </Stack>
      </ScrollArea>
    </Stack>
  );
}

/** Running tasks, for the header badge. */
export function useRunningTaskCount(): number {
  return useTasks((s) => Object.values(s.byId).filter((x) => x.state === 'running').length);
}
