// Volume dialogs: create (size with units, format, preallocation, optional backing volume = linked clone),
// resize, clone. Each reports the core's error in place and closes on success; create shows the core's check of
// each option on its input as it is typed.
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useCallback, useState, type ReactNode } from 'react';
import { PREALLOCATIONS, VOLUME_FORMATS, type Preallocation, type VolumeCreateOptions, type VolumeFormat, type VolumeInfo } from '../../../shared/model/storage.js';
import { useDialogGate } from '../../app/dialog-gate.js';
import { useDialogSubmit } from '../../app/dialog-submit.js';
import { useFieldCheck } from '../../app/field-check.js';
import { useT } from '../../app/i18n/index.js';
import { SizeInput } from '../../app/SizeInput.js';
import { useStorage } from '../../state/storage-slice.js';
import { VOLUME_INPUTS, volumeInputOf } from './volume-inputs.js';

function DialogFrame(props: { title: string; testId: string; onClose: () => void; error: string | null; children: ReactNode; footer: ReactNode }) {
  return (
    <Modal opened onClose={props.onClose} title={props.title} data-testid={props.testId}>
      <Stack gap="sm">
        {props.children}
        {props.error && (
          <Alert color="red" data-testid="volume-dialog-error">
            {props.error}
          </Alert>
        )}
        <Group justify="flex-end">{props.footer}</Group>
      </Stack>
    </Modal>
  );
}

export function VolumeCreateDialog({ host, pool, volumes, onClose }: { host: string; pool: string; volumes: readonly VolumeInfo[]; onClose: () => void }) {
  const t = useT();
  const createVolume = useStorage((s) => s.createVolume);
  const checkVolume = useStorage((s) => s.checkVolume);
  const [name, setName] = useState('');
  const [capacity, setCapacity] = useState<number | null>(10 * 2 ** 30);
  const [format, setFormat] = useState<VolumeFormat>('qcow2');
  const [prealloc, setPrealloc] = useState<Preallocation>('off');
  const [backing, setBacking] = useState<string | null>(null);
  const [overcommit, setOvercommit] = useState(false);
  const { busy, error, submit } = useDialogSubmit(onClose);
  const linked = backing !== null;
  const options: VolumeCreateOptions = {
    name: name.trim(),
    format: linked ? 'qcow2' : format,
    preallocation: linked ? 'off' : prealloc,
    ...(capacity !== null ? { capacity } : {}),
    ...(backing ? { backing } : {}),
    ...(overcommit ? { overcommit } : {}),
  };
  // The core checks the options as they are typed (name, size against the pool's free space, format); each problem shows on its input.
  const run = useCallback((text: string) => checkVolume(host, pool, JSON.parse(text) as VolumeCreateOptions), [host, pool, checkVolume]);
  const checked = useFieldCheck(JSON.stringify(options), run, 'options.');
  const gate = useDialogGate(checked, VOLUME_INPUTS, volumeInputOf, () => void submit(() => createVolume(host, pool, options)));
  const edit = gate.edit;
  return (
    <DialogFrame
      title={t('volume.create.title', { pool })}
      testId="volume-create-dialog"
      onClose={onClose}
      error={error ?? (gate.elsewhere.join('; ') || null)}
      footer={
        <Button onClick={gate.submit} loading={busy || gate.advancing} disabled={gate.blocked} data-testid="volume-create-ok">
          {t('volume.create')}
        </Button>
      }
    >
      <TextInput label={t('common.name')} value={name} onChange={(e) => edit('name', setName)(e.currentTarget.value)} error={gate.error('name')} data-autofocus data-testid="volume-name" />
      <Select
        label={t('volume.backing')}
        description={t('volume.backingHint')}
        data={volumes.map((v) => v.name)}
        value={backing}
        onChange={(b) => {
          edit('backing', setBacking)(b);
          // A linked clone defaults to its base's size; a size typed afterwards grows it.
          if (b) setCapacity(null);
        }}
        error={gate.error('backing')}
        clearable
        data-testid="volume-backing"
      />
      <SizeInput label={linked ? t('volume.sizeOptional') : t('volume.size')} value={capacity} onChange={edit('capacity', setCapacity)} error={gate.error('capacity')} testId="volume-size" />
      <Group grow align="flex-start">
        <Select label={t('volume.format')} data={[...VOLUME_FORMATS]} value={linked ? 'qcow2' : format} disabled={linked} onChange={(v) => v && edit('format', setFormat)(v as VolumeFormat)} error={gate.error('format')} allowDeselect={false} data-testid="volume-format" />
        <Select
          label={t('volume.prealloc')}
          data={PREALLOCATIONS.filter((p) => p !== 'metadata' || format === 'qcow2').map((p) => ({ value: p, label: t(`volume.prealloc.${p}`) }))}
          value={linked ? 'off' : prealloc}
          disabled={linked}
          onChange={(v) => v && edit('preallocation', setPrealloc)(v as Preallocation)}
          error={gate.error('preallocation')}
          allowDeselect={false}
          data-testid="volume-prealloc"
        />
      </Group>
      <Checkbox label={t('volume.overcommit')} checked={overcommit} onChange={(e) => edit('capacity', setOvercommit)(e.currentTarget.checked)} data-testid="volume-overcommit" />
    </DialogFrame>
  );
}

