// Answers the core's questions: trust an unknown host key, unlock a key file, or log in with a password.
import { Alert, Button, Checkbox, Code, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../app/i18n/index.js';
import { usePrompts } from '../../state/prompts-slice.js';

export function PromptDialog() {
  const t = useT();
  const current = usePrompts((s) => s.queue[0]);
  const answer = usePrompts((s) => s.answer);
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(false);
  if (!current) return null;
  const { id, request } = current;
  const reply = (accept: boolean) => {
    answer(id, accept ? { accept, secret: request.kind === 'host-key' ? undefined : secret, remember } : { accept: false });
    setSecret('');
    setRemember(false);
  };
  const title =
    request.kind === 'host-key' ? t('prompt.hostKey.title') : request.kind === 'passphrase' ? t('prompt.passphrase.title') : t('prompt.password.title');
  return (
    <Modal opened onClose={() => reply(false)} title={title} centered data-testid={`prompt-${request.kind}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          reply(true);
        }}
      >
        <Stack gap="sm">
          {request.kind === 'host-key' && (
            <>
              <Text size="sm">{t('prompt.hostKey.body', { host: request.hostKey.host, type: request.hostKey.keyType })}</Text>
              <Code block>{request.hostKey.fingerprint}</Code>
              <Alert color="blue">{t('wizard.key.unknown')}</Alert>
            </>
          )}
          {request.kind === 'passphrase' && (
            <>
              <Text size="sm">{t('prompt.passphrase.body', { file: request.keyFile })}</Text>
              <PasswordInput value={secret} onChange={(e) => setSecret(e.currentTarget.value)} data-autofocus data-testid="prompt-secret" />
            </>
          )}
          {request.kind === 'password' && (
            <>
              <Text size="sm">{t('prompt.password.body', { user: request.user, host: request.host })}</Text>
              <PasswordInput value={secret} onChange={(e) => setSecret(e.currentTarget.value)} data-autofocus data-testid="prompt-secret" />
              <Checkbox label={t('prompt.remember')} checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => reply(false)} data-testid="prompt-reject">
              {request.kind === 'host-key' ? t('prompt.reject') : t('app.cancel')}
            </Button>
            <Button type="submit" disabled={request.kind !== 'host-key' && !secret} data-testid="prompt-accept">
              {request.kind === 'host-key' ? t('prompt.trust') : t('prompt.ok')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
