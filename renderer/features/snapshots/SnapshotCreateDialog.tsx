// New snapshot: name (checked against the rule and the VM's existing names as you type), description, and kind —
// internal (inside the qcow2, with memory when the VM runs) or external (disk-only overlays). The core's refusal is shown here.
import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { SnapshotInfo, SnapshotKind } from '../../../shared/model/snapshot.js';
import type { VmRef } from '../../../shared/model/vm.js';
import { useT } from '../../app/i18n/index.js';
import { errorMessage } from '../../app/notify.js';
import { useSnapshots } from '../../state/snapshots-slice.js';
import { defaultSnapshotName, SNAPSHOT_NAME_RE } from './snapshot-tree.js';

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
  const [name, setName] = useState(() => defaultSnapshotName(new Date(), existing));
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<SnapshotKind>('internal');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const nameError = !name
    ? null
    : !SNAPSHOT_NAME_RE.test(name)
      ? t('snap.nameInvalid')
      : existing.some((s) => s.name === name)
        ? t('snap.nameExists', { name })
        : null;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await create(vmRef, { name, kind, ...(description.trim() ? { description: description.trim() } : {}) });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('snap.createTitle', { vm: vmName })} centered size="lg">
      <Stack gap="sm">
        <TextInput label={t('common.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={nameError} data-autofocus data-testid="snap-name" />
        <Textarea label={t('snap.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} data-testid="snap-description" />
        <Radio.Group label={t('snap.kind')} value={kind} onChange={(v) => setKind(v as SnapshotKind)}>
          <Stack gap={6} mt={4}>
            <Radio value="internal" label={t('snap.kind.internal')} description={t(running ? 'snap.kind.internalRunning' : 'snap.kind.internalStopped')} data-testid="snap-kind-internal" />
            <Radio value="external" label={t('snap.kind.external')} description={t('snap.kind.externalHint')} data-testid="snap-kind-external" />
          </Stack>
        </Radio.Group>
        {error && (
          <Alert color="red" data-testid="snap-create-error">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {error}
            </Text>
          </Alert>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('app.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={busy} disabled={!name || nameError !== null} data-testid="snap-create">
            {t('snap.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
