// Under a shutdown the guest ignored: "Force off", while the VM is still up (asks first, as the VM's own menu does).
import { Button, Group } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import type { TaskInfo } from '../../../shared/model/task.js';
import { useConfirm } from '../../app/confirm.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { useVms } from '../../state/vms-slice.js';
import { canRun } from '../vms/action-rules.js';

/** True for a task whose guest ignored the shutdown (its error says so). */
export const ignoredShutdown = (task: TaskInfo): boolean =>
  task.op === 'vm.shutdown' && task.state === 'failed' && task.error?.code === 'vm.shutdown-ignored';

export function ForceOffOffer({ task }: { task: TaskInfo }) {
  const t = useT();
  const name = String(task.args['vm'] ?? '');
  const vm = useVms((s) => Object.values(s.byKey).find((v) => v.host === task.host && v.name === name));
  const act = useVms((s) => s.act);
  const [dialog, confirm] = useConfirm();
  if (!vm || !canRun(vm, 'destroy')) return null;
  const label = t('action.destroy');
  const forceOff = async () => {
    const ok = await confirm({ body: t('action.confirm.destroy', { name }), confirmLabel: label, danger: true });
    if (ok) await withToast(t('app.actionFailed', { action: label }), () => act({ host: vm.host, vm: vm.uuid }, 'destroy'));
  };
  return (
    <Group justify="flex-end" mt={6}>
      <Button size="compact-xs" color="red" variant="light" leftSection={<IconPlayerStop size={14} />} onClick={() => void forceOff()} data-testid="task-force-off">
        {label}
      </Button>
      {dialog}
    </Group>
  );
}
