// A bulk action from the VM table: its value asked first (snapshot name, tags, owner), then the preview ("these 7
// VMs on 2 hosts", each VM with what will happen to it), then the one task's progress, then what happened to each VM.
import { Badge, Button, Group, Modal, Progress, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { runnableVms, withSkipped, type BulkAction, type BulkOutcome, type BulkPreview, type BulkResult, type BulkSpec, type BulkVm } from '../../../shared/model/bulk.js';
import { tagChanges } from '../../../shared/model/vm-facts.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { DialogForm } from '../../app/DialogForm.js';
import { errorText, wordReport } from '../../app/errors.js';
import { useT, type MessageKey, type Translate } from '../../app/i18n/index.js';
import { backend } from '../../state/backend.js';
import { startTask, useTasks } from '../../state/tasks-slice.js';
import { StepTimings } from '../tasks/StepTimings.js';

/** The button's words of each action. */
export const BULK_LABELS: Readonly<Record<BulkAction, MessageKey>> = {
  start: 'action.start',
  shutdown: 'action.shutdown',
  destroy: 'action.destroy',
  snapshot: 'bulk.action.snapshot',
  tag: 'bulk.action.tag',
  lock: 'action.lock',
  unlock: 'action.unlock',
  owner: 'bulk.action.owner',
};

/** Actions that ask for a value before the preview. */
const ASKS: Partial<Record<BulkAction, MessageKey>> = { snapshot: 'bulk.ask.snapshot', tag: 'bulk.ask.tag', owner: 'bulk.ask.owner' };

/** The spec the value box describes (null: not enough to preview yet). */
export function specOf(action: BulkAction, value: string): BulkSpec | null {
  const v = value.trim();
  switch (action) {
    case 'snapshot':
      return v ? { action, name: v } : null;
    case 'tag': {
      const changes = tagChanges(v.split(/[\s,]+/).filter(Boolean));
      return changes.add.length + changes.remove.length ? { action, ...changes } : null;
    }
    case 'owner':
      return { action, owner: v || null };
    default:
      return { action };
  }
}

type Stage =
  | { kind: 'ask' }
  | { kind: 'preview'; spec: BulkSpec; preview: BulkPreview }
  | { kind: 'running'; preview: BulkPreview; taskId: string }
  | { kind: 'done'; result: BulkResult };

function OutcomeBadge({ t, outcome }: { t: Translate; outcome: BulkOutcome }) {
  const color = outcome.outcome === 'done' ? 'teal' : outcome.outcome === 'skipped' ? 'gray' : 'red';
  return (
    <Stack gap={2}>
      <Badge size="sm" color={color} variant="light">
        {t(`bulk.outcome.${outcome.outcome}`)}
      </Badge>
      {outcome.error && (
        <Text size="xs" c="dimmed">
          {wordReport(t, outcome.error)} ({outcome.error.code})
        </Text>
      )}
    </Stack>
  );
}

interface VmRow {
  host: string;
  uuid: string;
  name: string;
  testId: string;
  /** data-mark: a skip's code, an outcome. */
  mark: string | undefined;
  cell: ReactNode;
}

/** The VMs of a preview or a result: host, name, and what happens (happened) to each. */
function VmRows({ rows }: { rows: readonly VmRow[] }) {
  return (
    <ScrollArea.Autosize mah={320}>
      <Table striped verticalSpacing={4}>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={`${r.host}/${r.uuid}`} data-testid={r.testId} data-mark={r.mark}>
              <Table.Td>{r.host}</Table.Td>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td>{r.cell}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

function TaskProgress({ taskId }: { taskId: string }) {
  const task = useTasks((s) => s.byId[taskId]);
  return (
    <Stack gap="xs" data-testid="bulk-progress">
      <Progress value={(task?.progress ?? 0) * 100} animated />
      {task && <StepTimings steps={task.steps} />}
    </Stack>
  );
}

export function BulkDialog({ action, vms, onClose }: { action: BulkAction; vms: readonly BulkVm[]; onClose: () => void }) {
  const t = useT();
  const [stage, setStage] = useState<Stage>({ kind: 'ask' });
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const asks = ASKS[action];

  const preview = async (spec: BulkSpec) => {
    setBusy(true);
    setError(null);
    try {
      setStage({ kind: 'preview', spec, preview: await backend().api['bulk.preview']({ select: { vms: [...vms] }, spec }) });
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const run = async (spec: BulkSpec, p: BulkPreview) => {
    setError(null);
    try {
      const { id, result } = await startTask('bulk.run', { vms: runnableVms(p), spec });
      setStage({ kind: 'running', preview: p, taskId: id });
      setStage({ kind: 'done', result: withSkipped(p, await result) });
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  // Actions without a value go straight to their preview (once, when the dialog opens).
  useEffect(() => {
    const first = specOf(action, '');
    if (!ASKS[action] && first) void preview(first);
  }, []);

  const spec = specOf(action, value);
  return (
    <Modal opened onClose={onClose} title={t('bulk.title', { action: t(BULK_LABELS[action]).replace(/…$/, '') })} size="lg" centered>
      <Stack gap="sm" data-testid="bulk-dialog" data-stage={stage.kind}>
        {stage.kind === 'ask' && asks && (
          <DialogForm onSubmit={() => { if (spec) void preview(spec); }}>
            <TextInput label={t(asks)} value={value} onChange={(e) => setValue(e.currentTarget.value)} data-autofocus data-testid="bulk-value" />
            <DialogFooter onCancel={onClose} submitLabel={t('bulk.preview')} submitTestId="bulk-preview" busy={busy} disabled={!spec} mt="md" />
          </DialogForm>
        )}
        {stage.kind === 'preview' && (
          <>
            <Text size="sm" fw={500} data-testid="bulk-summary">
              {t('bulk.summary', { count: stage.preview.runnable, hosts: stage.preview.hosts.length })}
              {stage.preview.runnable < stage.preview.targets.length &&
                ` ${t('bulk.skippedCount', { count: stage.preview.targets.length - stage.preview.runnable })}`}
            </Text>
            <VmRows
              rows={stage.preview.targets.map((target) => ({
                ...target,
                testId: `bulk-target-${target.host}-${target.name}`,
                mark: target.skip?.code,
                cell: target.skip ? (
                  <OutcomeBadge t={t} outcome={{ ...target, outcome: 'skipped', error: target.skip }} />
                ) : (
                  <Badge size="sm" variant="light">
                    {t(BULK_LABELS[action])}
                  </Badge>
                ),
              }))}
            />
            <DialogFooter
              onCancel={onClose}
              cancelTestId="bulk-cancel"
              submitLabel={t('bulk.run', { count: stage.preview.runnable })}
              submitTestId="bulk-run"
              onSubmit={() => void run(stage.spec, stage.preview)}
              color={action === 'destroy' ? 'red' : undefined}
              disabled={stage.preview.runnable === 0}
            />
          </>
        )}
        {stage.kind === 'ask' && !asks && busy && <Progress value={100} animated data-testid="bulk-loading" />}
        {stage.kind === 'running' && <TaskProgress taskId={stage.taskId} />}
        {stage.kind === 'done' && (
          <>
            <Text size="sm" fw={500} data-testid="bulk-result">
              {t('bulk.result', { done: stage.result.done, skipped: stage.result.skipped, failed: stage.result.failed })}
            </Text>
            <VmRows
              rows={stage.result.outcomes.map((o) => ({ ...o, testId: `bulk-outcome-${o.host}-${o.name}`, mark: o.outcome, cell: <OutcomeBadge t={t} outcome={o} /> }))}
            />
            <Group justify="flex-end">
              <Button onClick={onClose} data-testid="bulk-close">
                {t('app.close')}
              </Button>
            </Group>
          </>
        )}
        {error && (
          <Text size="sm" c="red" data-testid="bulk-error">
            {error}
          </Text>
        )}
      </Stack>
    </Modal>
  );
}
