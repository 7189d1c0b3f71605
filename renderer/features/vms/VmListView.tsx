// The "Machines" tab: filter box, grouping, bulk actions and the table.
import { CloseButton, Group, Switch, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/index.js';
import { useUi } from '../../state/ui-slice.js';
import { BulkBar } from './BulkBar.js';
import { ColumnsMenu } from './ColumnsMenu.js';
import { SheetMenu } from './SheetMenu.js';
import { VmEmptyState } from './VmEmptyState.js';
import { useVisibleVms, VmTable } from './VmTable.js';

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
        <Group gap="xs" wrap="nowrap">
          <ColumnsMenu />
          <SheetMenu />
        </Group>
      </Group>
      <BulkBar vms={vms} />
      <VmTable rows={rows} empty={<VmEmptyState total={total} />} />
    </div>
  );
}
