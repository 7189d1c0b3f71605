// Delete a pool: the core's delete plan states exactly what is destroyed and what stays, before anything happens.
import { Alert, Checkbox, List, Loader, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PoolDeletePlan, PoolInfo } from '../../../shared/model/storage.js';
import { useDialogSubmit } from '../../app/dialog-submit.js';
import { DialogFooter } from '../../app/DialogFooter.js';
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
  const { busy, error, submit } = useDialogSubmit(onClose);

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
        <DialogFooter
          error={error}
          errorTestId="pool-delete-error"
          onCancel={onClose}
          submitLabel={t(deleteData ? 'pool.delete.confirmData' : 'pool.delete.confirm')}
          submitTestId="pool-delete-confirm"
          onSubmit={() => void submit(() => deletePool(pool.host, pool.name, deleteData))}
          color="red"
          busy={busy}
          disabled={plan.phase !== 'ready' || inUse}
        />
      </Stack>
    </Modal>
  );
}
