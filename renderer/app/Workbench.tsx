// The main area: the machine list plus one tab per opened VM and console. Tabs stay mounted so consoles keep
// their sessions while another tab is shown; the consoles live in one area (ConsoleArea), which can tile them.
import { ActionIcon, CloseButton, Group, Menu, Tabs, Text } from '@mantine/core';
import { IconActivity, IconChevronDown, IconListCheck, IconCloudUpload, IconDatabase, IconDeviceDesktop, IconInfoCircle, IconLayoutList, IconNetwork, IconTerminal, IconTerminal2 } from '@tabler/icons-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConsoleArea, TileConsolesButton } from './ConsoleArea.js';
import { isConsoleTab } from './console-route.js';
import { VmDetails } from '../features/vms/VmDetails.js';
import { VmListView } from '../features/vms/VmListView.js';
import { NetworksView } from '../features/networks/NetworksView.js';
import { StorageView } from '../features/storage/StorageView.js';
import { InstancesView } from '../features/instances/InstancesView.js';
import { MonitorView } from '../features/monitor/MonitorView.js';
import { AuditView } from '../features/audit/AuditView.js';
import { AUDIT_TAB, INSTANCES_TAB, LIST_TAB, MONITOR_TAB, NETWORKS_TAB, STORAGE_TAB, useUi, type Tab, type TabKind } from '../state/ui-slice.js';
import { useVms } from '../state/vms-slice.js';
import { useT } from './i18n/index.js';
import { tabLabel } from './tab-label.js';
import classes from './Workbench.module.css';

const ICONS: Readonly<Record<TabKind, ReactNode>> = {
  vm: <IconInfoCircle size={14} />,
  vnc: <IconDeviceDesktop size={14} />,
  serial: <IconTerminal size={14} />,
  ssh: <IconTerminal2 size={14} />,
};

function TabLabel({ tab }: { tab: Tab }) {
  const vm = useVms(useShallow((s) => {
    const v = s.byKey[tab.vmKey];
    return v ? { name: v.name, host: v.host } : undefined;
  }));
  const closeTab = useUi((s) => s.closeTab);
  const t = useT();
  const label = tabLabel(tab, vm, t);
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" maw={240} truncate title={label}>
        {label}
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

/** Every open tab by name, close others, close all: the way back to a tab scrolled out of sight. */
function TabsMenu({ tabs, activeTab }: { tabs: readonly Tab[]; activeTab: string }) {
  const t = useT();
  const { activate, closeOthers } = useUi(useShallow((s) => ({ activate: s.activate, closeOthers: s.closeOthers })));
  const byKey = useVms((s) => s.byKey);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('tab.more')} disabled={tabs.length === 0} data-testid="tabs-menu">
          <IconChevronDown size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {tabs.map((tab) => (
          <Menu.Item key={tab.id} leftSection={ICONS[tab.kind]} onClick={() => activate(tab.id)} fw={tab.id === activeTab ? 600 : undefined} data-testid={`tabs-menu-${tab.id}`}>
            {tabLabel(tab, byKey[tab.vmKey], t)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item disabled={!tabs.some((x) => x.id === activeTab) || tabs.length < 2} onClick={() => closeOthers(activeTab)} data-testid="tabs-close-others">
          {t('tab.closeOthers')}
        </Menu.Item>
        <Menu.Item color="red" onClick={() => closeOthers(LIST_TAB)} data-testid="tabs-close-all">
          {t('tab.closeAll')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function Workbench() {
  const t = useT();
  const { tabs, activeTab, activate } = useUi(useShallow((s) => ({ tabs: s.tabs, activeTab: s.activeTab, activate: s.activate })));
  const docsRef = useRef<HTMLDivElement>(null);
  // A tab opened or picked from the menu is brought into view in the scrolling strip.
  useEffect(() => {
    const el = docsRef.current?.querySelector<HTMLElement>(`[data-testid="tab-${CSS.escape(activeTab)}"]`);
    el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [activeTab, tabs.length]);
  return (
    <Tabs value={activeTab} onChange={(v) => v && activate(v)} keepMounted className={classes.tabs} variant="outline">
      {/* The main tabs stay put; VM and console tabs scroll beside them. */}
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
        <Tabs.Tab value={AUDIT_TAB} leftSection={<IconListCheck size={14} />} data-testid="tab-audit">
          {t('app.audit')}
        </Tabs.Tab>
        <div ref={docsRef} className={classes.docs} data-testid="doc-tabs">
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.id} value={tab.id} leftSection={ICONS[tab.kind]} data-testid={`tab-${tab.id}`}>
              <TabLabel tab={tab} />
            </Tabs.Tab>
          ))}
        </div>
        <TileConsolesButton />
        <TabsMenu tabs={tabs} activeTab={activeTab} />
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
      <Tabs.Panel value={AUDIT_TAB} className={classes.panel}>
        {activeTab === AUDIT_TAB && <AuditView />}
      </Tabs.Panel>
      {tabs
        .filter((tab) => !isConsoleTab(tab))
        .map((tab) => (
          <Tabs.Panel key={tab.id} value={tab.id} className={classes.panel}>
            <VmDetails vmKey={tab.vmKey} />
          </Tabs.Panel>
        ))}
      <ConsoleArea />
    </Tabs>
  );
}
