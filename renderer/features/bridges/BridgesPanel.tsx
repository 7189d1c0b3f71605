// Host bridges of one host (on real NICs, outside libvirt): list with ports and addresses, delete with the safe
// apply, the wizard, and the change waiting for confirmation.
import { ActionIcon, Badge, Button, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconLock, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { BridgeInfo } from '../../../shared/model/bridge.js';
import { useConfirm } from '../../app/confirm.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { useBridges } from '../../state/bridges-slice.js';
import { BridgeTxnCard } from './BridgeTxnCard.js';
import { BridgeWizard } from './BridgeWizard.js';

const EMPTY: readonly BridgeInfo[] = [];
const DELETE_ROLLBACK_S = 60;

export function BridgesPanel({ host }: { host: string }) {
  const t = useT();
  const bridges = useBridges((s) => s.byHost[host] ?? EMPTY);
  const txn = useBridges((s) => s.txnByHost[host]);
  const load = useBridges((s) => s.load);
  const remove = useBridges((s) => s.remove);
  const [wizard, setWizard] = useState(false);
  const [dialog, confirm] = useConfirm();
  const reload = useCallback(() => void withToast(t('bridge.loadFailed'), () => load(host)), [host, load, t]);
  useEffect(reload, [reload]);

  const onDelete = async (b: BridgeInfo) => {
    const ok = await confirm({ body: t('bridge.deleteConfirm', { name: b.name, host, seconds: DELETE_ROLLBACK_S }), confirmLabel: t('bridge.delete'), danger: true });
    if (ok) await withToast(t('bridge.failed'), () => remove(host, b.name, DELETE_ROLLBACK_S));
  };
  const waiting = txn?.state === 'applied';

  return (
    <Stack gap="sm" data-testid="bridges-panel">
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={5}>{t('bridge.title')}</Title>
          <ActionIcon variant="subtle" color="gray" onClick={reload} aria-label={t('common.reload')} data-testid="bridges-reload">
            <IconRefresh size={16} />
          </ActionIcon>
        </Group>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} disabled={waiting} onClick={() => setWizard(true)} data-testid="bridge-add">
          {t('bridge.add')}
        </Button>
      </Group>
      {txn && <BridgeTxnCard key={txn.id} txn={txn} />}
      {bridges.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('bridge.none')}
        </Text>
      ) : (
        <Table verticalSpacing={6} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.name')}</Table.Th>
              <Table.Th>{t('common.state')}</Table.Th>
              <Table.Th>{t('bridge.ports')}</Table.Th>
              <Table.Th>{t('bridge.addresses')}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bridges.map((b) => (
              <Table.Tr key={b.name} data-testid={`bridge-row-${b.name}`}>
                <Table.Td>
                  {b.name}
                  {b.network && (
                    <Badge ml="xs" size="sm" variant="outline" color="gray" data-testid="bridge-network">
                      {t('bridge.ofNetwork', { network: b.network })}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={b.state === 'up' ? 'teal' : 'gray'}>
                    {b.state}
                  </Badge>
                </Table.Td>
                <Table.Td data-testid="bridge-ports">{b.ports.join(', ') || '—'}</Table.Td>
                <Table.Td data-testid="bridge-addresses">{b.addresses.join(', ') || '—'}</Table.Td>
                <Table.Td>
                  {b.network ? (
                    <Tooltip label={t('bridge.ofNetworkHint', { network: b.network })}>
                      <IconLock size={16} color="var(--mantine-color-dimmed)" data-testid="bridge-locked" />
                    </Tooltip>
                  ) : (
                  <ActionIcon variant="subtle" color="red" disabled={waiting} onClick={() => void onDelete(b)} aria-label={t('bridge.delete')} data-testid="bridge-delete">
                    <IconTrash size={16} />
                  </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {wizard && <BridgeWizard host={host} onClose={() => setWizard(false)} />}
      {dialog}
    </Stack>
  );
}
