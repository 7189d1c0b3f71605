// Launch a cloud-init instance: basics, network and address, users, then review with the generated user-data,
// network-config and domain XML; the spec is validated by the core as the user types (debounced), and the launch
// task's steps (clone, seed, define, boot, cloud-init) show with their timing.
import {
  Alert, Badge, Button, Checkbox, Code, Group, List, Loader, Modal, NumberInput, ScrollArea, SegmentedControl, Select,
  SimpleGrid, Stack, Stepper, Tabs, TagsInput, Text, Textarea, TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { ImageInfo, LaunchPreview, LaunchResult, LaunchValidation, Placement } from '../../../shared/model/instance.js';
import { reportOf, wordReport } from '../../app/errors.js';
import { formatBytes, formatMiB } from '../../app/format.js';
import { useOnlineHosts } from '../../app/HostPicker.js';
import { useT, type Translate } from '../../app/i18n/index.js';
import { errorMessage } from '../../app/notify.js';
import { SizeInput } from '../../app/SizeInput.js';
import { useInstances } from '../../state/instances-slice.js';
import { useNetworks } from '../../state/networks-slice.js';
import { useTasks } from '../../state/tasks-slice.js';
import { StepTimings } from '../tasks/StepTimings.js';
import { taskTitle } from '../tasks/task-title.js';
import { emptyLaunchForm, FIELD_STEP, launchSpecOf, type LaunchForm } from './launch-form.js';

const VALIDATE_DELAY_MS = 400;
const EMPTY_IMAGES: readonly ImageInfo[] = [];

/** taskId: the launch's own task (null until the core has answered the call). */
type Phase =
  | { kind: 'form' }
  | { kind: 'launching'; taskId: string | null }
  | { kind: 'done'; taskId: string; result: LaunchResult }
  | { kind: 'failed'; taskId: string | null; error: string };

function useLiveValidation(form: LaunchForm): LaunchValidation | null {
  const validate = useInstances((s) => s.validate);
  const [result, setResult] = useState<LaunchValidation | null>(null);
  const specText = JSON.stringify(launchSpecOf(form));
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      validate(JSON.parse(specText)).then(
        (r) => live && setResult(r),
        (e: unknown) => live && setResult({ ok: false, errors: [{ ...reportOf(e), field: 'spec' }], warnings: [], plan: null }),
      );
    }, VALIDATE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [specText, validate]);
  return result;
}

