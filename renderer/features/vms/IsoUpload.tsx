// The New VM wizard's "Upload ISO": a local file into the pool as a volume named after the file (staged to the core
// with its progress, then the core's upload task to the host), then the wizard's ISO field set to POOL/VOLUME. The
// progress stays on screen when done, with the size and SHA-256 the core read.
import { Button, Progress, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { LocalFileButton } from '../../app/LocalFilePicker.js';
import { formatBytes } from '../../app/format.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import type { LocalFile } from '../../state/backend.js';
import { useStorage, volumeNameOf } from '../../state/storage-slice.js';

type Upload = { volume: string; state: 'sending' | 'uploading' } | { volume: string; state: 'done'; bytes: number; sha256: string };

export function IsoUpload({ host, pool, onUploaded }: { host: string; pool: string; onUploaded(media: string): void }) {
  const t = useT();
  const [upload, setUpload] = useState<Upload | null>(null);
  const fraction = useStorage((s) => (upload ? s.staging[`${host}/${pool}/${upload.volume}`] : undefined));

  const onPick = async (file: LocalFile) => {
    const volume = volumeNameOf(file.name);
    setUpload({ volume, state: 'sending' });
    const staged = useStorage.subscribe((s) => {
      // staging over: the core's task sends it on to the host
      if (s.staging[`${host}/${pool}/${volume}`] === undefined) setUpload((u) => (u?.state === 'sending' ? { volume, state: 'uploading' } : u));
    });
    const r = await withToast(t('volume.uploadFailed'), () => useStorage.getState().upload(host, pool, volume, file)).finally(staged);
    if (!r) return setUpload(null);
    setUpload({ volume, state: 'done', bytes: r.bytes, sha256: r.sha256 });
    onUploaded(`${pool}/${volume}`);
  };

  return (
    <Stack gap={4} mt={24} w={200}>
      <LocalFileButton onPick={(f) => void onPick(f)}>
        {(props) => (
          <Button {...props} variant="light" leftSection={<IconUpload size={14} />} loading={upload !== null && upload.state !== 'done'} data-testid="newvm-upload">
            {t('newvm.upload')}
          </Button>
        )}
      </LocalFileButton>
      {upload && (
        <Stack gap={2} data-testid="newvm-upload-progress" data-state={upload.state} data-sha256={upload.state === 'done' ? upload.sha256 : undefined}>
          <Progress value={upload.state === 'done' ? 100 : upload.state === 'uploading' ? 100 : (fraction ?? 0) * 100} animated={upload.state === 'uploading'} size="sm" />
          <Text size="xs" c="dimmed">
            {upload.state === 'done'
              ? t('newvm.uploaded', { name: upload.volume, size: formatBytes(upload.bytes) })
              : t(upload.state === 'sending' ? 'newvm.uploadSending' : 'newvm.uploadToHost', { name: upload.volume, host })}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
