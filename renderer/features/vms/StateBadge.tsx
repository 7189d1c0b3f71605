import { Badge, Loader } from '@mantine/core';
import type { VmInfo, VmState } from '../../../shared/model/vm.js';
import { useT } from '../../app/i18n/index.js';
import { useTasks } from '../../state/tasks-slice.js';
import { pendingOf } from './pending.js';

const COLORS: Readonly<Record<VmState, string>> = {
  running: 'teal',
  blocked: 'teal',
  paused: 'yellow',
  shutdown: 'orange',
  shutoff: 'gray',
  crashed: 'red',
  pmsuspended: 'grape',
  nostate: 'gray',
};

/** The VM's state; while a lifecycle task of it runs, what it is becoming ("Starting…"). */
export function StateBadge({ vm }: { vm: Pick<VmInfo, 'host' | 'name' | 'state' | 'stale'> }) {
  const t = useT();
  const pending = useTasks((s) => (vm.stale ? null : pendingOf(s.byId, vm)));
  if (pending) {
    return (
      <Badge color="blue" variant="light" size="sm" radius="sm" leftSection={<Loader size={8} color="blue" />} data-testid="vm-state" data-pending={pending}>
        {t(`state.pending.${pending}`)}
      </Badge>
    );
  }
  return (
    <Badge color={vm.stale ? 'gray' : COLORS[vm.state]} variant={vm.stale ? 'outline' : 'light'} size="sm" radius="sm" data-testid="vm-state">
      {t(`state.${vm.state}`)}
    </Badge>
  );
}
