import { Badge } from '@mantine/core';
import type { VmState } from '../../../shared/model/vm.js';
import { useT } from '../../app/i18n/index.js';

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

export function StateBadge({ state, stale }: { state: VmState; stale?: boolean }) {
  const t = useT();
  return (
    <Badge color={stale ? 'gray' : COLORS[state]} variant={stale ? 'outline' : 'light'} size="sm" radius="sm">
      {t(`state.${state}`)}
    </Badge>
  );
}
