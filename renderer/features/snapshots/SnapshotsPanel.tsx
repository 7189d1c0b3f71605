// A VM's snapshots as a tree (parent → children) with the current one marked; create, revert and delete. The
// confirmations say what happens: revert discards changes since the snapshot, an external delete merges back.
import { ActionIcon, Alert, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconCamera, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { SnapshotInfo } from '../../../shared/model/snapshot.js';
import type { VmInfo } from '../../../shared/model/vm.js';
import { useConfirm } from '../../app/confirm.js';
import { formatBytes, formatDateTime } from '../../app/format.js';
import { useLanguage, useT, type Translate } from '../../app/i18n/index.js';
import { errorMessage, withToast } from '../../app/notify.js';
import { vmKey } from '../../state/keys.js';
import { watchSnapshots } from '../../state/resource-refresh.js';
import { useSnapshots } from '../../state/snapshots-slice.js';
import { refOf } from '../../state/vms-slice.js';
import { SnapshotCreateDialog } from './SnapshotCreateDialog.js';
import { snapshotTree } from './snapshot-tree.js';

const EMPTY: readonly SnapshotInfo[] = [];

function revertText(t: Translate, vm: string, s: SnapshotInfo): string {
  const after = s.memory ? t('snap.revertMemory') : s.state === 'running' ? t('snap.revertRunningDisk') : t('snap.revertStopped');
  return `${t('snap.revertBody', { vm, name: s.name })} ${after}`;
}

function deleteText(t: Translate, s: SnapshotInfo): string {
  if (s.kind === 'internal') return t('snap.deleteInternal', { name: s.name });
  const overlays = s.disks.filter((d) => d.overlay).map((d) => `${d.target}: ${d.overlay} → ${d.image ?? '?'}`);
  return t('snap.deleteExternal', { name: s.name, files: overlays.join('; ') || '—' });
}

export function SnapshotsPanel({ vm }: { vm: VmInfo }) {
  const t = useT();
  const lang = useLanguage();
  const ref = refOf(vm);
  const key = vmKey(vm.host, vm.uuid);
  const snaps = useSnapshots((s) => s.byVm[key] ?? EMPTY);
  const load = useSnapshots((s) => s.load);
  const revert = useSnapshots((s) => s.revert);
  const remove = useSnapshots((s) => s.remove);
  const [dialog, confirm] = useConfirm();
  const [creating, setCreating] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const reload = useCallback(() => {
    load({ host: vm.host, vm: vm.uuid }).then(
      () => setLoadError(null),
      (err: unknown) => setLoadError(errorMessage(err)),
    );
  }, [load, vm.host, vm.uuid]);
  useEffect(reload, [reload]);
  useEffect(() => watchSnapshots({ host: vm.host, vm: vm.uuid }), [vm.host, vm.uuid]);

  const onRevert = async (s: SnapshotInfo) => {
    const ok = await confirm({ title: t('snap.revertTitle'), body: revertText(t, vm.name, s), confirmLabel: t('snap.revert'), danger: true });
    if (!ok) return;
    setBusy(s.name);
    await withToast(t('snap.revertFailed'), () => revert(ref, s.name), t('snap.reverted', { name: s.name }));
    setBusy(null);
  };
  const onDelete = async (s: SnapshotInfo) => {
    const ok = await confirm({ title: t('snap.deleteTitle'), body: deleteText(t, s), confirmLabel: t('snap.delete'), danger: true });
    if (!ok) return;
    setBusy(s.name);
    await withToast(t('snap.deleteFailed'), () => remove(ref, s.name), t('snap.deleted', { name: s.name }));
    setBusy(null);
  };

  return (
    <Stack gap="sm" data-testid="snapshots-panel">
      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={500}>{t('snap.title')}</Text>
          <ActionIcon variant="subtle" color="gray" onClick={reload} aria-label={t('common.reload')} data-testid="snap-reload">
            <IconRefresh size={16} />
          </ActionIcon>
        </Group>
        <Button size="xs" leftSection={<IconCamera size={14} />} onClick={() => setCreating(true)} data-testid="snap-add">
          {t('snap.add')}
        </Button>
      </Group>
      {loadError && (
        <Alert color="red" data-testid="snap-load-error">
          {loadError}
        </Alert>
      )}
      {snaps.length === 0 && !loadError ? (
        <Text size="sm" c="dimmed" data-testid="snap-none">
          {t('snap.none')}
        </Text>
      ) : (
        <Table verticalSpacing={6} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.name')}</Table.Th>
              <Table.Th>{t('snap.kind')}</Table.Th>
              <Table.Th>{t('snap.description')}</Table.Th>
              <Table.Th>{t('snap.created')}</Table.Th>
              <Table.Th>{t('snap.size')}</Table.Th>
              <Table.Th w={80} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {snapshotTree(snaps).map(({ snap: s, depth }) => (
              <Table.Tr key={s.name} data-testid={`snap-row-${s.name}`} data-current={s.current} data-depth={depth} data-parent={s.parent ?? ''}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap" pl={depth * 20}>
                    {depth > 0 && <Text c="dimmed">└</Text>}
                    <Text size="sm" fw={500}>
                      {s.name}
                    </Text>
                    {s.current && (
                      <Badge size="xs" color="teal" data-testid="snap-current">
                        {t('snap.current')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge size="sm" variant="light" color={s.kind === 'internal' ? 'blue' : 'grape'} data-testid="snap-kind">
                      {t(s.kind === 'internal' ? 'snap.kind.internal' : 'snap.kind.external')}
                    </Badge>
                    {s.memory && (
                      <Badge size="sm" variant="light" color="gray" data-testid="snap-memory">
                        {t('snap.withMemory')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" data-testid="snap-description-cell">
                    {s.description ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.createdAt ? formatDateTime(lang, s.createdAt) : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.sizeBytes === null ? '—' : formatBytes(s.sizeBytes)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <Tooltip label={t('snap.revert')}>
                      <ActionIcon variant="subtle" loading={busy === s.name} onClick={() => void onRevert(s)} aria-label={t('snap.revert')} data-testid="snap-revert">
                        <IconArrowBackUp size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('snap.delete')}>
                      <ActionIcon variant="subtle" color="red" disabled={busy === s.name} onClick={() => void onDelete(s)} aria-label={t('snap.delete')} data-testid="snap-delete">
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <SnapshotCreateDialog vmRef={ref} vmName={vm.name} running={vm.state === 'running'} existing={snaps} onClose={() => setCreating(false)} />}
      {dialog}
    </Stack>
  );
}
