// The launch wizard's last step: the task's steps with a live timer, Cancel and "Open console" while it runs;
// the result when it is done; after a failure the error with "Back to edit" and "Retry" (the form is kept).
import { Alert, Badge, Button, Code, Group, Loader, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconTerminal } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ErrorReport } from '../../../shared/model/errors.js';
import { launchWaitSec, type LaunchResult } from '../../../shared/model/instance.js';
import { wordReport } from '../../app/errors.js';
import { useT } from '../../app/i18n/index.js';
import { vmKey } from '../../state/keys.js';
import { useTasks } from '../../state/tasks-slice.js';
import { useUi } from '../../state/ui-slice.js';
import { useVms } from '../../state/vms-slice.js';
import { StepTimings } from '../tasks/StepTimings.js';
import { taskTitle } from '../tasks/task-title.js';

/** taskId: the launch's own task (null until the core has answered the call). */
export type LaunchPhase =
  | { kind: 'form' }
  | { kind: 'launching'; taskId: string | null; startedAt: number }
  | { kind: 'done'; taskId: string; result: LaunchResult }
  | { kind: 'failed'; taskId: string | null; error: ErrorReport };

/** What is launched where, and which virt type (for the wait's bound). */
export interface LaunchTarget {
  host: string;
  name: string;
  virtType: 'kvm' | 'qemu' | null;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

export interface LaunchProgressProps {
  phase: Exclude<LaunchPhase, { kind: 'form' }>;
  target: LaunchTarget;
  onBack(): void;
  onRetry(): void;
  onClose(): void;
}

export function LaunchProgress({ phase, target, onBack, onRetry, onClose }: LaunchProgressProps): React.JSX.Element {
  const t = useT();
  const task = useTasks((s) => (phase.taskId === null ? undefined : s.byId[phase.taskId]));
  const cancel = useTasks((s) => s.cancel);
  const openTab = useUi((s) => s.openTab);
  const vm = useVms((s) => Object.values(s.byKey).find((v) => v.host === target.host && v.name === target.name));
  const running = phase.kind === 'launching';
  const now = useNow(running);

  const openConsole = () => {
    if (!vm) return;
    openTab('serial', vmKey(vm.host, vm.uuid));
    onClose();
  };

  return (
    <Stack gap="sm" data-testid="launch-step-progress">
      {task && (
        <Stack gap={4}>
          <Group gap="xs">
            <Text size="sm" fw={600}>{taskTitle(t, task)}</Text>
            <Badge variant="light" data-testid="launch-task-state">{t(`task.state.${task.state}`)}</Badge>
          </Group>
          {task.message && <Text size="xs" c="dimmed">{wordReport(t, task.message)}</Text>}
          <StepTimings steps={task.steps} />
        </Stack>
      )}
      {running && (
        <Group gap="xs" data-testid="launch-waiting">
          <Loader size="xs" />
          <Text size="sm" data-testid="launch-elapsed">
            {t('launch.elapsed', { time: clock(now - phase.startedAt) })}
          </Text>
          {target.virtType && (
            <Text size="xs" c="dimmed">
              {t(target.virtType === 'qemu' ? 'launch.waitBoundTcg' : 'launch.waitBound', { min: launchWaitSec(target.virtType) / 60 })}
            </Text>
          )}
        </Group>
      )}
      {phase.kind === 'done' && (
        <Alert color="teal" icon={<IconCircleCheck size={16} />} title={t('launch.done')} data-testid="launch-done">
          <Text size="sm">{t('launch.doneText', { name: phase.result.name, host: phase.result.host, ip: phase.result.ip ?? '?' })}</Text>
          <Code block mt={6} data-testid="launch-ssh">{`virtdeck ssh ${phase.result.host}/${phase.result.name}`}</Code>
          {phase.result.cloudInit && <Text size="xs" mt={4}>cloud-init: {phase.result.cloudInit}</Text>}
        </Alert>
      )}
      {phase.kind === 'failed' && (
        <Alert color="red" title={t('launch.failed')} data-testid="launch-failed">
          {wordReport(t, phase.error)}
        </Alert>
      )}
      <Group justify="flex-end" mt="md">
        {running && (
          <>
            <Button variant="default" leftSection={<IconTerminal size={16} />} disabled={!vm} onClick={openConsole} data-testid="launch-console">
              {t('launch.openConsole')}
            </Button>
            <Button color="red" variant="light" disabled={phase.taskId === null} onClick={() => phase.taskId !== null && void cancel(phase.taskId)} data-testid="launch-cancel">
              {t('app.cancel')}
            </Button>
          </>
        )}
        {phase.kind === 'failed' && (
          <>
            <Button variant="default" onClick={onBack} data-testid="launch-edit">{t('launch.backToEdit')}</Button>
            <Button onClick={onRetry} data-testid="launch-retry">{t('launch.retry')}</Button>
          </>
        )}
        {!running && <Button variant={phase.kind === 'failed' ? 'subtle' : 'filled'} onClick={onClose} data-testid="launch-close">{t('app.close')}</Button>}
      </Group>
    </Stack>
  );
}
