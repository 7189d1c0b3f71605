// Clone a VM (a running one from its disks as they are when the clone begins): its name (a {n} pattern for several), the target host, linked or full, the address of a
// VirtDeck instance. The name is checked as the core checks it before submit; the dialog then closes at once:
// progress and cancel are in the task list, a refusal comes as a toast in words.
import { Checkbox, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { cloneNames, CLONE_MAX_COUNT } from '../../../shared/model/clone.js';
import type { VmInfo } from '../../../shared/model/vm.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { wordReport } from '../../app/errors.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { useHosts } from '../../state/hosts-slice.js';
import { refOf, useVms } from '../../state/vms-slice.js';
import { addressOption, NewAddressInput } from './NewAddressInput.js';

export function CloneDialog({ vm, onClose }: { vm: VmInfo; onClose: () => void }) {
  const t = useT();
  const clone = useVms((s) => s.clone);
  const hosts = useHosts((s) => s.byName);
  const targets = [vm.host, ...Object.values(hosts).filter((h) => h.name !== vm.host && h.status === 'online').map((h) => h.name)];
  const [name, setName] = useState(`${vm.name}-clone`);
  const [dest, setDest] = useState(vm.host);
  const [linked, setLinked] = useState(false);
  const [ip, setIp] = useState('');
  const [count, setCount] = useState(1);
  const [start, setStart] = useState(false);
  const names = cloneNames(name.trim(), count);
  const elsewhere = dest !== vm.host;
  // A linked clone's base is the source's disk: only of a shut-off VM on its own host.
  const linkedBlock = elsewhere ? 'action.clone.linkedElsewhere' : vm.state !== 'shutoff' ? 'action.clone.linkedRunning' : null;
  const submit = async () => {
    onClose();
    await withToast(t('app.actionFailed', { action: t('action.clone.confirm') }), () =>
      clone({
        ref: refOf(vm), name: name.trim(), count, start, linked: linked && !linkedBlock,
        ...(elsewhere ? { dest } : {}),
        ...addressOption(ip),
      }));
  };
  return (
    <Modal opened onClose={onClose} title={t('action.clone.title', { name: vm.name, host: vm.host })} centered data-testid="clone-dialog">
      <Stack gap="sm">
        <Text size="sm">{t('action.clone.body')}</Text>
        <TextInput
          label={t('action.clone.name')}
          description={t('action.clone.nameHint')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={names.ok ? undefined : wordReport(t, names.problem)}
          data-testid="clone-name"
        />
        <NumberInput
          label={t('action.clone.count')}
          min={1}
          max={CLONE_MAX_COUNT}
          value={count}
          onChange={(v) => setCount(typeof v === 'number' && v >= 1 ? Math.min(v, CLONE_MAX_COUNT) : 1)}
          data-testid="clone-count"
        />
        <Select label={t('action.clone.dest')} data={targets} value={dest} onChange={(v) => setDest(v ?? vm.host)} allowDeselect={false} data-testid="clone-dest" />
        <Checkbox
          label={t('action.clone.linked')}
          description={t(linkedBlock ?? 'action.clone.linkedHint')}
          checked={linked && !linkedBlock}
          disabled={linkedBlock !== null}
          onChange={(e) => setLinked(e.currentTarget.checked)}
          data-testid="clone-linked"
        />
        <NewAddressInput label={t('action.clone.ip')} hint={t('action.clone.ipHint')} value={ip} onChange={setIp} testId="clone-ip" />
        <Checkbox label={t('action.clone.start')} checked={start} onChange={(e) => setStart(e.currentTarget.checked)} data-testid="clone-start" />
        <DialogFooter onCancel={onClose} submitLabel={t('action.clone.confirm')} submitTestId="clone-confirm" onSubmit={() => void submit()} disabled={!names.ok} />
      </Stack>
    </Modal>
  );
}
