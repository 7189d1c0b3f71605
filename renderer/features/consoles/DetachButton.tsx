// Moves a console tab into a window of its own: the app's page at the console's address (app/console-route.ts). In
// Electron the main process lets exactly such an address open (electron/main/console-window.ts); in a browser it is
// a new window of the same origin, which inherits this tab's session. The tab closes: one session per console.
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { createContext, useContext } from 'react';
import { consoleUrl, type ConsoleTab } from '../../app/console-route.js';
import { useT } from '../../app/i18n/index.js';
import { useUi } from '../../state/ui-slice.js';

/** The console tab a console bar belongs to; null in a detached window (nothing to detach from). */
export const DetachableTab = createContext<ConsoleTab | null>(null);

export function DetachButton() {
  const t = useT();
  const tab = useContext(DetachableTab);
  const closeTab = useUi((s) => s.closeTab);
  if (!tab) return null;
  const detach = () => {
    const opened = window.open(consoleUrl(tab, window.location), '_blank', 'popup,width=1100,height=780');
    if (opened) closeTab(tab.id);
  };
  return (
    <Tooltip label={t('console.detach')}>
      <ActionIcon variant="default" size="md" aria-label={t('console.detach')} onClick={detach} data-testid="console-detach">
        <IconExternalLink size={14} />
      </ActionIcon>
    </Tooltip>
  );
}
