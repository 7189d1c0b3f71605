// "Open grant…": a grant file and its passphrase; on success the app turns into support mode (SupportView).
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../app/errors.js';
import { useT } from '../../app/i18n/index.js';
import { LocalFileInput } from '../../app/LocalFilePicker.js';
import type { LocalFile } from '../../state/backend.js';
import { useGrants } from '../../state/grants-slice.js';

export function OpenGrantDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const openSupport = useGrants((s) => s.openSupport);
  const [file, setFile] = useState<LocalFile | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    if (!file || !passphrase) return;
    setBusy(true);
    setFailure(null);
    try {
      await openSupport(file, passphrase);
      onClose();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('support.openTitle')} centered data-testid="open-grant-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('support.openHelp')}
          </Text>
          <LocalFileInput use="read" label={t('support.file')} value={file} onChange={setFile} data-testid="open-grant-file" />
          <PasswordInput label={t('support.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} data-testid="open-grant-passphrase" />
          {failure && (
            <Alert color="red" data-testid="open-grant-error">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!file || !passphrase} data-testid="open-grant-submit">
              {t('support.connect')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
