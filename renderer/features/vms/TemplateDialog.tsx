// Make a template of a running VirtDeck instance: the image name, and what will happen to the VM (cleaned through
// its agent and shut down). It closes at once; the steps are in the task list, a refusal comes as a toast in words.
import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { VmInfo } from '../../../shared/model/vm.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { useInstances } from '../../state/instances-slice.js';
import { refOf } from '../../state/vms-slice.js';

export function TemplateDialog({ vm, onClose }: { vm: VmInfo; onClose: () => void }) {
  const t = useT();
  const makeTemplate = useInstances((s) => s.makeTemplate);
  const [name, setName] = useState(`${vm.name}-template`);
  const submit = async () => {
    onClose();
    await withToast(t('app.actionFailed', { action: t('action.template') }), () => makeTemplate(refOf(vm), name.trim()));
  };
  return (
    <Modal opened onClose={onClose} title={t('action.template.title', { name: vm.name, host: vm.host })} centered data-testid="template-dialog">
      <Stack gap="sm">
        <Text size="sm">{t('action.template.body')}</Text>
        <TextInput label={t('action.template.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="template-name" />
        <DialogFooter onCancel={onClose} submitLabel={t('action.template.confirm')} submitTestId="template-confirm" onSubmit={() => void submit()} disabled={!name.trim()} />
      </Stack>
    </Modal>
  );
}
