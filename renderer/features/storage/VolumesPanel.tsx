// Volumes of one running pool: sizes, format, backing chain; create, resize, clone, delete, upload, download.
import { ActionIcon, Alert, Badge, Button, Group, Menu, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCode, IconCopy, IconDots, IconDownload, IconPlus, IconResize, IconTrash, IconUpload } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { PoolInfo, VolumeInfo } from '../../../shared/model/storage.js';
import { useConfirm } from '../../app/confirm.js';
import { LocalFileButton } from '../../app/LocalFilePicker.js';
import { formatBytes } from '../../app/format.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import type { LocalFile } from '../../state/backend.js';
import { useStorage, volumeNameOf, volumesKey } from '../../state/storage-slice.js';
import { XmlDialog } from '../xml/XmlDialog.js';
import { VolumeCloneDialog, VolumeCreateDialog, VolumeResizeDialog } from './VolumeDialogs.js';

const EMPTY: readonly VolumeInfo[] = [];

type Dialog = { kind: 'create' } | { kind: 'resize' | 'clone' | 'xml'; volume: VolumeInfo } | null;

export function VolumesPanel({ pool }: { pool: PoolInfo }) {
  const t = useT();
  const key = volumesKey(pool.host, pool.name);
  const volumes = useStorage((s) => s.volumes[key] ?? EMPTY);
  const staging = useStorage((s) => s.staging);
  const { loadVolumes, deleteVolume, upload, download } = useStorage.getState();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [confirmDialog, confirm] = useConfirm();
  const [lastTransfer, setLastTransfer] = useState<{ volume: string; sha256: string; bytes: number } | null>(null);
  const running = pool.state === 'running';
  const reload = useCallback(() => {
    if (running) void withToast(t('storage.loadFailed'), () => loadVolumes(pool.host, pool.name));
  }, [running, pool.host, pool.name, loadVolumes, t]);
  useEffect(reload, [reload]);

  const onUpload = async (file: LocalFile) => {
    const name = volumeNameOf(file.name);
    const r = await withToast(t('volume.uploadFailed'), () => upload(pool.host, pool.name, name, file));
    if (r) {
      setLastTransfer({ volume: name, sha256: r.sha256, bytes: r.bytes });
      notifications.show({ color: 'teal', message: t('volume.uploaded', { name, size: formatBytes(r.bytes) }) });
    }
  };
  const onDownload = async (v: VolumeInfo) => {
    const r = await withToast(t('volume.downloadFailed'), () => download(v.host, v.pool, v.name));
    if (r) setLastTransfer({ volume: v.name, sha256: r.sha256, bytes: r.bytes });
  };
  const onDelete = async (v: VolumeInfo) => {
    const ok = await confirm({ body: t('volume.deleteConfirm', { path: v.path, size: formatBytes(v.allocation) }), confirmLabel: t('volume.delete'), danger: true });
    if (ok) await withToast(t('volume.delete'), () => deleteVolume(v.host, v.pool, v.name));
  };
  const stagingHere = Object.entries(staging).filter(([k]) => k.startsWith(`${key}/`));

  return (
    <Paper withBorder p="sm" radius="md" data-testid={`volumes-${pool.name}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>{t('volume.title', { pool: pool.name })}</Title>
          <Group gap="xs">
            <LocalFileButton onPick={(f) => void onUpload(f)}>
              {(props) => (
                <Button {...props} size="xs" variant="light" leftSection={<IconUpload size={14} />} disabled={!running} data-testid="volume-upload">
                  {t('volume.upload')}
                </Button>
              )}
            </LocalFileButton>
            <Button size="xs" leftSection={<IconPlus size={14} />} disabled={!running} onClick={() => setDialog({ kind: 'create' })} data-testid="volume-add">
              {t('volume.add')}
            </Button>
          </Group>
        </Group>
        {!running && <Text size="sm" c="dimmed">{t('volume.poolInactive')}</Text>}
        {stagingHere.map(([k, fraction]) => (
          <Stack key={k} gap={2} data-testid="volume-staging">
            <Text size="xs">{t('volume.staging', { name: k.slice(key.length + 1) })}</Text>
            <Progress value={fraction * 100} size="sm" />
          </Stack>
        ))}
        {lastTransfer && (
          <Alert color="teal" py={6} data-testid="volume-transfer-result" data-sha256={lastTransfer.sha256}>
            <Text size="xs">{t('volume.transferResult', { name: lastTransfer.volume, size: formatBytes(lastTransfer.bytes), sha256: lastTransfer.sha256 })}</Text>
          </Alert>
        )}
        {running && (
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('volume.format')}</Table.Th>
                <Table.Th>{t('volume.size')}</Table.Th>
                <Table.Th>{t('volume.allocation')}</Table.Th>
                <Table.Th>{t('volume.chain')}</Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {volumes.map((v) => (
                <Table.Tr key={v.name} data-testid={`volume-row-${v.name}`} data-capacity={v.capacity} data-format={v.format ?? ''}>
                  <Table.Td>
                    <Text size="sm">{v.name}</Text>
                    <Text size="xs" c="dimmed" truncate maw={280}>
                      {v.path}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray" tt="none">
                      {v.format ?? v.type}
                    </Badge>
                  </Table.Td>
                  <Table.Td data-testid="volume-capacity" style={{ whiteSpace: 'nowrap' }}>{formatBytes(v.capacity)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBytes(v.allocation)}</Table.Td>
                  <Table.Td data-testid="volume-chain">
                    {v.backingChain.length === 0 ? (
                      <Text size="xs" c="dimmed">—</Text>
                    ) : (
                      <Stack gap={0}>
                        {v.backingChain.map((p, i) => (
                          <Text key={p} size="xs" ff="monospace" pl={i * 8}>
                            ↳ {p}
                          </Text>
                        ))}
                      </Stack>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('volume.actions')} data-testid="volume-menu">
                          <IconDots size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconResize size={14} />} onClick={() => setDialog({ kind: 'resize', volume: v })} data-testid="volume-resize">
                          {t('volume.resize')}
                        </Menu.Item>
                        <Menu.Item leftSection={<IconCopy size={14} />} onClick={() => setDialog({ kind: 'clone', volume: v })} data-testid="volume-clone">
                          {t('volume.clone')}
                        </Menu.Item>
                        <Menu.Item leftSection={<IconDownload size={14} />} onClick={() => void onDownload(v)} data-testid="volume-download">
                          {t('volume.download')}
                        </Menu.Item>
                        <Menu.Item leftSection={<IconCode size={14} />} onClick={() => setDialog({ kind: 'xml', volume: v })} data-testid="volume-xml">
                          {t('xml.tab')}
                        </Menu.Item>
                        <Menu.Divider />
                        <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => void onDelete(v)} data-testid="volume-delete">
                          {t('volume.delete')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {running && volumes.length === 0 && <Text size="sm" c="dimmed">{t('volume.none')}</Text>}
      </Stack>
      {dialog?.kind === 'create' && <VolumeCreateDialog host={pool.host} pool={pool.name} volumes={volumes} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'resize' && <VolumeResizeDialog volume={dialog.volume} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'clone' && <VolumeCloneDialog volume={dialog.volume} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'xml' && (
        <XmlDialog target={{ kind: 'volume', host: pool.host, pool: pool.name, name: dialog.volume.name }} onClose={() => setDialog(null)} />
      )}
      {confirmDialog}
    </Paper>
  );
}
