// "Open grant…": a grant file and its passphrase; on success the app turns into support mode (SupportView).
import { Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useDialogSubmit } from '../../app/dialog-submit.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { DialogForm } from '../../app/DialogForm.js';
import { useT } from '../../app/i18n/index.js';
import { LocalFileInput } from '../../app/LocalFilePicker.js';
import type { LocalFile } from '../../state/backend.js';
import { useGrants } from '../../state/grants-slice.js';

export function OpenGrantDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const openSupport = useGrants((s) => s.openSupport);
  const [file, setFile] = useState<LocalFile | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, submit: run } = useDialogSubmit(onClose);
  const submit = async () => {
    if (file && passphrase) await run(() => openSupport(file, passphrase));
  };
  return (
    <Modal opened onClose={onClose} title={t('support.openTitle')} centered data-testid="open-grant-dialog">
      <DialogForm onSubmit={() => void submit()}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('support.openHelp')}
          </Text>
          <LocalFileInput use="read" label={t('support.file')} value={file} onChange={setFile} data-testid="open-grant-file" />
          <PasswordInput label={t('support.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} data-testid="open-grant-passphrase" />
          <DialogFooter error={error} errorTestId="open-grant-error" onCancel={onClose} submitLabel={t('support.connect')} submitTestId="open-grant-submit" busy={busy} disabled={!file || !passphrase} />
        </Stack>
      </DialogForm>
    </Modal>
  );
}
