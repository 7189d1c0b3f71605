// Starts the store's sync with the core and shows its children once it is loaded (a loader before, the failure
// with a retry after).
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { startSync } from '../state/sync.js';
import { useT } from './i18n/index.js';
import { errorMessage } from './notify.js';

type SyncState = { phase: 'loading' } | { phase: 'ready' } | { phase: 'failed'; error: string };

export function SyncGate({ children }: { children: ReactNode }) {
  const t = useT();
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

  if (sync.phase === 'ready') return <>{children}</>;
  if (sync.phase === 'loading') {
    return (
      <Center h="100%">
        <Stack align="center" gap="sm">
          <Loader />
          <Text c="dimmed">{t('app.loading')}</Text>
        </Stack>
      </Center>
    );
  }
  return (
    <Center h="100%" p="xl">
      <Alert color="red" title={t('app.loadFailed', { error: sync.error })} data-testid="load-failed">
        <Button mt="sm" size="xs" onClick={retry}>
          {t('app.retry')}
        </Button>
      </Alert>
    </Center>
  );
}
