// The image library of one host: format, virtual size, size on disk, default user; add by upload from this computer
// (staging and upload progress), by a URL the host downloads (known images offered), or by adopting a volume.
import { Badge, Button, Group, Modal, Progress, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ImageInfo } from '../../../shared/model/instance.js';
import { useDialogSubmit } from '../../app/dialog-submit.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { formatBytes } from '../../app/format.js';
import { LocalFileInput } from '../../app/LocalFilePicker.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import type { LocalFile } from '../../state/backend.js';
import { useInstances } from '../../state/instances-slice.js';
import { imageSource } from './image-source.js';

const EMPTY: readonly ImageInfo[] = [];

function ImageAddDialog({ host, onClose }: { host: string; onClose: () => void }) {
  const t = useT();
  const { uploadImage, addImage, loadKnown } = useInstances.getState();
  const known = useInstances((s) => s.known);
  const staging = useInstances((s) => s.staging[host]);
  const [tab, setTab] = useState<string | null>('file');
  const [file, setFile] = useState<LocalFile | null>(null);
  const [url, setUrl] = useState('');
  const [pool, setPool] = useState('');
  const [volume, setVolume] = useState('');
  const [name, setName] = useState('');
  const [user, setUser] = useState('');
  const [sha256, setSha] = useState('');
  const { busy, error, submit: run } = useDialogSubmit(onClose);
  useEffect(() => void loadKnown().catch(() => undefined), [loadKnown]);
  const opts = {
    host,
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(user.trim() ? { defaultUser: user.trim() } : {}),
    ...(sha256.trim() ? { sha256: sha256.trim() } : {}),
  };
  const ready = tab === 'file' ? file !== null : tab === 'url' ? url.trim() !== '' : pool.trim() !== '' && volume.trim() !== '';
  const submit = () =>
    run(async () => {
      if (tab === 'file' && file) await uploadImage(opts, file);
      else if (tab === 'url') await addImage({ ...opts, source: { kind: 'url', url: url.trim() } });
      else await addImage({ ...opts, source: { kind: 'volume', pool: pool.trim(), volume: volume.trim() } });
    });
  return (
    <Modal opened onClose={onClose} title={t('image.add.title', { host })} size="lg" data-testid="image-add-dialog">
      <Stack gap="sm">
        <Tabs value={tab} onChange={setTab}>
          <Tabs.List>
            <Tabs.Tab value="file" data-testid="image-src-file">{t('image.src.file')}</Tabs.Tab>
            <Tabs.Tab value="url" data-testid="image-src-url">{t('image.src.url')}</Tabs.Tab>
            <Tabs.Tab value="volume" data-testid="image-src-volume">{t('image.src.volume')}</Tabs.Tab>
          </Tabs.List>
        </Tabs>
        {tab === 'file' && <LocalFileInput use="read" label={t('image.file')} value={file} onChange={setFile} data-testid="image-file" />}
        {tab === 'url' && (
          <>
            <Select
              label={t('image.known')}
              data={known.map((k) => ({ value: k.id, label: `${k.distro} ${k.release}` }))}
              onChange={(id) => {
                const k = known.find((x) => x.id === id);
                if (k) {
                  setUrl(k.url);
                  setUser(k.defaultUser);
                }
              }}
              searchable
              clearable
              data-testid="image-known"
            />
            <TextInput label={t('image.url')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} data-testid="image-url" />
          </>
        )}
        {tab === 'volume' && (
          <Group grow>
            <TextInput label={t('image.pool')} value={pool} onChange={(e) => setPool(e.currentTarget.value)} data-testid="image-pool" />
            <TextInput label={t('image.volume')} value={volume} onChange={(e) => setVolume(e.currentTarget.value)} data-testid="image-volume" />
          </Group>
        )}
        <Group grow>
          <TextInput label={t('image.name')} placeholder={t('image.nameAuto')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="image-name" />
          <TextInput label={t('image.defaultUser')} value={user} onChange={(e) => setUser(e.currentTarget.value)} data-testid="image-user" />
        </Group>
        {tab !== 'volume' && <TextInput label={t('image.sha256')} placeholder={t('image.sha256Hint')} value={sha256} onChange={(e) => setSha(e.currentTarget.value)} data-testid="image-sha" />}
        {staging !== undefined && (
          <Stack gap={2} data-testid="image-staging">
            <Text size="xs">{t('image.staging')}</Text>
            <Progress value={staging * 100} size="sm" />
          </Stack>
        )}
        {busy && staging === undefined && <Text size="xs" c="dimmed">{t('image.inTask')}</Text>}
        <DialogFooter error={error} errorTestId="image-add-error" onCancel={onClose} submitLabel={t('image.add')} submitTestId="image-add-ok" onSubmit={() => void submit()} busy={busy} disabled={!ready} />
      </Stack>
    </Modal>
  );
}

export function ImagesPanel({ host }: { host: string }) {
  const t = useT();
  const images = useInstances((s) => s.images[host] ?? EMPTY);
  const loadImages = useInstances((s) => s.loadImages);
  const [adding, setAdding] = useState(false);
  useEffect(() => void withToast(t('image.loadFailed'), () => loadImages(host)), [host, loadImages, t]);
  return (
    <Stack gap="sm" data-testid="images-panel">
      <Group justify="flex-end">
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} data-testid="image-add">
          {t('image.add')}
        </Button>
      </Group>
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.name')}</Table.Th>
            <Table.Th>{t('volume.format')}</Table.Th>
            <Table.Th>{t('image.virtualSize')}</Table.Th>
            <Table.Th>{t('volume.allocation')}</Table.Th>
            <Table.Th>{t('image.defaultUser')}</Table.Th>
            <Table.Th>{t('image.source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {images.map((i) => (
            <Table.Tr key={i.name} data-testid={`image-row-${i.name}`}>
              <Table.Td>
                <Text size="sm">{i.name}</Text>
                <Text size="xs" c="dimmed">{i.pool}/{i.volume}</Text>
              </Table.Td>
              <Table.Td><Badge variant="light" color="gray" tt="none">{i.format ?? '?'}</Badge></Table.Td>
              <Table.Td>{i.virtualSize === null ? '—' : formatBytes(i.virtualSize)}</Table.Td>
              <Table.Td>{i.sizeOnDisk === null ? '—' : formatBytes(i.sizeOnDisk)}</Table.Td>
              <Table.Td>{i.defaultUser ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="xs" truncate maw={260} title={i.source} data-testid="image-source">
                  {t(`image.from.${imageSource(i.source).kind}`, { detail: imageSource(i.source).detail })}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {images.length === 0 && <Text size="sm" c="dimmed">{t('image.none')}</Text>}
      {adding && <ImageAddDialog host={host} onClose={() => setAdding(false)} />}
    </Stack>
  );
}
