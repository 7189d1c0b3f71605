// "Share console…": one person, one window, which consoles, view-only, optional source ranges and the passphrase
// that protects the grant file's key; the console account is created only when the admin ticks the consent box.
// On create the user picks where the grant file goes (the app's save dialog, or a download in a browser).
import { Checkbox, Group, Modal, NumberInput, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { VmInfo } from '../../../shared/model/vm.js';
import { useDialogSubmit } from '../../app/dialog-submit.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { DialogForm } from '../../app/DialogForm.js';
import { useLanguage, useT } from '../../app/i18n/index.js';
import { formatDateTime } from '../../app/format.js';
import { useGrants } from '../../state/grants-slice.js';
import { emptyGrantForm, grantEnd, grantFormIssues, sourceRanges, type GrantForm } from './grant-form.js';

export function GrantDialog({ vm, onClose }: { vm: VmInfo; onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const create = useGrants((s) => s.create);
  const [form, setForm] = useState<GrantForm>(emptyGrantForm);
  const [createAccount, setCreateAccount] = useState(false);
  const [touched, setTouched] = useState(false);
  const { busy, error, submit: run } = useDialogSubmit(onClose);
  const set = <K extends keyof GrantForm>(k: K, v: GrantForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const now = new Date();
  const issues = grantFormIssues(form, now);
  const shown = (k: keyof typeof issues): string | undefined => {
    const i = issues[k];
    return touched && i ? t(i.key, i.value !== undefined ? { value: i.value } : undefined) : undefined;
  };
  const end = grantEnd(form, now);
  const submit = async () => {
    setTouched(true);
    if (Object.keys(issues).length > 0 || !end) return;
    await run(async () => {
      const grant = await create({
        ref: { host: vm.host, vm: vm.uuid },
        for: form.for.trim(),
        until: end,
        vnc: form.vnc,
        serial: form.serial,
        viewOnly: form.viewOnly,
        from: sourceRanges(form.from),
        passphrase: form.passphrase,
        createAccount,
      });
      // No grant: the user backed out of choosing where its file goes; the dialog stays.
      if (!grant) return false;
      notifications.show({ message: t('grant.created', { id: grant.id, for: grant.for }), color: 'teal', autoClose: 5000 });
      return true;
    });
  };
  return (
    <Modal opened onClose={onClose} title={t('grant.dialogTitle', { vm: vm.name })} centered size="lg" data-testid="grant-dialog">
      <DialogForm onSubmit={() => void submit()}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('grant.intro', { host: vm.host })}
          </Text>
          <TextInput
            label={t('grant.for')}
            placeholder={t('grant.forPlaceholder')}
            value={form.for}
            onChange={(e) => set('for', e.currentTarget.value)}
            error={shown('for')}
            data-autofocus
            data-testid="grant-for"
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('grant.window')}
            </Text>
            <Group gap="sm" align="flex-start">
              <SegmentedControl
                value={form.window}
                onChange={(v) => set('window', v as GrantForm['window'])}
                data={[
                  { value: 'for', label: t('grant.windowFor') },
                  { value: 'until', label: t('grant.windowUntil') },
                ]}
                data-testid="grant-window"
              />
              {form.window === 'for' ? (
                <>
                  <NumberInput w={110} min={0} max={24 * 366} value={form.hours} onChange={(v) => set('hours', Number(v) || 0)} rightSection={<Text size="xs">{t('grant.hours')}</Text>} rightSectionWidth={52} data-testid="grant-hours" />
                  <NumberInput w={110} min={0} max={59} value={form.minutes} onChange={(v) => set('minutes', Number(v) || 0)} rightSection={<Text size="xs">{t('grant.minutes')}</Text>} rightSectionWidth={52} data-testid="grant-minutes" />
                </>
              ) : (
                <TextInput type="datetime-local" value={form.until} onChange={(e) => set('until', e.currentTarget.value)} aria-label={t('grant.until')} data-testid="grant-until" />
              )}
            </Group>
            <Text size="xs" c={shown('window') ? 'red' : 'dimmed'} mt={4} data-testid="grant-end">
              {shown('window') ?? (end ? t('grant.endsAt', { at: formatDateTime(lang, end) }) : '')}
            </Text>
          </div>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('grant.kinds')}
            </Text>
            <Group gap="lg">
              <Checkbox label={t('grant.kindVnc')} checked={form.vnc} onChange={(e) => set('vnc', e.currentTarget.checked)} data-testid="grant-vnc" />
              <Checkbox label={t('grant.kindSerial')} checked={form.serial} onChange={(e) => set('serial', e.currentTarget.checked)} data-testid="grant-serial" />
            </Group>
            {shown('kinds') && (
              <Text size="xs" c="red" mt={4}>
                {shown('kinds')}
              </Text>
            )}
          </div>
          <Checkbox
            label={t('grant.viewOnly')}
            description={t('grant.viewOnlyHint')}
            checked={form.viewOnly}
            onChange={(e) => set('viewOnly', e.currentTarget.checked)}
            data-testid="grant-view-only"
          />
          <TextInput label={t('grant.from')} description={t('grant.fromHint')} placeholder="192.0.2.0/24" value={form.from} onChange={(e) => set('from', e.currentTarget.value)} error={shown('from')} data-testid="grant-from" />
          <Group grow align="flex-start">
            <PasswordInput label={t('grant.passphrase')} description={t('grant.passphraseHint')} value={form.passphrase} onChange={(e) => set('passphrase', e.currentTarget.value)} error={shown('passphrase')} data-testid="grant-passphrase" />
            <PasswordInput label={t('grant.passphraseAgain')} description=" " value={form.passphraseAgain} onChange={(e) => set('passphraseAgain', e.currentTarget.value)} error={shown('passphraseAgain')} data-testid="grant-passphrase-again" />
          </Group>
          <Checkbox label={t('grant.createAccount', { host: vm.host })} checked={createAccount} onChange={(e) => setCreateAccount(e.currentTarget.checked)} data-testid="grant-create-account" />
          <DialogFooter error={error} errorTestId="grant-error" onCancel={onClose} submitLabel={t('grant.create')} submitTestId="grant-create" busy={busy} />
        </Stack>
      </DialogForm>
    </Modal>
  );
}