export function LaunchWizard({ host, onClose }: { host: string; onClose: () => void }) {
  const t = useT();
  const hosts = useOnlineHosts();
  const [form, setForm] = useState<LaunchForm>(() => emptyLaunchForm(host));
  const set = (patch: Partial<LaunchForm>) => setForm((f) => ({ ...f, ...patch }));
  const [step, setStep] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [preview, setPreview] = useState<LaunchPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const { loadImages, loadFlavors, preview: loadPreview, launch } = useInstances.getState();
  const flavors = useInstances((s) => s.flavors);
  const imageHost = form.host === 'auto' ? host : form.host;
  const images = useInstances((s) => s.images[imageHost] ?? EMPTY_IMAGES);
  const nets = useNetworks((s) => s.byHost[imageHost]);
  const loadNets = useNetworks((s) => s.load);
  const validation = useLiveValidation(form);
  const taskId = phase.kind === 'form' ? null : phase.taskId;
  const task = useTasks((s) => (taskId === null ? undefined : s.byId[taskId]));

  useEffect(() => {
    void loadFlavors().catch(() => undefined);
  }, [loadFlavors]);
  useEffect(() => {
    void loadImages(imageHost).catch(() => undefined);
    void loadNets(imageHost).catch(() => undefined);
  }, [imageHost, loadImages, loadNets]);

  const specText = JSON.stringify(launchSpecOf(form));
  useEffect(() => {
    if (step !== 3) return;
    let live = true;
    setPreviewError(null);
    loadPreview(JSON.parse(specText)).then(
      (p) => live && setPreview(p),
      (e: unknown) => {
        if (!live) return;
        setPreview(null);
        setPreviewError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [step, specText, loadPreview]);

  const fieldError = (field: string) =>
    validation?.errors.filter((e) => e.field === field).map((e) => wordReport(t, e)).join('; ') || undefined;
  const stepErrors = useMemo(
    () => (validation?.errors ?? []).filter((e) => (FIELD_STEP[e.field] ?? 3) <= step),
    [validation, step],
  );

  const start = async () => {
    setPhase({ kind: 'launching', taskId: null });
    setStep(4);
    let id: string | null = null;
    try {
      const launched = await launch(launchSpecOf(form));
      id = launched.id;
      setPhase({ kind: 'launching', taskId: id });
      setPhase({ kind: 'done', taskId: id, result: await launched.result });
    } catch (e) {
      setPhase({ kind: 'failed', taskId: id, error: errorMessage(e) });
    }
  };

  const flavorData = [...flavors.map((f) => ({ value: f.name, label: `${f.name} · ${f.vcpus} vCPU · ${formatMiB(f.memoryMiB)} · ${formatBytes(f.diskBytes)}` })), { value: '', label: t('launch.customSize') }];

  return (
    <Modal opened onClose={onClose} title={t('launch.title')} size="xl" data-testid="launch-wizard" closeOnClickOutside={false}>
      <Stepper active={step} size="sm" allowNextStepsSelect={false} mb="lg">
        <Stepper.Step label={t('launch.step.basics')} />
        <Stepper.Step label={t('launch.step.network')} />
        <Stepper.Step label={t('launch.step.users')} />
        <Stepper.Step label={t('launch.step.review')} />
        <Stepper.Step label={t('launch.step.launch')} />
      </Stepper>
      {step === 0 && (
        <Stack gap="sm" data-testid="launch-step-basics">
          <SimpleGrid cols={2}>
            <TextInput label={t('common.name')} value={form.name} onChange={(e) => set({ name: e.currentTarget.value })} error={fieldError('name')} data-autofocus data-testid="launch-name" />
            <Select label={t('common.host')} data={[{ value: 'auto', label: t('launch.hostAuto') }, ...hosts.map((h) => ({ value: h, label: h }))]} value={form.host} onChange={(v) => v && set({ host: v })} allowDeselect={false} error={fieldError('host')} data-testid="launch-host" />
            <Select label={t('launch.image')} data={images.map((i) => i.name)} value={form.image || null} onChange={(v) => set({ image: v ?? '' })} error={fieldError('image')} data-testid="launch-image" />
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
          <Select label={t('launch.network')} data={(nets ?? []).map((n) => n.name)} value={form.network || null} onChange={(v) => set({ network: v ?? '' })} error={fieldError('network')} data-testid="launch-network" />
          <SegmentedControl
            w="fit-content"
            data={[{ value: 'auto', label: t('launch.ip.auto') }, { value: 'manual', label: t('launch.ip.manual') }, { value: 'dhcp', label: t('launch.ip.dhcp') }]}
            value={form.ipMode}
            onChange={(v) => set({ ipMode: v as LaunchForm['ipMode'] })}
            data-testid="launch-ip-mode"
          />
          {form.ipMode === 'manual' && <TextInput label={t('launch.ip')} placeholder="10.79.1.20/24" value={form.ip} onChange={(e) => set({ ip: e.currentTarget.value })} error={fieldError('ip')} data-testid="launch-ip" />}
          {form.ipMode !== 'manual' && fieldError('ip') && <Text size="sm" c="red">{fieldError('ip')}</Text>}
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
            <TextInput label={t('launch.user')} placeholder={t('launch.userDefault')} value={form.user} onChange={(e) => set({ user: e.currentTarget.value })} data-testid="launch-user" />
            <TextInput label={t('launch.passwordHash')} placeholder="$6$…" value={form.passwordHash} onChange={(e) => set({ passwordHash: e.currentTarget.value })} data-testid="launch-password-hash" />
          </SimpleGrid>
          <Textarea label={t('launch.keys')} description={t('launch.keysHint')} autosize minRows={2} maxRows={5} value={form.keys} onChange={(e) => set({ keys: e.currentTarget.value })} error={fieldError('users')} data-testid="launch-keys" />
          <Checkbox label={t('launch.sudo')} checked={form.sudo} onChange={(e) => set({ sudo: e.currentTarget.checked })} />
          <TagsInput label={t('launch.packages')} value={form.packages} onChange={(packages) => set({ packages })} data-testid="launch-packages" />
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
          {previewError && <Alert color="red" data-testid="launch-preview-error">{previewError}</Alert>}
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
      {step === 4 && (
        <Stack gap="sm" data-testid="launch-step-progress">
          {task && (
            <Stack gap={4}>
              <Group gap="xs">
                <Text size="sm" fw={600}>{taskTitle(t, task)}</Text>
                <Badge variant="light" data-testid="launch-task-state">{t(`task.state.${task.state}`)}</Badge>
              </Group>
              {task.message && <Text size="xs" c="dimmed">{wordReport(t, task.message)}</Text>}
              <StepTimings steps={task.steps} />
            </Stack>
          )}
          {phase.kind === 'launching' && !task && <Loader size="sm" />}
          {phase.kind === 'done' && (
            <Alert color="teal" icon={<IconCircleCheck size={16} />} title={t('launch.done')} data-testid="launch-done">
              <Text size="sm">{t('launch.doneText', { name: phase.result.name, host: phase.result.host, ip: phase.result.ip ?? '?' })}</Text>
              <Code block mt={6} data-testid="launch-ssh">{`virtdeck ssh ${phase.result.host}/${phase.result.name}`}</Code>
              {phase.result.cloudInit && <Text size="xs" mt={4}>cloud-init: {phase.result.cloudInit}</Text>}
            </Alert>
          )}
          {phase.kind === 'failed' && <Alert color="red" title={t('launch.failed')} data-testid="launch-failed">{phase.error}</Alert>}
        </Stack>
      )}
      {step < 4 && (
        <Stack gap={4} mt="md" data-testid="launch-validation" data-ok={validation?.ok ?? false}>
          {validation === null && <Text size="xs" c="dimmed">{t('common.checking')}</Text>}
          {stepErrors.length > 0 && (
            <Alert color="red" py={6} icon={<IconAlertTriangle size={16} />} data-testid="launch-errors">
              <List size="xs">
                {stepErrors.map((e, i) => (
                  <List.Item key={i}>
                    <b>{e.field}</b>: {wordReport(t, e)}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          {(validation?.warnings.length ?? 0) > 0 && (
            <Alert color="yellow" py={6} data-testid="launch-warnings">
              <List size="xs">
                {validation?.warnings.map((w, i) => <List.Item key={i}>{w.field}: {wordReport(t, w)}</List.Item>)}
              </List>
            </Alert>
          )}
        </Stack>
      )}
      <Group justify="flex-end" mt="lg">
        {step > 0 && step < 4 && <Button variant="default" onClick={() => setStep(step - 1)} data-testid="launch-back">{t('app.back')}</Button>}
        {step < 3 && <Button onClick={() => setStep(step + 1)} data-testid="launch-next">{t('app.next')}</Button>}
        {step === 3 && (
          <Button onClick={() => void start()} disabled={!validation?.ok} data-testid="launch-go">{t('launch.go')}</Button>
        )}
        {step === 4 && <Button onClick={onClose} disabled={phase.kind === 'launching'} data-testid="launch-close">{t('app.close')}</Button>}
      </Group>
    </Modal>
  );
}

/** Why the plan's host: named by the user, or the online host with the most free memory. */
function placementText(t: Translate, p: Placement): string {
  const best = p.candidates[0];
  if (p.by === 'user' || !best) return t('launch.placement.user');
  return t('launch.placement.auto', { free: formatBytes(best.freeMemory), count: p.candidates.length });
}
