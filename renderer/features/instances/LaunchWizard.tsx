// Launch a cloud-init instance: basics, network and address, users, then review with the generated user-data,
// network-config and domain XML. The core checks the spec as the user types (debounced) and on Next; each problem
// is shown on its input, Next stays on a step with problems and the stepper marks such a step, so the review meets
// no problem first. A typed password is hashed here (SHA-512 crypt); only the hash leaves the form. After a failed
// launch the form is kept: back to edit, or retry.
import {
  Alert, Button, Checkbox, Code, Group, List, Loader, Modal, NumberInput, PasswordInput, ScrollArea, SegmentedControl,
  Select, SimpleGrid, Stack, Stepper, Tabs, TagsInput, Text, Textarea, TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { ErrorReport } from '../../../shared/model/errors.js';
import type { ImageInfo, LaunchPreview, LaunchValidation, Placement } from '../../../shared/model/instance.js';
import { randomSalt, sha512Crypt } from '../../../shared/model/sha512-crypt.js';
import { reportOf, wordReport } from '../../app/errors.js';
import { stepMark, useFieldGate } from '../../app/field-gate.js';
import { issuesOf } from '../../app/field-issues.js';
import { formatBytes, formatMiB } from '../../app/format.js';
import { useOnlineHosts } from '../../app/HostPicker.js';
import { useT, type Translate } from '../../app/i18n/index.js';
import { SizeInput } from '../../app/SizeInput.js';
import { useInstances } from '../../state/instances-slice.js';
import { useNetworks } from '../../state/networks-slice.js';
import {
  emptyLaunchForm, FORM_INPUT, INPUT_STEP, launchInputOf, launchSpecOf, type LaunchForm, type LaunchInput,
} from './launch-form.js';
import { LaunchProgress, type LaunchPhase } from './LaunchProgress.js';

const VALIDATE_DELAY_MS = 400;
const EMPTY_IMAGES: readonly ImageInfo[] = [];
const NO_ISSUES: readonly ErrorReport[] = [];

/** The core's check of one spec (round and JSON), so a result is known to be about the form as it is now. */
interface Checked {
  spec: string;
  result: LaunchValidation;
}

/** Checks the spec after a pause in typing, and again when `round` changes (Next, back after a failed launch). */
function useLiveValidation(specText: string, round: number): Checked | null {
  const validate = useInstances((s) => s.validate);
  const [checked, setChecked] = useState<Checked | null>(null);
  useEffect(() => {
    let live = true;
    const key = `${round}:${specText}`;
    const timer = setTimeout(() => {
      validate(JSON.parse(specText)).then(
        (result) => live && setChecked({ spec: key, result }),
        (e: unknown) => {
          // A spec its schema refuses comes back as one issue per field; anything else is a problem of no field.
          const errors = issuesOf(e, 'spec.').map((r) => ({ ...r, field: r.field ?? '' }));
          if (live) setChecked({ spec: key, result: { ok: false, errors, warnings: [], plan: null } });
        },
      );
    }, VALIDATE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [specText, round, validate]);
  return checked;
}

/** The hash of the typed password, made once per password with one salt per wizard. */
function usePasswordHash(password: string): string {
  const salt = useMemo(() => randomSalt(), []);
  const typed = useDeferredValue(password);
  return useMemo(() => (typed ? sha512Crypt(typed, salt) : ''), [typed, salt]);
}

export function LaunchWizard({ host, onClose }: { host: string; onClose: () => void }) {
  const t = useT();
  const hosts = useOnlineHosts();
  const [form, setForm] = useState<LaunchForm>(() => emptyLaunchForm(host));
  const [step, setStep] = useState(0);
  const [round, setRound] = useState(0);
  const [phase, setPhase] = useState<LaunchPhase>({ kind: 'form' });
  const [preview, setPreview] = useState<LaunchPreview | null>(null);
  const [previewError, setPreviewError] = useState<ErrorReport | null>(null);
  const { loadImages, loadFlavors, preview: loadPreview, launch } = useInstances.getState();
  const flavors = useInstances((s) => s.flavors);
  const imageHost = form.host === 'auto' ? host : form.host;
  const images = useInstances((s) => s.images[imageHost] ?? EMPTY_IMAGES);
  const nets = useNetworks((s) => s.byHost[imageHost]);
  const loadNets = useNetworks((s) => s.load);
  const passwordHash = usePasswordHash(form.password);
  const specText = JSON.stringify(launchSpecOf(form, passwordHash));
  const checked = useLiveValidation(specText, round);
  const validation = checked?.result ?? null;
  /** The check of the form as it is now (null while one is pending). */
  const current = checked?.spec === `${round}:${specText}` ? checked.result : null;
  const gate = useFieldGate<LaunchInput>({
    latest: validation?.errors ?? NO_ISSUES, current: current?.errors ?? null, inputOf: launchInputOf, stepOf: INPUT_STEP, step, setStep,
    recheck: () => setRound((r) => r + 1),
  });
  const set = (patch: Partial<LaunchForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    gate.touch(Object.keys(patch).map((k) => FORM_INPUT[k as keyof LaunchForm]));
  };

  useEffect(() => {
    void loadFlavors().catch(() => undefined);
  }, [loadFlavors]);
  useEffect(() => {
    void loadImages(imageHost).catch(() => undefined);
    void loadNets(imageHost).catch(() => undefined);
  }, [imageHost, loadImages, loadNets]);
  // A single choice is the choice.
  const onlyImage = images.length === 1 ? images[0]?.name : undefined;
  const onlyNet = nets?.length === 1 ? nets[0]?.name : undefined;
  useEffect(() => {
    if (onlyImage) setForm((f) => (f.image ? f : { ...f, image: onlyImage }));
  }, [onlyImage]);
  useEffect(() => {
    if (onlyNet) setForm((f) => (f.network ? f : { ...f, network: onlyNet }));
  }, [onlyNet]);

  useEffect(() => {
    if (step !== 3) return;
    let live = true;
    setPreviewError(null);
    loadPreview(JSON.parse(specText)).then(
      (p) => live && setPreview(p),
      (e: unknown) => {
        if (!live) return;
        setPreview(null);
        setPreviewError(reportOf(e));
      },
    );
    return () => {
      live = false;
    };
  }, [step, specText, loadPreview]);

  const fieldError = gate.error;

  const start = async () => {
    setPhase({ kind: 'launching', taskId: null, startedAt: Date.now() });
    setStep(4);
    let id: string | null = null;
    try {
      const launched = await launch(JSON.parse(specText));
      id = launched.id;
      setPhase({ kind: 'launching', taskId: id, startedAt: Date.now() });
      setPhase({ kind: 'done', taskId: id, result: await launched.result });
    } catch (e) {
      setPhase({ kind: 'failed', taskId: id, error: reportOf(e) });
    }
  };
  const backToEdit = () => {
    setPhase({ kind: 'form' });
    setRound((r) => r + 1);
    gate.showSteps([0, 1, 2]);
    setStep(0);
  };

  const flavorData = [...flavors.map((f) => ({ value: f.name, label: `${f.name} · ${f.vcpus} vCPU · ${formatMiB(f.memoryMiB)} · ${formatBytes(f.diskBytes)}` })), { value: '', label: t('launch.customSize') }];

  return (
    <Modal opened onClose={onClose} title={t('launch.title')} size="xl" data-testid="launch-wizard" closeOnClickOutside={false}>
      <Stepper active={step} size="sm" allowNextStepsSelect={false} mb="lg">
        <Stepper.Step label={t('launch.step.basics')} {...stepMark(gate, 0, step)} data-testid="launch-stepper-0" />
        <Stepper.Step label={t('launch.step.network')} {...stepMark(gate, 1, step)} data-testid="launch-stepper-1" />
        <Stepper.Step label={t('launch.step.users')} {...stepMark(gate, 2, step)} data-testid="launch-stepper-2" />
        <Stepper.Step label={t('launch.step.review')} />
        <Stepper.Step label={t('launch.step.launch')} />
      </Stepper>
      {step === 0 && (
        <Stack gap="sm" data-testid="launch-step-basics">
          <SimpleGrid cols={2}>
            <TextInput label={t('common.name')} value={form.name} onChange={(e) => set({ name: e.currentTarget.value })} error={fieldError('name')} data-autofocus data-testid="launch-name" />
            <Select label={t('common.host')} data={[{ value: 'auto', label: t('launch.hostAuto') }, ...hosts.map((h) => ({ value: h, label: h }))]} value={form.host} onChange={(v) => v && set({ host: v })} allowDeselect={false} error={fieldError('host')} data-testid="launch-host" />
            <Select label={t('launch.image')} data={images.map((i) => i.name)} value={form.image || null} onChange={(v) => set({ image: v ?? '' })} allowDeselect={false} error={fieldError('image')} data-testid="launch-image" />
            <Select label={t('launch.flavor')} data={flavorData} value={form.flavor ?? ''} onChange={(v) => set({ flavor: v ? v : null })} allowDeselect={false} error={fieldError('flavor')} data-testid="launch-flavor" />
          </SimpleGrid>
          {form.flavor === null && (
            <Group grow align="flex-end">
              <NumberInput label={t('flavor.vcpus')} min={1} value={form.custom.vcpus} onChange={(v) => set({ custom: { ...form.custom, vcpus: Number(v) || 1 } })} data-testid="launch-vcpus" />
              <NumberInput label={t('flavor.memoryMiB')} min={64} step={256} value={form.custom.memoryMiB} onChange={(v) => set({ custom: { ...form.custom, memoryMiB: Number(v) || 64 } })} data-testid="launch-memory" />
              <SizeInput label={t('flavor.disk')} value={form.custom.diskBytes} onChange={(b) => set({ custom: { ...form.custom, diskBytes: b ?? 0 } })} testId="launch-disk" />
            </Group>
          )}
          <SegmentedControl
            w="fit-content"
            size="xs"
            data={[{ value: 'default', label: t('launch.virt.default') }, { value: 'kvm', label: 'KVM' }, { value: 'qemu', label: t('launch.virt.qemu') }]}
            value={form.virtType}
            onChange={(v) => set({ virtType: v as LaunchForm['virtType'] })}
            data-testid="launch-virt"
          />
        </Stack>
      )}
      {step === 1 && (
        <Stack gap="sm" data-testid="launch-step-network">
          <Select label={t('launch.network')} data={(nets ?? []).map((n) => n.name)} value={form.network || null} onChange={(v) => set({ network: v ?? '' })} allowDeselect={false} error={fieldError('network')} data-testid="launch-network" />
          <SegmentedControl
            w="fit-content"
            data={[{ value: 'auto', label: t('launch.ip.auto') }, { value: 'manual', label: t('launch.ip.manual') }, { value: 'dhcp', label: t('launch.ip.dhcp') }]}
            value={form.ipMode}
            onChange={(v) => set({ ipMode: v as LaunchForm['ipMode'] })}
            data-testid="launch-ip-mode"
          />
          {form.ipMode === 'manual' && <TextInput label={t('launch.ip')} placeholder="10.79.1.20/24" value={form.ip} onChange={(e) => set({ ip: e.currentTarget.value })} error={fieldError('ip')} data-testid="launch-ip" />}
          {form.ipMode !== 'manual' && fieldError('ip') && <Text size="sm" c="red" data-testid="launch-ip-error">{fieldError('ip')}</Text>}
          {validation?.plan && (
            <Text size="sm" data-testid="launch-planned-ip">
              {t('launch.plannedIp', { ip: validation.plan.address ?? 'DHCP', gateway: validation.plan.gateway ?? '—', mac: validation.plan.mac })}
            </Text>
          )}
        </Stack>
      )}
      {step === 2 && (
        <Stack gap="sm" data-testid="launch-step-users">
          <SimpleGrid cols={2}>
            <TextInput label={t('launch.user')} placeholder={t('launch.userDefault')} value={form.user} onChange={(e) => set({ user: e.currentTarget.value })} error={fieldError('user')} data-testid="launch-user" />
            <PasswordInput label={t('launch.password')} description={t('launch.passwordHint')} value={form.password} onChange={(e) => set({ password: e.currentTarget.value })} error={fieldError('password')} autoComplete="new-password" data-testid="launch-password" />
          </SimpleGrid>
          <Textarea label={t('launch.keys')} description={t('launch.keysHint')} autosize minRows={2} maxRows={5} value={form.keys} onChange={(e) => set({ keys: e.currentTarget.value })} error={fieldError('keys')} data-testid="launch-keys" />
          <Checkbox label={t('launch.sudo')} checked={form.sudo} onChange={(e) => set({ sudo: e.currentTarget.checked })} />
          <TagsInput label={t('launch.packages')} value={form.packages} onChange={(packages) => set({ packages })} error={fieldError('packages')} data-testid="launch-packages" />
          <Textarea label={t('launch.extraUserData')} description={t('launch.extraHint')} autosize minRows={3} maxRows={8} ff="monospace" value={form.extraUserData} onChange={(e) => set({ extraUserData: e.currentTarget.value })} error={fieldError('extraUserData')} data-testid="launch-extra" />
        </Stack>
      )}
      {step === 3 && (
        <Stack gap="sm" data-testid="launch-step-review">
          {validation?.plan && (
            <Alert color="teal" icon={<IconCircleCheck size={16} />} data-testid="launch-plan">
              {t('launch.planText', {
                name: validation.plan.name,
                host: validation.plan.host,
                placement: placementText(t, validation.plan.placement),
                ip: validation.plan.address ?? 'DHCP',
                vcpus: validation.plan.vcpus,
                memory: formatMiB(validation.plan.memoryMiB),
                disk: formatBytes(validation.plan.diskBytes),
                virt: validation.plan.virtType,
              })}
            </Alert>
          )}
          {previewError && <Alert color="red" data-testid="launch-preview-error">{wordReport(t, previewError)}</Alert>}
          {!preview && !previewError && <Loader size="sm" />}
          {preview && (
            <Tabs defaultValue="user-data" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="user-data" data-testid="preview-tab-user-data">user-data</Tabs.Tab>
                <Tabs.Tab value="network-config" data-testid="preview-tab-network-config">network-config</Tabs.Tab>
                <Tabs.Tab value="meta-data">meta-data</Tabs.Tab>
                <Tabs.Tab value="domain">{t('launch.domainXml')}</Tabs.Tab>
              </Tabs.List>
              {(['user-data', 'network-config', 'meta-data', 'domain'] as const).map((k) => (
                <Tabs.Panel key={k} value={k} pt="xs">
                  <ScrollArea h={260}>
                    <Code block data-testid={`preview-${k}`}>
                      {k === 'user-data' ? preview.userData : k === 'network-config' ? (preview.networkConfig ?? t('launch.noNetworkConfig')) : k === 'meta-data' ? preview.metaData : preview.domainXml}
                    </Code>
                  </ScrollArea>
                </Tabs.Panel>
              ))}
            </Tabs>
          )}
        </Stack>
      )}
      {phase.kind !== 'form' && (
        <LaunchProgress
          phase={phase}
          target={{ host: validation?.plan?.host ?? form.host, name: form.name.trim(), virtType: validation?.plan?.virtType ?? null }}
          onBack={backToEdit}
          onRetry={() => void start()}
          onClose={onClose}
        />
      )}
      {phase.kind === 'form' && (
        <Stack gap={4} mt="md" data-testid="launch-validation" data-ok={current?.ok ?? false}>
          {current === null && <Text size="xs" c="dimmed">{t('common.checking')}</Text>}
          {gate.elsewhere.length > 0 && (
            <Alert color="red" py={6} icon={<IconAlertTriangle size={16} />} data-testid="launch-errors">
              <List size="xs">
                {gate.elsewhere.map((e, i) => <List.Item key={i}>{wordReport(t, e)}</List.Item>)}
              </List>
            </Alert>
          )}
          {(validation?.warnings.length ?? 0) > 0 && (
            <Alert color="yellow" py={6} data-testid="launch-warnings">
              <List size="xs">
                {validation?.warnings.map((w, i) => <List.Item key={i}>{wordReport(t, w)}</List.Item>)}
              </List>
            </Alert>
          )}
        </Stack>
      )}
      {phase.kind === 'form' && (
        <Group justify="flex-end" mt="lg">
          {step > 0 && <Button variant="default" onClick={() => setStep(step - 1)} data-testid="launch-back">{t('app.back')}</Button>}
          {step < 3 && <Button onClick={gate.next} loading={gate.advancing} data-testid="launch-next">{t('app.next')}</Button>}
          {step === 3 && (
            <Button onClick={() => void start()} disabled={!current?.ok} data-testid="launch-go">{t('launch.go')}</Button>
          )}
        </Group>
      )}
    </Modal>
  );
}

/** Why the plan's host: named by the user, or the online host with the most free memory. */
function placementText(t: Translate, p: Placement): string {
  const best = p.candidates[0];
  if (p.by === 'user' || !best) return t('launch.placement.user');
  return t('launch.placement.auto', { free: formatBytes(best.freeMemory), count: p.candidates.length });
}
