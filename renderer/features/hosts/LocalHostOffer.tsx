// First start with no hosts: when this machine runs libvirtd, offer it as the first host (as virt-manager does).
import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconDeviceLaptop } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../shared/ipc/contract.js';
import { useT } from '../../app/i18n/index.js';
import { errorMessage } from '../../app/notify.js';
import { useHosts } from '../../state/hosts-slice.js';

type Candidate = NonNullable<CallOutput<'hosts.localCandidate'>>;

export function LocalHostOffer() {
  const t = useT();
  const localCandidate = useHosts((s) => s.localCandidate);
  const addLocal = useHosts((s) => s.addLocal);
  const [candidate, setCandidate] = useState<Candidate | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    // No offer is not an error worth showing: the user adds hosts by hand.
    localCandidate()
      .then((c) => live && setCandidate(c))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [localCandidate]);

  if (!candidate) return null;
  const connect = async () => {
    setBusy(true);
    setError(null);
    try {
      await addLocal(candidate);
      setCandidate(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="sm" m="xs" data-testid="local-offer">
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          <IconDeviceLaptop size={18} />
          <Text size="sm" fw={600}>
            {t('host.local.title')}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('host.local.body', { socket: candidate.socket, name: candidate.suggestedName })}
        </Text>
        {error && (
          <Alert color="red" p="xs" data-testid="local-offer-error">
            <Text size="xs">{error}</Text>
          </Alert>
        )}
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="subtle" color="gray" onClick={() => setCandidate(null)} data-testid="local-offer-dismiss">
            {t('host.local.dismiss')}
          </Button>
          <Button size="xs" loading={busy} onClick={() => void connect()} data-testid="local-offer-connect">
            {t('host.local.connect')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
