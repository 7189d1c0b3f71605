// Every open console, mounted once and kept mounted (a console keeps its session while hidden): the active one alone,
// or, tiled, all of them side by side with the active one outlined. A console stays in the same place in the tree
// whichever way it is shown, so tiling or picking a tab never reconnects it.
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconLayoutGrid } from '@tabler/icons-react';
import { useShallow } from 'zustand/react/shallow';
import { ConsoleView } from '../features/consoles/ConsoleView.js';
import { useUi } from '../state/ui-slice.js';
import { isConsoleTab } from './console-route.js';
import { useT } from './i18n/index.js';
import classes from './Workbench.module.css';

export function ConsoleArea() {
  const { tabs, activeTab, tiled, activate } = useUi(
    useShallow((s) => ({ tabs: s.tabs, activeTab: s.activeTab, tiled: s.tileConsoles, activate: s.activate })),
  );
  const consoles = tabs.filter(isConsoleTab);
  const shown = consoles.some((c) => c.id === activeTab);
  const grid = tiled && consoles.length > 1;
  return (
    <div className={classes.consoleArea} hidden={!shown} data-testid="console-area" data-tiled={grid}>
      {consoles.map((tab) => (
        <div
          key={tab.id}
          className={classes.consoleCell}
          hidden={!grid && tab.id !== activeTab}
          data-active={tab.id === activeTab}
          // Picking a tile makes it the active tab (the strip shows which one the keyboard goes to).
          onMouseDownCapture={() => tab.id !== activeTab && activate(tab.id)}
          data-testid={`console-cell-${tab.id}`}
        >
          <ConsoleView tab={tab} />
        </div>
      ))}
    </div>
  );
}

/** The tab strip's switch between one console at a time and all consoles side by side. */
export function TileConsolesButton() {
  const t = useT();
  const { tiled, setTiled, count } = useUi(
    useShallow((s) => ({ tiled: s.tileConsoles, setTiled: s.setTileConsoles, count: s.tabs.filter(isConsoleTab).length })),
  );
  const label = t(tiled ? 'tab.untile' : 'tab.tile');
  return (
    <Tooltip label={label} withinPortal>
      <ActionIcon
        variant={tiled ? 'light' : 'subtle'}
        color="gray"
        aria-label={label}
        aria-pressed={tiled}
        disabled={count < 2}
        onClick={() => setTiled(!tiled)}
        data-testid="tabs-tile"
      >
        <IconLayoutGrid size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
