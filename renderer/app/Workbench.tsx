// The main area: the machine list plus one tab per opened VM and console. Tabs stay mounted so consoles keep
// their sessions while another tab is shown.
import { CloseButton, Group, Tabs, Text } from '@mantine/core';
import { IconActivity, IconCloudUpload, IconDatabase, IconDeviceDesktop, IconInfoCircle, IconLayoutList, IconNetwork, IconTerminal, IconTerminal2 } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConsoleView } from '../features/consoles/ConsoleView.js';
import { VmDetails } from '../features/vms/VmDetails.js';
import { VmListView } from '../features/vms/VmListView.js';
import { NetworksView } from '../features/networks/NetworksView.js';
import { StorageView } from '../features/storage/StorageView.js';
import { InstancesView } from '../features/instances/InstancesView.js';
import { MonitorView } from '../features/monitor/MonitorView.js';
import { INSTANCES_TAB, LIST_TAB, MONITOR_TAB, NETWORKS_TAB, STORAGE_TAB, useUi, type Tab, type TabKind } from '../state/ui-slice.js';
import { useVms } from '../state/vms-slice.js';
import { useT } from './i18n/index.js';
import classes from './Workbench.module.css';

const ICONS: Readonly<Record<TabKind, ReactNode>> = {
  vm: <IconInfoCircle size={14} />,
  vnc: <IconDeviceDesktop size={14} />,
  serial: <IconTerminal size={14} />,
  ssh: <IconTerminal2 size={14} />,
};

function TabLabel({ tab }: { tab: Tab }) {
  const name = useVms((s) => s.byKey[tab.vmKey]?.name ?? '?');
  const closeTab = useUi((s) => s.closeTab);
  const t = useT();
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" maw={180} truncate>
        {tab.kind === 'ssh' ? `${tab.user ?? 'root'}@${name}` : name}
      </Text>
      <CloseButton
        size="xs"
        component="span"
        aria-label={t('app.close')}
        onClick={(e) => {
          e.stopPropagation();
          closeTab(tab.id);
        }}
      />
    </Group>
  );
}

export function Workbench() {
  const t = useT();
  const { tabs, activeTab, activate } = useUi(useShallow((s) => ({ tabs: s.tabs, activeTab: s.activeTab, activate: s.activate })));
  return (
    <Tabs value={activeTab} onChange={(v) => v && activate(v)} keepMounted className={classes.tabs} variant="outline">
      <Tabs.List className={classes.list}>
        <Tabs.Tab value={LIST_TAB} leftSection={<IconLayoutList size={14} />} data-testid="tab-list">
          {t('app.machines')}
        </Tabs.Tab>
        <Tabs.Tab value={INSTANCES_TAB} leftSection={<IconCloudUpload size={14} />} data-testid="tab-instances">
          {t('app.instances')}
        </Tabs.Tab>
        <Tabs.Tab value={STORAGE_TAB} leftSection={<IconDatabase size={14} />} data-testid="tab-storage">
          {t('app.storage')}
        </Tabs.Tab>
        <Tabs.Tab value={NETWORKS_TAB} leftSection={<IconNetwork size={14} />} data-testid="tab-networks">
          {t('app.networks')}
        </Tabs.Tab>
        <Tabs.Tab value={MONITOR_TAB} leftSection={<IconActivity size={14} />} data-testid="tab-monitor">
          {t('app.monitor')}
        </Tabs.Tab>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.id} value={tab.id} leftSection={ICONS[tab.kind]} data-testid={`tab-${tab.id}`}>
            <TabLabel tab={tab} />
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value={LIST_TAB} className={classes.panel}>
        <VmListView />
      </Tabs.Panel>
      {/* Resource screens mount when first shown: they load per-host lists on demand. */}
      <Tabs.Panel value={INSTANCES_TAB} className={classes.panel}>
        {activeTab === INSTANCES_TAB && <InstancesView />}
      </Tabs.Panel>
      <Tabs.Panel value={STORAGE_TAB} className={classes.panel}>
        {activeTab === STORAGE_TAB && <StorageView />}
      </Tabs.Panel>
      <Tabs.Panel value={NETWORKS_TAB} className={classes.panel}>
        {activeTab === NETWORKS_TAB && <NetworksView />}
      </Tabs.Panel>
      <Tabs.Panel value={MONITOR_TAB} className={classes.panel}>
        {activeTab === MONITOR_TAB && <MonitorView />}
      </Tabs.Panel>
      {tabs.map((tab) => (
        <Tabs.Panel key={tab.id} value={tab.id} className={tab.kind === 'vm' ? classes.panel : classes.consolePanel}>
          {tab.kind === 'vm' ? <VmDetails vmKey={tab.vmKey} /> : <ConsoleView tab={tab} />}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
