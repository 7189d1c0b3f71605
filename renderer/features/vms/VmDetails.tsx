// One VM's tab: title, action bar, and overview / performance / hardware / XML / snapshots / events.
import { Alert, Group, ScrollArea, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconCamera, IconChartLine, IconCode, IconCpu, IconHistory, IconInfoCircle, IconList } from '@tabler/icons-react';
import { useT } from '../../app/i18n/index.js';
import { HistoryChart } from '../monitor/HistoryChart.js';
import { SnapshotsPanel } from '../snapshots/SnapshotsPanel.js';
import { refOf, useVms } from '../../state/vms-slice.js';
import { HardwarePanel } from './hardware/HardwarePanel.js';
import { StateBadge } from './StateBadge.js';
import { VmActionBar } from './VmActions.js';
import { VmEvents } from './VmEvents.js';
import { VmGraphs } from './VmGraphs.js';
import { VmOverview } from './VmOverview.js';
import { VmXml } from './VmXml.js';

export function VmDetails({ vmKey }: { vmKey: string }) {
  const t = useT();
  const vm = useVms((s) => s.byKey[vmKey]);
  if (!vm) return <Alert color="gray">{t('details.gone')}</Alert>;
  const ref = refOf(vm);
  return (
    <Stack gap="md" h="100%" data-testid={`vm-details-${vm.host}-${vm.name}`} data-state={vm.state}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={3}>{vm.name}</Title>
            <StateBadge vm={vm} />
          </Group>
          <Text size="sm" c="dimmed">
            {vm.host}
          </Text>
        </div>
        <VmActionBar vm={vm} />
      </Group>
      <Tabs defaultValue="overview" keepMounted={false} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <Tabs.List>
          <Tabs.Tab value="overview" leftSection={<IconInfoCircle size={16} />} data-testid="tab-overview">
            {t('details.overview')}
          </Tabs.Tab>
          <Tabs.Tab value="performance" leftSection={<IconChartLine size={16} />} data-testid="tab-performance">
            {t('details.performance')}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="tab-history">
            {t('details.history')}
          </Tabs.Tab>
          <Tabs.Tab value="hardware" leftSection={<IconCpu size={16} />} data-testid="tab-hardware">
            {t('details.hardware')}
          </Tabs.Tab>
          <Tabs.Tab value="xml" leftSection={<IconCode size={16} />} data-testid="tab-xml">
            {t('details.xml')}
          </Tabs.Tab>
          <Tabs.Tab value="snapshots" leftSection={<IconCamera size={16} />} data-testid="tab-snapshots">
            {t('details.snapshots')}
          </Tabs.Tab>
          <Tabs.Tab value="events" leftSection={<IconList size={16} />} data-testid="tab-events">
            {t('details.events')}
          </Tabs.Tab>
        </Tabs.List>
        <ScrollArea style={{ flex: 1 }} pt="md" type="auto">
          <Tabs.Panel value="overview">
            <VmOverview vm={vm} />
          </Tabs.Panel>
          <Tabs.Panel value="performance">
            <VmGraphs vmKey={vmKey} />
          </Tabs.Panel>
          <Tabs.Panel value="history">
            <HistoryChart host={vm.host} vm={vm.uuid} testId="vm-history" />
          </Tabs.Panel>
          <Tabs.Panel value="hardware">
            <HardwarePanel vm={vm} />
          </Tabs.Panel>
          <Tabs.Panel value="xml">
            <VmXml vmRef={ref} locked={vm.locked} />
          </Tabs.Panel>
          <Tabs.Panel value="snapshots">
            <SnapshotsPanel vm={vm} />
          </Tabs.Panel>
          <Tabs.Panel value="events">
            <VmEvents vmRef={ref} vmKey={vmKey} />
          </Tabs.Panel>
        </ScrollArea>
      </Tabs>
    </Stack>
  );
}
