// The applied change waiting for confirmation: a countdown to the host's rollback deadline and a Confirm button.
// When the countdown ends unconfirmed, it waits until the host's bridges show the rollback and says so.
import { Alert, Button, Code, Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { BridgeTxn } from '../../../shared/model/bridge.js';
import { useT } from '../../app/i18n/index.js';
import { errorMessage } from '../../app/notify.js';
import { useBridges } from '../../state/bridges-slice.js';
import { secondsLeft } from './bridge-countdown.js';

export function BridgeTxnCard({ txn }: { txn: BridgeTxn }) {
  const t = useT();
  const confirm = useBridges((s) => s.confirm);
  const awaitRollback = useBridges((s) => s.awaitRollback);
  const dismiss = useBridges((s) => s.dismiss);
  const [now, setNow] = useState(Date.now());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const total = useRef(Math.max(1, secondsLeft(txn.deadline, Date.now())));
  const left = secondsLeft(txn.deadline, now);
  const waiting = txn.state === 'applied';

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [waiting]);

  const expired = waiting && left === 0;
  useEffect(() => {
    if (!expired) return;
    awaitRollback(txn.host).catch((err: unknown) => setError(errorMessage(err)));
  }, [expired, awaitRollback, txn.host]);

  const onConfirm = async () => {
    setBusy(true);
    try {
      await confirm(txn.host);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const vars = { bridge: txn.bridge, nic: txn.nic, action: t(txn.action === 'create' ? 'bridge.action.create' : 'bridge.action.delete') };
  return (
    <Stack gap="xs" data-testid="bridge-txn" data-state={expired && txn.state === 'applied' ? 'expired' : txn.state}>
      {waiting && !expired && (
        <Alert color="yellow" title={t('bridge.applied', vars)}>
          <Stack gap="xs">
            <Text size="sm" data-testid="bridge-countdown" data-seconds={left}>
              {t('bridge.countdown', { seconds: left })}
            </Text>
            <Progress value={(left / total.current) * 100} color="yellow" />
            <Group>
              <Button color="teal" loading={busy} onClick={() => void onConfirm()} data-testid="bridge-confirm">
                {t('bridge.confirm')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {expired && <Alert color="gray" data-testid="bridge-waiting-rollback">{t('bridge.waitingRollback')}</Alert>}
      {txn.state === 'confirmed' && (
        <Alert color="teal" data-testid="bridge-confirmed" withCloseButton onClose={() => dismiss(txn.host)}>
          {t('bridge.confirmed', vars)}
        </Alert>
      )}
      {txn.state === 'rolled-back' && (
        <Alert color="orange" data-testid="bridge-rolled-back" withCloseButton onClose={() => dismiss(txn.host)}>
          {t('bridge.rolledBack', vars)}
        </Alert>
      )}
      {error && (
        <Alert color="red" data-testid="bridge-txn-error">
          {error}
        </Alert>
      )}
      {txn.log && (
        <details>
          <summary>
            <Text span size="xs" c="dimmed">
              {t('bridge.log')}
            </Text>
          </summary>
          <Code block>{txn.log.trim()}</Code>
        </details>
      )}
    </Stack>
  );
}
