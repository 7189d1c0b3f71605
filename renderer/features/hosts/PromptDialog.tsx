// Answers the core's questions: trust an unknown host key, unlock a key file, log in with a password, or answer one
// keyboard-interactive prompt (a one-time code). Secrets may be remembered; one-time answers never are.
import { Alert, Checkbox, Code, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DialogFooter } from '../../app/DialogFooter.js';
import { DialogForm } from '../../app/DialogForm.js';
import { useT } from '../../app/i18n/index.js';
import { usePrompts } from '../../state/prompts-slice.js';
import type { PromptRequest } from '../../../shared/ipc/front-end.js';

const TITLES = {
  'host-key': 'prompt.hostKey.title',
  passphrase: 'prompt.passphrase.title',
  password: 'prompt.password.title',
  'keyboard-interactive': 'prompt.kbd.title',
} as const satisfies Record<PromptRequest['kind'], string>;

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
  const secretInput = (
    <PasswordInput value={secret} onChange={(e) => setSecret(e.currentTarget.value)} data-autofocus data-testid="prompt-secret" />
  );
  const rememberBox = (
    <Checkbox label={t('prompt.remember')} checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} data-testid="prompt-remember" />
  );
  return (
    <Modal opened onClose={() => reply(false)} title={t(TITLES[request.kind])} centered data-testid={`prompt-${request.kind}`}>
      <DialogForm onSubmit={() => reply(true)}>
        <Stack gap="sm">
          {request.kind === 'host-key' && (
            <>
              <Text size="sm">
                {request.hostKey.guest
                  ? t('prompt.hostKey.guestBody', { vm: request.hostKey.guest.vm, host: request.hostKey.host, type: request.hostKey.keyType })
                  : t('prompt.hostKey.body', { host: request.hostKey.host, type: request.hostKey.keyType })}
              </Text>
              <Code block>{request.hostKey.fingerprint}</Code>
              {request.hostKey.guest && (
                <Alert color={request.hostKey.guest.console === 'match' ? 'teal' : 'orange'} data-testid="prompt-guest-console">
                  {t(request.hostKey.guest.console === 'match' ? 'prompt.hostKey.consoleMatch' : 'prompt.hostKey.consoleUnavailable')}
                </Alert>
              )}
              {request.hostKey.otherKnownTypes?.length ? (
                <Alert color="orange" data-testid="prompt-other-key-types">
                  {t('prompt.hostKey.otherTypes', { types: request.hostKey.otherKnownTypes.join(', ') })}
                </Alert>
              ) : request.hostKey.guest ? null : (
                <Alert color="blue">{t('wizard.key.unknown')}</Alert>
              )}
            </>
          )}
          {request.kind === 'passphrase' && (
            <>
              <Text size="sm">{t('prompt.passphrase.body', { file: request.keyFile })}</Text>
              {request.retry && <Alert color="red">{t('prompt.passphrase.retry')}</Alert>}
              {secretInput}
              {rememberBox}
            </>
          )}
          {request.kind === 'password' && (
            <>
              <Text size="sm">{t('prompt.password.body', { user: request.user, host: request.host })}</Text>
              {request.retry && <Alert color="red">{t('prompt.password.retry')}</Alert>}
              {secretInput}
              {rememberBox}
            </>
          )}
          {request.kind === 'keyboard-interactive' && (
            <>
              <Text size="sm">{t('prompt.kbd.body', { user: request.prompt.user, host: request.prompt.host })}</Text>
              {(request.prompt.name || request.prompt.instructions) && (
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                  {[request.prompt.name, request.prompt.instructions].filter(Boolean).join('\n')}
                </Text>
              )}
              <Text size="sm" fw={500}>
                {request.prompt.prompt}
              </Text>
              {request.prompt.echo ? (
                <TextInput value={secret} onChange={(e) => setSecret(e.currentTarget.value)} data-autofocus data-testid="prompt-secret" />
              ) : (
                secretInput
              )}
            </>
          )}
          <DialogFooter
            onCancel={() => reply(false)}
            cancelLabel={request.kind === 'host-key' ? t('prompt.reject') : t('app.cancel')}
            cancelTestId="prompt-reject"
            submitLabel={request.kind === 'host-key' ? t('prompt.trust') : t('prompt.ok')}
            submitTestId="prompt-accept"
            disabled={request.kind !== 'host-key' && !secret}
          />
        </Stack>
      </DialogForm>
    </Modal>
  );
}
