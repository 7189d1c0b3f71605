// Active console grants of one host or one VM, read from the host when shown (and after each revoke): who, which
// VM, when it ends, which consoles, view-only, from where; Revoke removes the key entry and resets the VNC password.
import { Alert, Badge, Button, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { GrantInfo } from '../../../shared/ipc/grant-schemas.js';
import { errorMessage } from '../../app/errors.js';
import { formatDateTime, relativeTime } from '../../app/format.js';
import { useLanguage, useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { scopeKey, useGrants, type GrantScope } from '../../state/grants-slice.js';

export function GrantsDialog({ scope, title, onClose }: { scope: GrantScope; title: string; onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const key = scopeKey(scope);
  const grants = useGrants((s) => s.byScope[key]);
  const load = useGrants((s) => s.load);
  const revoke = useGrants((s) => s.revoke);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    setLoading(true);
    setFailure(null);
    try {
      await load(scope);
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setLoading(false);
    }
    // scope is compared by its key
  }, [key, load]);
  useEffect(() => void refresh(), [refresh]);
  const onRevoke = async (g: GrantInfo) => {
    setRevoking(g.id);
    await withToast(t('grant.revokeFailed'), () => revoke(g), t('grant.revoked', { id: g.id }));
    setRevoking(null);
  };
  return (
    <Modal opened onClose={onClose} title={title} centered size="xl" data-testid="grants-dialog">
      <Stack gap="sm">
        <Group justify="flex-end">
          <Button size="xs" variant="default" leftSection={loading ? <Loader size={12} /> : <IconRefresh size={14} />} disabled={loading} onClick={() => void refresh()} data-testid="grants-refresh">
            {t('grant.refresh')}
          </Button>
        </Group>
        {failure && (
          <Alert color="red" title={t('grant.loadFailed')} data-testid="grants-error">
            {failure}
          </Alert>
        )}
        {grants && grants.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="grants-none">
            {t('grant.none')}
          </Text>
        )}
        {grants && grants.length > 0 && (
          <Table striped withTableBorder data-testid="grants-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('grant.colFor')}</Table.Th>
                {!scope.vm && <Table.Th>{t('grant.colVm')}</Table.Th>}
                <Table.Th>{t('grant.colEnds')}</Table.Th>
                <Table.Th>{t('grant.colConsoles')}</Table.Th>
                <Table.Th>{t('grant.colFrom')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {grants.map((g) => (
                <Table.Tr key={g.id} data-testid={`grant-row-${g.id}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {g.for}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {g.id}
                    </Text>
                  </Table.Td>
                  {!scope.vm && <Table.Td>{g.vm}</Table.Td>}
                  <Table.Td>
                    <Text size="sm">{formatDateTime(lang, g.until)}</Text>
                    <Text size="xs" c="dimmed">
                      {relativeTime(lang, g.until)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {g.vnc && <Badge variant="light">{`VNC :${g.vncPort ?? '?'}`}</Badge>}
                      {g.serial && <Badge variant="light" color="grape">{t('grant.kindSerial')}</Badge>}
                      <Badge variant="outline" color={g.viewOnly ? 'gray' : 'orange'} data-testid="grant-mode">
                        {g.viewOnly ? t('grant.viewOnlyBadge') : t('grant.interactive')}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{g.from.length ? g.from.join(', ') : t('grant.anywhere')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" color="red" variant="light" loading={revoking === g.id} onClick={() => void onRevoke(g)} data-testid="grant-revoke">
                      {t('grant.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {!grants && !failure && <Loader size="sm" />}
      </Stack>
    </Modal>
  );
}
