// The "Machines" tab: filter box, grouping, bulk actions and the table.
import { Button, CloseButton, Group, Switch, Text, TextInput } from '@mantine/core';
import { IconPlayerPlay, IconPower, IconSearch } from '@tabler/icons-react';
import { useShallow } from 'zustand/react/shallow';
import type { VmInfo } from '../../../shared/model/vm.js';
import { useConfirm } from '../../app/confirm.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { vmKey } from '../../state/keys.js';
import { useUi } from '../../state/ui-slice.js';
import { refOf, useVms } from '../../state/vms-slice.js';
import { canRun } from './action-rules.js';
import { VmEmptyState } from './VmEmptyState.js';
import { useVisibleVms, VmTable } from './VmTable.js';

function BulkBar({ vms }: { vms: readonly VmInfo[] }) {
  const t = useT();
  const act = useVms((s) => s.act);
  const { selected, clearSelection } = useUi(useShallow((s) => ({ selected: s.selected, clearSelection: s.clearSelection })));
  const [dialog, confirm] = useConfirm();
  const chosen = vms.filter((vm) => selected[vmKey(vm.host, vm.uuid)]);
  if (chosen.length === 0) return null;
  const startable = chosen.filter((vm) => canRun(vm, 'start'));
  const stoppable = chosen.filter((vm) => canRun(vm, 'shutdown'));
  const runAll = (list: VmInfo[], action: 'start' | 'shutdown') =>
    Promise.all(list.map((vm) => withToast(`${t(`action.${action}`)}: ${vm.name}`, () => act(refOf(vm), action))));
  return (
    <Group gap="xs" data-testid="vm-bulk-bar">
      <Text size="sm" fw={500}>
        {t('vm.selected', { count: chosen.length })}
      </Text>
      <Button
        size="xs"
        leftSection={<IconPlayerPlay size={14} />}
        disabled={startable.length === 0}
        onClick={() => void runAll(startable, 'start')}
        data-testid="vm-bulk-start"
      >
        {t('vm.startSelected')} ({startable.length})
      </Button>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconPower size={14} />}
        disabled={stoppable.length === 0}
        onClick={async () => {
          const ok = await confirm({
            body: t('action.confirm.bulkShutdown', { count: stoppable.length }),
            confirmLabel: t('action.shutdown'),
          });
          if (ok) await runAll(stoppable, 'shutdown');
        }}
        data-testid="vm-bulk-shutdown"
      >
        {t('vm.stopSelected')} ({stoppable.length})
      </Button>
      <Button size="xs" variant="subtle" color="gray" onClick={clearSelection}>
        {t('vm.clearSelection')}
      </Button>
      {dialog}
    </Group>
  );
}

export function VmListView() {
  const t = useT();
  const { rows, vms, total } = useVisibleVms();
  const { query, setQuery, groupByHost, setGroupByHost, hostFilter } = useUi(
    useShallow((s) => ({
      query: s.query,
      setQuery: s.setQuery,
      groupByHost: s.groupByHost,
      setGroupByHost: s.setGroupByHost,
      hostFilter: s.hostFilter,
    })),
  );
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, height: '100%', minHeight: 0 }}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="md" wrap="nowrap" style={{ flex: 1 }}>
          <TextInput
            placeholder={t('vm.search')}
            leftSection={<IconSearch size={16} />}
            rightSection={query ? <CloseButton size="sm" onClick={() => setQuery('')} aria-label={t('app.close')} /> : null}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            style={{ flex: 1, maxWidth: 460 }}
            data-testid="vm-filter"
          />
          <Switch
            label={t('vm.groupByHost')}
            checked={groupByHost}
            disabled={hostFilter !== null}
            onChange={(e) => setGroupByHost(e.currentTarget.checked)}
            data-testid="vm-group-by-host"
          />
          <Text size="sm" c="dimmed" data-testid="vm-count">
            {t('vm.count', { shown: vms.length, total })}
          </Text>
        </Group>
        <BulkBar vms={vms} />
      </Group>
      <VmTable rows={rows} empty={<VmEmptyState total={total} />} />
    </div>
  );
}
