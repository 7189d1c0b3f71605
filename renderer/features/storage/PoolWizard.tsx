// New storage pool in three steps: name and type; source and target (with discovery of NFS exports, LVM volume
// groups and iSCSI targets); review, where the core checks everything before anything is created.
import { Alert, Button, Code, Group, Loader, Modal, NumberInput, Radio, Select, SimpleGrid, Stack, Stepper, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconSearch } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { FS_FORMATS, NETFS_FORMATS, POOL_TYPES, type PoolSourceCandidate, type PoolSpec, type PoolType } from '../../../shared/model/storage.js';
import { wordReport } from '../../app/errors.js';
import { useFieldCheck } from '../../app/field-check.js';
import { stepMark, useElsewhereWords, useFieldGate } from '../../app/field-gate.js';
import { useT } from '../../app/i18n/index.js';
import { errorMessage } from '../../app/notify.js';
import { useStorage } from '../../state/storage-slice.js';
import { DEFAULT_TARGETS, emptyPoolForm, POOL_FIELDS, POOL_INPUT_STEP, poolInputOf, poolSpecOf, type PoolForm, type PoolInput } from './pool-form.js';
import { WizardFooter } from '../../app/WizardFooter.js';

function Discovery({ host, form, set }: { host: string; form: PoolForm; set: (p: Partial<PoolForm>) => void }) {
  const t = useT();
  const discover = useStorage((s) => s.discover);
  const [found, setFound] = useState<PoolSourceCandidate[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const type = form.type;
  if (type !== 'netfs' && type !== 'logical' && type !== 'iscsi') return null;
  const server = form.hosts[0]?.trim();
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setFound(await discover({ host, type, ...(server ? { sourceHost: server } : {}) }));
    } catch (e) {
      setFound(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const pick = (c: PoolSourceCandidate) => {
    if (type === 'logical') set({ sourceName: c.name ?? '', devices: c.devices });
    else set({ sourcePath: c.path ?? '', ...(c.host ? { hosts: [c.host] } : {}) });
  };
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Button size="xs" variant="light" leftSection={<IconSearch size={14} />} loading={busy} disabled={type !== 'logical' && !server} onClick={() => void run()} data-testid="pool-discover">
          {t(`pool.discover.${type}`)}
        </Button>
        {type !== 'logical' && !server && (
          <Text size="xs" c="dimmed">
            {t('pool.discover.needServer')}
          </Text>
        )}
      </Group>
      {error && (
        <Text size="xs" c="red" data-testid="pool-discover-error">
          {error}
        </Text>
      )}
      {found && found.length === 0 && (
        <Text size="xs" c="dimmed" data-testid="pool-discover-none">
          {t('pool.discover.none')}
        </Text>
      )}
      {found && found.length > 0 && (
        <Group gap={6} data-testid="pool-discover-results">
          {found.map((c, i) => {
            const label = type === 'logical' ? `${c.name ?? '?'}${c.devices.length ? ` (${c.devices.join(', ')})` : ''}` : (c.path ?? '?');
            return (
              <Button key={i} size="compact-xs" variant="default" onClick={() => pick(c)} data-testid="pool-discover-pick">
                {label}
              </Button>
            );
          })}
        </Group>
      )}
    </Stack>
  );
}

function SourceFields({ host, form, set, errorOf }: { host: string; form: PoolForm; set: (p: Partial<PoolForm>) => void; errorOf: (i: PoolInput) => string | undefined }) {
  const t = useT();
  const has = (k: keyof PoolForm) => POOL_FIELDS[form.type].includes(k);
  const formats = form.type === 'fs' ? FS_FORMATS : form.type === 'netfs' ? NETFS_FORMATS : null;
  return (
    <Stack gap="sm">
      {has('hosts') && form.type === 'rbd' && (
        <TagsInput label={t('pool.field.monitors')} value={form.hosts} onChange={(hosts) => set({ hosts })} error={errorOf('hosts')} data-testid="pool-hosts" />
      )}
      {has('hosts') && form.type !== 'rbd' && (
        <TextInput
          label={t(form.type === 'iscsi' ? 'pool.field.portal' : 'pool.field.server')}
          value={form.hosts[0] ?? ''}
          onChange={(e) => set({ hosts: e.currentTarget.value ? [e.currentTarget.value] : [] })}
          error={errorOf('hosts')} data-testid="pool-server"
        />
      )}
      {has('port') && (
        <NumberInput label={t('pool.field.port')} value={form.port ?? ''} min={1} max={65535} onChange={(v) => set({ port: typeof v === 'number' ? v : null })} error={errorOf('port')} data-testid="pool-port" />
      )}
      <Discovery host={host} form={form} set={set} />
      {has('sourcePath') && (
        <TextInput
          label={t(form.type === 'iscsi' ? 'pool.field.iqn' : 'pool.field.export')}
          value={form.sourcePath}
          onChange={(e) => set({ sourcePath: e.currentTarget.value })}
          error={errorOf('sourcePath')} data-testid="pool-source-path"
        />
      )}
      {has('sourceName') && (
        <TextInput
          label={t(form.type === 'rbd' ? 'pool.field.cephPool' : 'pool.field.vg')}
          description={form.type === 'logical' ? t('pool.field.vgHint') : undefined}
          value={form.sourceName}
          onChange={(e) => set({ sourceName: e.currentTarget.value })}
          error={errorOf('sourceName')} data-testid="pool-source-name"
        />
      )}
      {has('device') && (
        <TextInput label={t('pool.field.device')} description={t('pool.field.deviceHint')} value={form.device} onChange={(e) => set({ device: e.currentTarget.value })} error={errorOf('device')} data-testid="pool-device" />
      )}
      {has('devices') && (
        <TagsInput label={t('pool.field.pvs')} description={t('pool.field.pvsHint')} value={form.devices} onChange={(devices) => set({ devices })} error={errorOf('devices')} data-testid="pool-devices" />
      )}
      {has('target') && (
        <TextInput
          label={t(form.type === 'dir' ? 'pool.field.directory' : form.type === 'iscsi' ? 'pool.field.target' : 'pool.field.mountPoint')}
          value={form.target}
          onChange={(e) => set({ target: e.currentTarget.value })}
          error={errorOf('target')} data-testid="pool-target"
        />
      )}
      {formats && (
        <Select label={t('pool.field.format')} data={[...formats]} value={form.format || formats[0]} onChange={(v) => set({ format: v ?? '' })} allowDeselect={false} error={errorOf('format')} data-testid="pool-format" />
      )}
      {has('authUser') && (
        <SimpleGrid cols={2}>
          <TextInput label={t('pool.field.authUser')} value={form.authUser} onChange={(e) => set({ authUser: e.currentTarget.value })} error={errorOf('authUser')} />
          <TextInput label={t('pool.field.secret')} value={form.secretUuid} onChange={(e) => set({ secretUuid: e.currentTarget.value })} error={errorOf('secretUuid')} />
        </SimpleGrid>
      )}
      <Group gap="lg" mt={4}>
        <Switch label={t('pool.opt.build')} checked={form.build} onChange={(e) => set({ build: e.currentTarget.checked })} data-testid="pool-build-opt" />
        <Switch label={t('pool.opt.start')} checked={form.start} onChange={(e) => set({ start: e.currentTarget.checked })} data-testid="pool-start-opt" />
        <Switch label={t('common.autostart')} checked={form.autostart} onChange={(e) => set({ autostart: e.currentTarget.checked })} data-testid="pool-autostart-opt" />
      </Group>
      <Text size="xs" c="dimmed">
        {t(`pool.buildHint.${form.type}`)}
      </Text>
    </Stack>
  );
}

export function PoolWizard({ host, onClose, onCreated }: { host: string; onClose: () => void; onCreated: (name: string) => void }) {
  const t = useT();
  const checkPool = useStorage((s) => s.checkPool);
  const definePool = useStorage((s) => s.definePool);
  const [step, setStep] = useState(0);
  const [form, setForm] = useState<PoolForm>(emptyPoolForm);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const spec = poolSpecOf(form);
  // The core checks the whole spec as it is typed; each problem shows on its input (pool-fields.ts names it).
  const run = useCallback((text: string) => {
    const c = JSON.parse(text) as { spec: PoolSpec; build: boolean };
    return checkPool(host, c.spec, c.build);
  }, [host, checkPool]);
  const check = useFieldCheck(JSON.stringify({ spec, build: form.build }), run, 'spec.');
  const gate = useFieldGate<PoolInput>({ ...check, inputOf: poolInputOf, stepOf: POOL_INPUT_STEP, step, setStep });
  const elsewhere = useElsewhereWords(gate);
  const set = (patch: Partial<PoolForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    gate.touch(Object.keys(patch).filter((k): k is PoolInput => k in POOL_INPUT_STEP));
  };

  const chooseType = (type: PoolType) => {
    const target = form.target && form.target !== DEFAULT_TARGETS[form.type] + form.name ? form.target : DEFAULT_TARGETS[type] + (type === 'dir' || type === 'fs' || type === 'netfs' ? form.name : '');
    set({ type, target, format: '', build: type === 'dir' || type === 'netfs' ? true : form.build && type !== 'iscsi' && type !== 'rbd' });
  };

  const create = async () => {
    setCreating(true);
    setCreateError(null);
    try {
      await definePool({ host, spec, options: { build: form.build, start: form.start, autostart: form.autostart } });
      onCreated(spec.name);
      setStep(3);
    } catch (e) {
      setCreateError(errorMessage(e));
    } finally {
      setCreating(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('pool.wizard.title', { host })} size="lg" data-testid="pool-wizard">
      <Stepper active={step} size="sm" allowNextStepsSelect={false} mb="lg">
        <Stepper.Step label={t('pool.step.type')} {...stepMark(gate, 0, step)} />
        <Stepper.Step label={t('pool.step.source')} {...stepMark(gate, 1, step)} />
        <Stepper.Step label={t('pool.step.review')} />
      </Stepper>
      {step === 0 && (
        <Stack gap="sm" data-testid="pool-step-type">
          <TextInput
            label={t('common.name')}
            value={form.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              const autoTarget = form.target === DEFAULT_TARGETS[form.type] + form.name || form.target === '';
              set({ name, ...(autoTarget && DEFAULT_TARGETS[form.type] && form.type !== 'iscsi' ? { target: DEFAULT_TARGETS[form.type] + name } : {}) });
            }}
            error={gate.error('name')}
            data-autofocus
            data-testid="pool-name"
          />
          <Radio.Group label={t('common.type')} value={form.type} onChange={(v) => chooseType(v as PoolType)}>
            <SimpleGrid cols={2} mt={6}>
              {POOL_TYPES.map((type) => (
                <Radio.Card key={type} value={type} p="sm" radius="md" data-testid={`pool-type-${type}`}>
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <Radio.Indicator />
                    <div>
                      <Text size="sm" fw={600}>
                        {t(`pool.type.${type}`)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`pool.type.${type}.desc`)}
                      </Text>
                    </div>
                  </Group>
                </Radio.Card>
              ))}
            </SimpleGrid>
          </Radio.Group>
        </Stack>
      )}
      {step === 1 && (
        <div data-testid="pool-step-source">
          <SourceFields host={host} form={form} set={set} errorOf={gate.error} />
        </div>
      )}
      {step === 2 && (
        <Stack gap="sm" data-testid="pool-step-review">
          <Text size="sm">{t('pool.review.intro', { host })}</Text>
          <Code block>{JSON.stringify({ ...spec, build: form.build, start: form.start, autostart: form.autostart }, null, 2)}</Code>
          {check.current === null && (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm">{t('common.checking')}</Text>
            </Group>
          )}
          {check.current?.length === 0 && (
            <Alert color="teal" icon={<IconCircleCheck size={16} />} data-testid="pool-check-ok">
              {t('pool.review.ok')}
            </Alert>
          )}
          {check.current !== null && check.current.length > 0 && (
            <Alert color="red" icon={<IconAlertTriangle size={16} />} title={t('pool.review.failed')} data-testid="pool-check-error">
              {check.current.map((e) => wordReport(t, e)).join('; ')}
            </Alert>
          )}
          {createError && (
            <Alert color="red" title={t('pool.createFailed')} data-testid="pool-create-error">
              {createError}
            </Alert>
          )}
        </Stack>
      )}
      {step === 3 && (
        <Alert color="teal" icon={<IconCircleCheck size={16} />} data-testid="pool-created">
          {t('pool.created', { name: spec.name, host })}
        </Alert>
      )}
      {step < 2 && elsewhere.length > 0 && (
        <Alert color="red" mt="md" py={6} icon={<IconAlertTriangle size={16} />} data-testid="pool-problems">
          {elsewhere.join('; ')}
        </Alert>
      )}
      <WizardFooter
        testId="pool"
        step={step}
        setStep={setStep}
        firstStepValid
        onNext={gate.next}
        advancing={gate.advancing}
        createLabel={t('pool.create')}
        creating={creating}
        canCreate={check.current?.length === 0}
        onCreate={() => void create()}
        onClose={onClose}
      />
    </Modal>
  );
}
