// New VM the virt-manager way: install from an ISO, import a disk, network boot (PXE) or define only, with an OS
// preset, firmware (BIOS, UEFI, UEFI + Secure Boot) and TPM 2.0 as the host offers them (the rest greyed out with
// the reason). The core checks the spec as the user types (debounced); Create starts the task (task list).
import { Alert, Checkbox, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { VmCreateValidation } from '../../../shared/model/new-vm.js';
import { FIRMWARES, isMediaUrl } from '../../../shared/model/new-vm.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { errorText, wordReport } from '../../app/errors.js';
import { issuesOf } from '../../app/field-issues.js';
import { useT } from '../../app/i18n/index.js';
import { SizeInput } from '../../app/SizeInput.js';
import { useNetworks } from '../../state/networks-slice.js';
import { useNewVm } from '../../state/new-vm-slice.js';
import { IsoUpload } from './IsoUpload.js';
import { emptyNewVmForm, firmwareBlocked, newVmSpecOf, SOURCE_KINDS, tpmBlocked, type NewVmForm } from './new-vm-form.js';

const VALIDATE_DELAY_MS = 400;

export function NewVmWizard({ host, onClose }: { host: string; onClose: () => void }) {
  const t = useT();
  const [form, setForm] = useState<NewVmForm>(emptyNewVmForm);
  const [checked, setChecked] = useState<VmCreateValidation | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const caps = useNewVm((s) => s.caps[host]);
  const presets = useNewVm((s) => s.presets);
  const networks = useNetworks((s) => s.byHost[host]);
  const set = (patch: Partial<NewVmForm>) => setForm((f) => ({ ...f, ...patch }));
  const spec = useMemo(() => newVmSpecOf(host, form), [host, form]);

  useEffect(() => {
    const { loadCaps, loadPresets } = useNewVm.getState();
    void loadCaps(host).catch(() => undefined);
    void loadPresets().catch(() => undefined);
    void useNetworks.getState().load(host).catch(() => undefined);
  }, [host]);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      useNewVm.getState().validate(spec).then(
        (r) => live && setChecked(r),
        // A spec its schema refuses (an empty ISO, say) comes back as one issue per field, shown on its input.
        (e: unknown) => live && setChecked({ ok: false, errors: issuesOf(e, 'spec.').map((r) => ({ ...r, field: r.field ?? '' })), warnings: [], plan: null }),
      );
    }, VALIDATE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [spec]);

  const issue = (...fields: string[]) => {
    const found = checked?.errors.find((e) => fields.some((f) => e.field === f || e.field.startsWith(`${f}.`)));
    return found ? wordReport(t, found) : undefined;
  };
  const create = async () => {
    try {
      await useNewVm.getState().create(spec);
      onClose();
    } catch (e) {
      setFailure(errorText(t, e));
    }
  };
  const tpmReason = tpmBlocked(caps);
  const needsMedia = form.source === 'cdrom' || form.source === 'import';

  return (
    <Modal opened onClose={onClose} title={t('newvm.title', { host })} size="lg" data-testid="newvm-wizard">
      <Stack gap="sm">
        <SegmentedControl
          value={form.source}
          onChange={(v) => set({ source: v as NewVmForm['source'], media: '', sha256: '', convert: false })}
          data={SOURCE_KINDS.map((k) => ({ value: k, label: t(`newvm.source.${k}`) }))}
          data-testid="newvm-source"
        />
        <SimpleGrid cols={2}>
          <TextInput label={t('newvm.name')} value={form.name} onChange={(e) => set({ name: e.currentTarget.value })} error={issue('name')} data-testid="newvm-name" />
          <Select
            label={t('newvm.os')}
            value={form.os}
            allowDeselect={false}
            data={presets.map((p) => ({ value: p.id, label: p.id }))}
            onChange={(v) => v && set({ os: v })}
            error={issue('os')}
            data-testid="newvm-os"
          />
        </SimpleGrid>
        {needsMedia && (
          <Group align="flex-start" wrap="nowrap" gap="xs">
            <TextInput
              style={{ flex: 1 }}
              label={t(form.source === 'cdrom' ? 'newvm.iso' : 'newvm.disk')}
              description={t(form.source === 'cdrom' ? 'newvm.iso.hint' : 'newvm.disk.hint')}
              value={form.media}
              onChange={(e) => set({ media: e.currentTarget.value })}
              error={issue('source')}
              data-testid="newvm-media"
            />
            {form.source === 'cdrom' && <IsoUpload host={host} pool={form.pool || 'default'} onUploaded={(media) => set({ media })} />}
          </Group>
        )}
        {form.source === 'cdrom' && isMediaUrl(form.media) && (
          <TextInput
            label={t('newvm.sha256')}
            description={t('newvm.sha256.hint')}
            value={form.sha256}
            onChange={(e) => set({ sha256: e.currentTarget.value })}
            error={issue('source.sha256')}
            data-testid="newvm-sha256"
          />
        )}
        {form.source === 'import' && (
          <Checkbox
            label={t('newvm.convert')}
            description={t('newvm.convert.hint')}
            disabled={checked?.plan?.importFormat === 'qcow2'}
            checked={form.convert}
            onChange={(e) => set({ convert: e.currentTarget.checked })}
            data-testid="newvm-convert"
          />
        )}
        <SimpleGrid cols={3}>
          <NumberInput label={t('newvm.cpus')} min={1} value={form.vcpus ?? ''} onChange={(v) => set({ vcpus: typeof v === 'number' ? v : null })} data-testid="newvm-cpus" />
          <NumberInput label={t('newvm.memory')} min={16} value={form.memoryMiB ?? ''} onChange={(v) => set({ memoryMiB: typeof v === 'number' ? v : null })} data-testid="newvm-memory" />
          {form.source !== 'import' && (
            <SizeInput label={t('newvm.diskSize')} value={form.diskBytes} onChange={(b) => set({ diskBytes: b })} error={issue('disk', 'pool') ?? null} testId="newvm-disk-size" />
          )}
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <Select
            label={t('newvm.network')}
            value={form.network}
            data={(networks ?? []).map((n) => n.name)}
            onChange={(v) => set({ network: v ?? '' })}
            error={issue('network')}
            data-testid="newvm-network"
          />
          <Select
            label={t('newvm.firmware')}
            value={form.firmware || null}
            placeholder={t('newvm.firmware.preset')}
            data={FIRMWARES.map((fw) => {
              const why = firmwareBlocked(caps, fw);
              return { value: fw, label: why ? `${t(`newvm.firmware.${fw}`)} — ${t(why)}` : t(`newvm.firmware.${fw}`), disabled: why !== null };
            })}
            onChange={(v) => set({ firmware: (v ?? '') as NewVmForm['firmware'] })}
            error={issue('firmware', 'virtType')}
            data-testid="newvm-firmware"
          />
        </SimpleGrid>
        <SegmentedControl
          w="fit-content"
          size="xs"
          data={[
            { value: '', label: t('launch.virt.default') },
            { value: 'kvm', label: 'KVM', disabled: caps !== undefined && !caps.virtTypes.includes('kvm') },
            { value: 'qemu', label: t('launch.virt.qemu') },
          ]}
          value={form.virtType}
          onChange={(v) => set({ virtType: v as NewVmForm['virtType'] })}
          data-testid="newvm-virt"
        />
        <Group>
          <Checkbox
            label={tpmReason ? `${t('newvm.tpm')} — ${t(tpmReason)}` : t('newvm.tpm')}
            disabled={tpmReason !== null}
            checked={form.tpm}
            onChange={(e) => set({ tpm: e.currentTarget.checked })}
            data-testid="newvm-tpm"
          />
          <Checkbox label={t('newvm.start')} checked={form.start} onChange={(e) => set({ start: e.currentTarget.checked })} data-testid="newvm-start" />
        </Group>
        {checked && checked.errors.length > 0 && (
          <Alert color="red" data-testid="newvm-errors">
            {checked.errors.map((e, i) => <Text key={i} size="sm">{wordReport(t, e)}</Text>)}
          </Alert>
        )}
        {checked && checked.warnings.length > 0 && (
          <Alert color="yellow" data-testid="newvm-warnings">
            {checked.warnings.map((w, i) => <Text key={i} size="sm">{wordReport(t, w)}</Text>)}
          </Alert>
        )}
        <DialogFooter error={failure} onCancel={onClose} submitLabel={t('newvm.create')} submitTestId="newvm-create" onSubmit={() => void create()} disabled={!checked?.ok} />
      </Stack>
    </Modal>
  );
}
