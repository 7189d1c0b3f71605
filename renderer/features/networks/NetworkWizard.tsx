// New virtual network in three steps: name and mode; addressing (IPv4 CIDR, DHCP range and static hosts, or the
// host bridge); review, where the core checks the spec and overlaps with the host's networks before defining.
import { ActionIcon, Alert, Button, Code, Group, Loader, Modal, Radio, SimpleGrid, Stack, Stepper, Switch, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { NETWORK_MODES, type NetworkMode, type NetworkSpec } from '../../../shared/model/network.js';
import { wordReport } from '../../app/errors.js';
import { useFieldCheck } from '../../app/field-check.js';
import { stepMark, useElsewhereWords, useFieldGate } from '../../app/field-gate.js';
import { useT } from '../../app/i18n/index.js';
import { errorMessage } from '../../app/notify.js';
import { useNetworks } from '../../state/networks-slice.js';
import {
  emptyNetworkForm, NETWORK_FORM_INPUT, NETWORK_INPUT_STEP, networkInputOf, networkSpecOf, suggestFreeSubnet, type NetworkForm, type NetworkInput,
} from './network-form.js';
import { WizardFooter } from '../../app/WizardFooter.js';

function Addressing({ form, set, errorOf }: { form: NetworkForm; set: (p: Partial<NetworkForm>) => void; errorOf: (i: NetworkInput) => string | undefined }) {
  const t = useT();
  if (form.mode === 'bridge') {
    return (
      <TextInput
        label={t('net.field.hostBridge')}
        description={t('net.field.hostBridgeHint')}
        value={form.bridge}
        onChange={(e) => set({ bridge: e.currentTarget.value })}
        error={errorOf('bridge')}
        data-testid="net-bridge"
      />
    );
  }
  const setHost = (i: number, patch: Partial<NetworkForm['hosts'][number]>) =>
    set({ hosts: form.hosts.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
  return (
    <Stack gap="sm">
      <TextInput label={t('net.field.cidr')} description={t('net.field.cidrHint')} placeholder="10.20.30.1/24" value={form.cidr} onChange={(e) => set({ cidr: e.currentTarget.value })} error={errorOf('cidr')} data-testid="net-cidr" />
      <Switch label={t('net.field.dhcp')} description={t('net.field.dhcpHint')} checked={form.dhcp} onChange={(e) => set({ dhcp: e.currentTarget.checked })} data-testid="net-dhcp" />
      {form.dhcp && (
        <>
          <SimpleGrid cols={2}>
            <TextInput label={t('net.field.rangeStart')} placeholder={t('net.field.rangeAuto')} value={form.rangeStart} onChange={(e) => set({ rangeStart: e.currentTarget.value })} error={errorOf('range')} data-testid="net-range-start" />
            <TextInput label={t('net.field.rangeEnd')} placeholder={t('net.field.rangeAuto')} value={form.rangeEnd} onChange={(e) => set({ rangeEnd: e.currentTarget.value })} error={errorOf('range') ? true : undefined} data-testid="net-range-end" />
          </SimpleGrid>
          <Text size="sm" fw={500}>
            {t('net.field.staticHosts')}
          </Text>
          {errorOf('hosts') && (
            <Text size="xs" c="red" data-testid="net-hosts-error">
              {errorOf('hosts')}
            </Text>
          )}
          {form.hosts.map((h, i) => (
            <Group key={i} gap="xs" wrap="nowrap" data-testid="net-static-host">
              <TextInput size="xs" placeholder="52:54:00:12:34:56" value={h.mac} onChange={(e) => setHost(i, { mac: e.currentTarget.value })} data-testid="net-host-mac" />
              <TextInput size="xs" placeholder="10.20.30.10" value={h.ip} onChange={(e) => setHost(i, { ip: e.currentTarget.value })} data-testid="net-host-ip" />
              <TextInput size="xs" placeholder={t('net.field.hostName')} value={h.name ?? ''} onChange={(e) => setHost(i, { name: e.currentTarget.value })} data-testid="net-host-name" />
              <ActionIcon variant="subtle" color="red" aria-label={t('common.remove')} onClick={() => set({ hosts: form.hosts.filter((_, j) => j !== i) })}>
                <IconTrash size={14} />
              </ActionIcon>
            </Group>
          ))}
          <Button size="compact-xs" variant="light" w="fit-content" leftSection={<IconPlus size={12} />} onClick={() => set({ hosts: [...form.hosts, { mac: '', ip: '', name: '' }] })} data-testid="net-host-add">
            {t('net.field.addStaticHost')}
          </Button>
        </>
      )}
      <SimpleGrid cols={2}>
        <TextInput label={t('net.field.bridgeName')} placeholder="virbrN" value={form.bridge} onChange={(e) => set({ bridge: e.currentTarget.value })} error={errorOf('bridge')} data-testid="net-bridge" />
        {(form.mode === 'nat' || form.mode === 'route') && (
          <TextInput label={t('net.field.forwardDev')} placeholder={t('net.field.forwardAny')} value={form.forwardDev} onChange={(e) => set({ forwardDev: e.currentTarget.value })} error={errorOf('forwardDev')} data-testid="net-forward-dev" />
        )}
      </SimpleGrid>
    </Stack>
  );
}

export function NetworkWizard({ host, onClose }: { host: string; onClose: () => void }) {
  const t = useT();
  const check = useNetworks((s) => s.check);
  const define = useNetworks((s) => s.define);
  const [step, setStep] = useState(0);
  const [form, setForm] = useState<NetworkForm>(emptyNetworkForm);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const spec = networkSpecOf(form);
  const existing = useNetworks((s) => s.byHost[host]);
  // Addressing opens with a subnet none of the host's networks uses; whatever the user typed is kept.
  useEffect(() => {
    if (step !== 1 || !existing) return;
    const free = suggestFreeSubnet(existing.flatMap((n) => n.addresses));
    if (free) setForm((f) => (f.cidr ? f : { ...f, cidr: free }));
  }, [step, existing]);

  // The core checks the spec as it is typed; each problem shows on its input (network-fields.ts names it).
  const run = useCallback((text: string) => check(host, JSON.parse(text) as NetworkSpec), [host, check]);
  const checked = useFieldCheck(JSON.stringify(spec), run, 'spec.');
  const gate = useFieldGate<NetworkInput>({ ...checked, inputOf: networkInputOf, stepOf: NETWORK_INPUT_STEP, step, setStep });
  const elsewhere = useElsewhereWords(gate);
  const set = (patch: Partial<NetworkForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    gate.touch(Object.keys(patch).flatMap((k) => NETWORK_FORM_INPUT[k as keyof NetworkForm] ?? []));
  };

  const create = async () => {
    setCreating(true);
    setCreateError(null);
    try {
      await define(host, spec, form.start);
      setStep(3);
    } catch (e) {
      setCreateError(errorMessage(e));
    } finally {
      setCreating(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('net.wizard.title', { host })} size="lg" data-testid="net-wizard">
      <Stepper active={step} size="sm" allowNextStepsSelect={false} mb="lg">
        <Stepper.Step label={t('net.step.mode')} {...stepMark(gate, 0, step)} />
        <Stepper.Step label={t('net.step.addressing')} {...stepMark(gate, 1, step)} />
        <Stepper.Step label={t('net.step.review')} />
      </Stepper>
      {step === 0 && (
        <Stack gap="sm" data-testid="net-step-mode">
          <TextInput label={t('common.name')} value={form.name} onChange={(e) => set({ name: e.currentTarget.value })} error={gate.error('name')} data-autofocus data-testid="net-name" />
          <Radio.Group label={t('net.mode')} value={form.mode} onChange={(v) => set({ mode: v as NetworkMode })}>
            <SimpleGrid cols={2} mt={6}>
              {NETWORK_MODES.map((mode) => (
                <Radio.Card key={mode} value={mode} p="sm" radius="md" data-testid={`net-mode-${mode}`}>
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <Radio.Indicator />
                    <div>
                      <Text size="sm" fw={600}>
                        {t(`net.mode.${mode}`)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`net.mode.${mode}.desc`)}
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
        <Stack gap="sm" data-testid="net-step-addressing">
          <Addressing form={form} set={set} errorOf={gate.error} />
          <Group gap="lg">
            <Switch label={t('net.opt.start')} checked={form.start} onChange={(e) => set({ start: e.currentTarget.checked })} data-testid="net-start-opt" />
            <Switch label={t('common.autostart')} checked={form.autostart} onChange={(e) => set({ autostart: e.currentTarget.checked })} data-testid="net-autostart-opt" />
          </Group>
        </Stack>
      )}
      {step === 2 && (
        <Stack gap="sm" data-testid="net-step-review">
          <Code block>{JSON.stringify({ ...spec, start: form.start }, null, 2)}</Code>
          {checked.current === null && (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm">{t('common.checking')}</Text>
            </Group>
          )}
          {checked.current?.length === 0 && (
            <Alert color="teal" icon={<IconCircleCheck size={16} />} data-testid="net-check-ok">
              {t('net.review.ok')}
            </Alert>
          )}
          {checked.current !== null && checked.current.length > 0 && (
            <Alert color="red" icon={<IconAlertTriangle size={16} />} title={t('net.review.failed')} data-testid="net-check-error">
              {checked.current.map((e) => wordReport(t, e)).join('; ')}
            </Alert>
          )}
          {createError && (
            <Alert color="red" data-testid="net-create-error">
              {createError}
            </Alert>
          )}
        </Stack>
      )}
      {step === 3 && (
        <Alert color="teal" icon={<IconCircleCheck size={16} />} data-testid="net-created">
          {t('net.created', { name: spec.name, host })}
        </Alert>
      )}
      {step < 2 && elsewhere.length > 0 && (
        <Alert color="red" mt="md" py={6} icon={<IconAlertTriangle size={16} />} data-testid="net-problems">
          {elsewhere.join('; ')}
        </Alert>
      )}
      <WizardFooter
        testId="net"
        step={step}
        setStep={setStep}
        firstStepValid
        onNext={gate.next}
        advancing={gate.advancing}
        createLabel={t('net.create')}
        creating={creating}
        canCreate={checked.current?.length === 0}
        onCreate={() => void create()}
        onClose={onClose}
      />
    </Modal>
  );
}
