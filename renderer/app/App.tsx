// The application shell: theme, notifications, header, host sidebar, workbench, task panel, under the sync; or a
// console's own window; or support mode (a grant file's one VM).
import { AppShell, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { SupportView } from '../features/grants/SupportView.js';
import { HostSidebar } from '../features/hosts/HostSidebar.js';
import { AlertNotifier } from '../features/monitor/AlertNotifier.js';
import { PromptDialog } from '../features/hosts/PromptDialog.js';
import { TaskPanel } from '../features/tasks/TaskPanel.js';
import { useGrants } from '../state/grants-slice.js';
import { useUi } from '../state/ui-slice.js';
import { Header } from './Header.js';
import { ConsoleWindow } from './ConsoleWindow.js';
import { consoleRouteOf } from './console-route.js';
import { SyncGate } from './SyncGate.js';
import { theme } from './theme.js';
import { Workbench } from './Workbench.js';
import type { SupportSession } from '../../shared/ipc/grant-schemas.js';
import './global.css';

function Shell() {
  const taskPanelOpen = useUi((s) => s.taskPanelOpen);
  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 270, breakpoint: 0 }}
      aside={{ width: 340, breakpoint: 0, collapsed: { desktop: !taskPanelOpen, mobile: !taskPanelOpen } }}
      padding={0}
    >
      <AppShell.Header>
        <Header />
      </AppShell.Header>
      <AppShell.Navbar>
        <HostSidebar />
      </AppShell.Navbar>
      <AppShell.Main style={{ height: '100dvh', display: 'flex', flexDirection: 'column' }}>
        <SyncGate>
          <Workbench />
          <AlertNotifier />
        </SyncGate>
      </AppShell.Main>
      <AppShell.Aside>
        <TaskPanel />
      </AppShell.Aside>
    </AppShell>
  );
}

/** A window showing one console (app/console-route.ts), else the workbench. */
const consoleRoute = consoleRouteOf(window.location.search);

/** Support mode: the header and the granted VM's consoles only; the admin's shell (and its sync) is not mounted. */
function SupportShell({ session }: { session: SupportSession }) {
  return (
    <AppShell header={{ height: 52 }} padding={0}>
      <AppShell.Header>
        <Header support />
      </AppShell.Header>
      <AppShell.Main style={{ height: '100dvh', display: 'flex', flexDirection: 'column' }}>
        <SupportView session={session} />
      </AppShell.Main>
    </AppShell>
  );
}

export function App() {
  const choice = useUi((s) => s.theme);
  const lang = useUi((s) => s.language);
  const support = useGrants((s) => s.support);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    // "auto" follows the OS through prefers-color-scheme; light/dark pin it.
    <MantineProvider theme={theme} defaultColorScheme="auto" forceColorScheme={choice === 'auto' ? undefined : choice}>
      <Notifications position="bottom-right" />
      {consoleRoute ? <ConsoleWindow tab={consoleRoute} /> : support ? <SupportShell session={support} /> : <Shell />}
      <PromptDialog />
    </MantineProvider>
  );
}