export function VolumeResizeDialog({ volume, onClose }: { volume: VolumeInfo; onClose: () => void }) {
  const t = useT();
  const resizeVolume = useStorage((s) => s.resizeVolume);
  const [capacity, setCapacity] = useState<number | null>(volume.capacity);
  const [shrink, setShrink] = useState(false);
  const { busy, error, submit } = useDialogSubmit(onClose);
  const smaller = capacity !== null && capacity < volume.capacity;
  return (
    <DialogFrame
      title={t('volume.resize.title', { name: volume.name })}
      testId="volume-resize-dialog"
      onClose={onClose}
      error={error}
      footer={
        <Button
          color={smaller ? 'red' : undefined}
          loading={busy}
          disabled={capacity === null || capacity === volume.capacity || (smaller && !shrink)}
          onClick={() => void submit(() => resizeVolume({ host: volume.host, pool: volume.pool, volume: volume.name, capacity: capacity as number, ...(smaller ? { shrink } : {}) }))}
          data-testid="volume-resize-ok"
        >
          {t('volume.resize')}
        </Button>
      }
    >
      <SizeInput label={t('volume.newSize')} value={capacity} onChange={setCapacity} testId="volume-resize-size" />
      {smaller && <Checkbox color="red" label={t('volume.shrink')} checked={shrink} onChange={(e) => setShrink(e.currentTarget.checked)} data-testid="volume-shrink" />}
    </DialogFrame>
  );
}

export function VolumeCloneDialog({ volume, onClose }: { volume: VolumeInfo; onClose: () => void }) {
  const t = useT();
  const cloneVolume = useStorage((s) => s.cloneVolume);
  const [name, setName] = useState(`${volume.name.replace(/\.(qcow2|img|raw)$/, '')}-copy${/\.(qcow2|img|raw)$/.exec(volume.name)?.[0] ?? ''}`);
  const { busy, error, submit } = useDialogSubmit(onClose);
  return (
    <DialogFrame
      title={t('volume.clone.title', { name: volume.name })}
      testId="volume-clone-dialog"
      onClose={onClose}
      error={error}
      footer={
        <Button loading={busy} disabled={!name.trim()} onClick={() => void submit(() => cloneVolume(volume.host, volume.pool, volume.name, name.trim()))} data-testid="volume-clone-ok">
          {t('volume.clone')}
        </Button>
      }
    >
      <TextInput label={t('volume.clone.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="volume-clone-name" />
    </DialogFrame>
  );
}
