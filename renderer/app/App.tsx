// The application shell: theme, notifications, header, host sidebar, workbench, task panel; starts the sync.
import { Alert, AppShell, Button, Center, Loader, MantineProvider, Stack, Text } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { HostSidebar } from '../features/hosts/HostSidebar.js';
import { PromptDialog } from '../features/hosts/PromptDialog.js';
import { TaskPanel } from '../features/tasks/TaskPanel.js';
import { startSync } from '../state/sync.js';
import { useUi } from '../state/ui-slice.js';
import { Header } from './Header.js';
import { useT } from './i18n/index.js';
import { errorMessage } from './notify.js';
import { theme } from './theme.js';
import { Workbench } from './Workbench.js';
import './global.css';

type SyncState = { phase: 'loading' } | { phase: 'ready' } | { phase: 'failed'; error: string };

function Shell() {
  const t = useT();
  const taskPanelOpen = useUi((s) => s.taskPanelOpen);
  const [sync, setSync] = useState<SyncState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);

  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    setSync({ phase: 'loading' });
    startSync().then(
      (unsubscribe) => {
        if (cancelled) unsubscribe();
        else {
          stop = unsubscribe;
          setSync({ phase: 'ready' });
        }
      },
      (e: unknown) => !cancelled && setSync({ phase: 'failed', error: errorMessage(e) }),
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [attempt]);

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
        {sync.phase === 'ready' && <Workbench />}
        {sync.phase === 'loading' && (
          <Center h="100%">
            <Stack align="center" gap="sm">
              <Loader />
              <Text c="dimmed">{t('app.loading')}</Text>
            </Stack>
          </Center>
        )}
        {sync.phase === 'failed' && (
          <Center h="100%" p="xl">
            <Alert color="red" title={t('app.loadFailed', { error: sync.error })} data-testid="load-failed">
              <Button mt="sm" size="xs" onClick={retry}>
                {t('app.retry')}
              </Button>
            </Alert>
          </Center>
        )}
      </AppShell.Main>
      <AppShell.Aside>
        <TaskPanel />
      </AppShell.Aside>
    </AppShell>
  );
}

export function App() {
  const choice = useUi((s) => s.theme);
  const lang = useUi((s) => s.language);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    // "auto" follows the OS through prefers-color-scheme; light/dark pin it.
    <MantineProvider theme={theme} defaultColorScheme="auto" forceColorScheme={choice === 'auto' ? undefined : choice}>
      <Notifications position="bottom-right" />
      <Shell />
      <PromptDialog />
    </MantineProvider>
  );
}
