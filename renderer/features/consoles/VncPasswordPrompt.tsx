// A VNC display started with a password (or one a console grant set) asks for it before it shows anything: the
// console asks the user, as virt-manager does, and hands the answer to noVNC. Never stored.
import { Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { DialogFooter } from '../../app/DialogFooter.js';
import { useT } from '../../app/i18n/index.js';

export function VncPasswordPrompt({ opened, onAnswer, onCancel }: { opened: boolean; onAnswer: (password: string) => void; onCancel: () => void }) {
  const t = useT();
  const [password, setPassword] = useState('');
  const answer = () => {
    onAnswer(password);
    setPassword('');
  };
  return (
    <Modal opened={opened} onClose={onCancel} title={t('console.vncPassword')} centered data-testid="vnc-password-dialog">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">{t('console.vncPasswordHint')}</Text>
        <PasswordInput value={password} onChange={(e) => setPassword(e.currentTarget.value)} data-autofocus
          onKeyDown={(e) => e.key === 'Enter' && password && answer()} data-testid="vnc-password" />
        <DialogFooter onCancel={onCancel} submitLabel={t('console.vncPasswordSubmit')} submitTestId="vnc-password-submit" onSubmit={answer} disabled={!password} />
      </Stack>
    </Modal>
  );
}
