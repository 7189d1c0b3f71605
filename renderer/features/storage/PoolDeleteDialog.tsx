// Delete a pool: the core's delete plan states exactly what is destroyed and what stays, before anything happens.
import { Alert, Button, Checkbox, Group, List, Loader, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PoolDeletePlan, PoolInfo } from '../../../shared/model/storage.js';
import { formatBytes } from '../../app/format.js';
import { useT } from '../../app/i18n/index.js';
import { errorMessage } from '../../app/notify.js';
import { useStorage } from '../../state/storage-slice.js';
import { poolPlanText } from './pool-plan.js';
import { describeVolumeUsers } from './volume-users.js';

type Plan = { phase: 'loading' } | { phase: 'ready'; plan: PoolDeletePlan } | { phase: 'failed'; error: string };

export function PoolDeleteDialog({ pool, onClose }: { pool: PoolInfo; onClose: () => void }) {
  const t = useT();
  const deletePlan = useStorage((s) => s.deletePlan);
  const deletePool = useStorage((s) => s.deletePool);
  const [deleteData, setDeleteData] = useState(false);
  const [plan, setPlan] = useState<Plan>({ phase: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setPlan({ phase: 'loading' });
    deletePlan(pool.host, pool.name, deleteData).then(
      (p) => live && setPlan({ phase: 'ready', plan: p }),
      (e: unknown) => live && setPlan({ phase: 'failed', error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [deletePlan, pool.host, pool.name, deleteData]);

  const inUse = plan.phase === 'ready' && plan.plan.volumes.some((v) => v.users.length > 0);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await deletePool(pool.host, pool.name, deleteData);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('pool.delete.title', { name: pool.name, host: pool.host })} size="lg" data-testid="pool-delete-dialog">
      <Stack gap="sm">
        <Checkbox
          label={t('pool.delete.data')}
          description={t('pool.delete.dataHint')}
          checked={deleteData}
          onChange={(e) => setDeleteData(e.currentTarget.checked)}
          color="red"
          data-testid="pool-delete-data"
        />
        {plan.phase === 'loading' && <Loader size="sm" />}
        {plan.phase === 'failed' && (
          <Alert color="red" data-testid="pool-delete-plan-error">
            {plan.error}
          </Alert>
        )}
        {plan.phase === 'ready' && (
          <Alert color={plan.plan.deleteData ? 'red' : 'yellow'} title={t('pool.delete.plan')} data-testid="pool-delete-statement">
            <Text size="sm">{poolPlanText(t, plan.plan)}</Text>
            {plan.plan.volumes.length > 0 && (
              <List size="xs" mt={6}>
                {plan.plan.volumes.map((v) => (
                  <List.Item key={v.name}>
                    {v.path} ({formatBytes(v.allocation)})
                    {v.users.length > 0 && (
                      <Text span size="xs" c="red" fw={600} data-testid="pool-delete-volume-users">
                        {' — '}
                        {t('pool.delete.inUse', { users: describeVolumeUsers(t, v.users) })}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        {inUse && (
          <Alert color="red" data-testid="pool-delete-in-use">
            {t('pool.delete.refused')}
          </Alert>
        )}
        {error && (
          <Alert color="red" data-testid="pool-delete-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('app.cancel')}
          </Button>
          <Button color="red" disabled={plan.phase !== 'ready' || inUse} loading={busy} onClick={() => void run()} data-testid="pool-delete-confirm">
            {t(deleteData ? 'pool.delete.confirmData' : 'pool.delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
