// New snapshot: name, description, and kind — internal (inside the qcow2, with memory when the VM runs) or external
// (disk-only overlays). The core checks the spec as it is typed (name rule, name taken, overlays possible); each
// problem shows on its input, and create waits for a check that finds none. A refusal at create is shown here.
import { Alert, Modal, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { SnapshotCreateSpec, SnapshotInfo, SnapshotKind } from '../../../shared/model/snapshot.js';
import type { VmRef } from '../../../shared/model/vm.js';
import { useDialogGate } from '../../app/dialog-gate.js';
import { useDialogSubmit } from '../../app/dialog-submit.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { useFieldCheck } from '../../app/field-check.js';
import { useT } from '../../app/i18n/index.js';
import { useSnapshots } from '../../state/snapshots-slice.js';
import { SNAPSHOT_INPUTS, snapshotInputOf } from './snapshot-inputs.js';
import { defaultSnapshotName } from './snapshot-tree.js';

interface Props {
  vmRef: VmRef;
  vmName: string;
  running: boolean;
  existing: readonly SnapshotInfo[];
  onClose(): void;
}

export function SnapshotCreateDialog({ vmRef, vmName, running, existing, onClose }: Props) {
  const t = useT();
  const create = useSnapshots((s) => s.create);
  const check = useSnapshots((s) => s.check);
  const [name, setName] = useState(() => defaultSnapshotName(new Date(), existing));
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<SnapshotKind>('internal');
  const { busy, error, submit } = useDialogSubmit(onClose);

  const spec: SnapshotCreateSpec = { name, kind, ...(description.trim() ? { description: description.trim() } : {}) };

  const { host, vm } = vmRef;
  const run = useCallback((text: string) => check({ host, vm }, JSON.parse(text) as SnapshotCreateSpec), [host, vm, check]);
  const checked = useFieldCheck(JSON.stringify(spec), run, 'spec.');
  const gate = useDialogGate(checked, SNAPSHOT_INPUTS, snapshotInputOf, () => void submit(() => create(vmRef, spec)));
  const edit = gate.edit;
  const problem = error ?? (gate.elsewhere.join('; ') || null);

  return (
    <Modal opened onClose={onClose} title={t('snap.createTitle', { vm: vmName })} centered size="lg">
      <Stack gap="sm">
        <TextInput label={t('common.name')} value={name} onChange={(e) => edit('name', setName)(e.currentTarget.value)} error={gate.error('name')} data-autofocus data-testid="snap-name" />
        <Textarea label={t('snap.description')} value={description} onChange={(e) => edit('description', setDescription)(e.currentTarget.value)} error={gate.error('description')} autosize minRows={2} data-testid="snap-description" />
        <Radio.Group label={t('snap.kind')} value={kind} onChange={(v) => edit('kind', setKind)(v as SnapshotKind)} error={gate.error('kind')}>
          <Stack gap={6} mt={4}>
            <Radio value="internal" label={t('snap.kind.internal')} description={t(running ? 'snap.kind.internalRunning' : 'snap.kind.internalStopped')} data-testid="snap-kind-internal" />
            <Radio value="external" label={t('snap.kind.external')} description={t('snap.kind.externalHint')} data-testid="snap-kind-external" />
          </Stack>
        </Radio.Group>
        {problem && (
          <Alert color="red" data-testid="snap-create-error">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {problem}
            </Text>
          </Alert>
        )}
        <DialogFooter onCancel={onClose} submitLabel={t('snap.create')} submitTestId="snap-create" onSubmit={gate.submit} busy={busy || gate.advancing} disabled={gate.blocked} mt="sm" />
      </Stack>
    </Modal>
  );
}
