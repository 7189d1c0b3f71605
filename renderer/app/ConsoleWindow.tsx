// A console in a window of its own (detached from a tab): the console fills the window, titled like its tab.
import { Center, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConsoleView } from '../features/consoles/ConsoleView.js';
import { useVms } from '../state/vms-slice.js';
import type { ConsoleTab } from './console-route.js';
import { useT } from './i18n/index.js';
import { SyncGate } from './SyncGate.js';
import { tabLabel } from './tab-label.js';

function DetachedConsole({ tab }: { tab: ConsoleTab }) {
  const t = useT();
  const vm = useVms(useShallow((s) => {
    const v = s.byKey[tab.vmKey];
    return v ? { name: v.name, host: v.host } : undefined;
  }));
  useEffect(() => {
    document.title = `${tabLabel(tab, vm, t)} — VirtDeck`;
  }, [tab, vm, t]);
  if (!vm) {
    return (
      <Center h="100%">
        <Text c="dimmed" data-testid="console-window-gone">
          {t('console.windowGone')}
        </Text>
      </Center>
    );
  }
  return <ConsoleView tab={tab} detachable={false} />;
}

export function ConsoleWindow({ tab }: { tab: ConsoleTab }) {
  return (
    <div style={{ height: '100dvh', display: 'flex', flexDirection: 'column' }} data-testid="console-window">
      <SyncGate>
        <DetachedConsole tab={tab} />
      </SyncGate>
    </div>
  );
}
