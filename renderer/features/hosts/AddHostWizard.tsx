// Add-host wizard: 1) how to reach the host, 2) verify its SSH host key fingerprint, 3) add and connect.
import {
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Code,
  Collapse,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronRight, IconCircleCheck, IconShieldCheck } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { CallInput, CallValue } from '../../../shared/ipc/contract.js';
import type { HostConfig, HostInfo, SshTarget } from '../../../shared/model/host.js';
import { useDialogGate } from '../../app/dialog-gate.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { DialogForm } from '../../app/DialogForm.js';
import { reportOf } from '../../app/errors.js';
import { useFieldCheck } from '../../app/field-check.js';
import { useT, type MessageKey } from '../../app/i18n/index.js';
import { LocalFileInput } from '../../app/LocalFilePicker.js';
import { errorMessage } from '../../app/notify.js';
import type { LocalFile } from '../../state/backend.js';
import { useHosts } from '../../state/hosts-slice.js';
import { connectionHintKey } from './connection-hint.js';
import { HOST_INPUTS, hostInputOf, type HostInput } from './host-inputs.js';
import { splitSshAddress } from './ssh-address.js';

type Probe = CallValue<'hosts.probeKey'>;

/** A failed step in words, with what to check when the cause is a known one. */
interface Failure {
  text: string;
  hint: MessageKey | null;
}

const failure = (e: unknown): Failure => ({ text: errorMessage(e), hint: connectionHintKey(reportOf(e)) });

interface Form {
  mode: 'alias' | 'address';
  alias: string;
  address: string;
  name: string;
  identityFile: string;
  jump: string;
  uri: string;
  knownHosts: LocalFile | null;
}

/** The input each form key edits (the alias picker shows the address's problems). */
const FORM_INPUT: Readonly<Partial<Record<keyof Form, HostInput>>> = {
  alias: 'address', address: 'address', name: 'name', identityFile: 'identity', jump: 'jump', uri: 'uri',
};

const INITIAL: Form = {
  mode: 'address',
  alias: '',
  address: '',
  name: '',
  identityFile: '',
  jump: '',
  uri: 'qemu:///system',
  knownHosts: null,
};

/** The SSH target the form describes (its parts as typed: the core's check says what is wrong with each), or null when no address is given. */
function targetOf(f: Form): SshTarget | null {
  let target: SshTarget;
  if (f.mode === 'alias') {
    if (!f.alias.trim()) return null;
    target = { host: f.alias.trim() };
  } else {
    const a = splitSshAddress(f.address);
    if (!a) return null;
    target = { ...a };
  }
  if (f.identityFile.trim()) target.identityFile = f.identityFile.trim();
  if (f.jump.trim()) target.jump = f.jump.trim();
  return target;
}

/** The form for editing a configured SSH host: its address written back as user@host:port. */
function formOf(h: HostConfig): Form {
  const s = h.ssh;
  const host = s?.host.includes(':') ? `[${s.host}]` : (s?.host ?? '');
  const address = s ? `${s.user ? `${s.user}@` : ''}${host}${s.port ? `:${s.port}` : ''}` : '';
  return { ...INITIAL, address, name: h.name, identityFile: s?.identityFile ?? '', jump: s?.jump ?? '', uri: h.uri };
}

function defaultName(f: Form): string {
  return f.mode === 'alias' ? f.alias.trim() : (splitSshAddress(f.address)?.host ?? '');
}

function KeyStatus({ probe }: { probe: Probe }) {
  const t = useT();
  if (probe.status === 'known')
    return (
      <Alert color="teal" icon={<IconShieldCheck size={18} />}>
        {t('wizard.key.known')}
      </Alert>
    );
  if (probe.status === 'unknown' && probe.otherKnownTypes?.length)
    return (
      <Alert color="orange" icon={<IconAlertTriangle size={18} />} data-testid="wizard-key-other-types">
        {t('prompt.hostKey.otherTypes', { types: probe.otherKnownTypes.join(', ') })}
      </Alert>
    );
  if (probe.status === 'unknown')
    return (
      <Alert color="blue" icon={<IconAlertTriangle size={18} />}>
        {t('wizard.key.unknown')}
      </Alert>
    );
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="wizard-key-refused">
      {t(probe.status === 'changed' ? 'wizard.key.changed' : 'wizard.key.revoked')}
    </Alert>
  );
}

/** Adds a host, or with `editing` changes one's address, user, key, jump host, URI or name (a new key is verified the same way). */
export function AddHostWizard({ onClose, editing }: { onClose: () => void; editing?: HostInfo }) {
  const t = useT();
  const { sshAliases, localKeys, probeKey, knownHostsPath, add, update, check } = useHosts.getState();
  const [step, setStep] = useState(0);
  const [form, setForm] = useState<Form>(() => (editing ? formOf(editing) : INITIAL));
  const [saved, setSaved] = useState<HostConfig | null>(null);
  const [aliases, setAliases] = useState<string[]>([]);
  const [keys, setKeys] = useState<string[]>([]);
  const [advanced, setAdvanced] = useState(false);
  const [probe, setProbe] = useState<Probe | null>(null);
  const [probeError, setProbeError] = useState<Failure | null>(null);
  const [accepted, setAccepted] = useState(false);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<HostInfo | null>(null);
  const [addError, setAddError] = useState<Failure | null>(null);

  useEffect(() => {
    sshAliases().then(setAliases, () => setAliases([]));
    localKeys().then((k) => setKeys(k.map((name) => `~/.ssh/${name.replace(/\.pub$/, '')}`)), () => setKeys([]));
  }, [sshAliases, localKeys]);

  const target = targetOf(form);
  const name = form.name.trim() || defaultName(form);
  const uri = form.uri.trim() || INITIAL.uri;
  // The host's own name for itself, offered once it is connected (an address is often all one knows before).
  const hostnameFree = useHosts((s) => (added?.hostname && added.hostname !== added.name && !(added.hostname in s.byName) ? added.hostname : null));
  // The core checks the settings as they are typed (name free, SSH host, user and port, identity file, URI); each
  // problem shows on its input, and Next probes the host only once a fresh check finds none.
  const run = useCallback((text: string) => check(JSON.parse(text) as CallInput<'hosts.check'>), [check]);
  const checkInput: CallInput<'hosts.check'> = {
    config: { name, transport: 'ssh', ssh: target ?? { host: '' }, uri },
    ...(editing ? { editing: editing.name } : {}),
  };
  const checked = useFieldCheck(JSON.stringify(checkInput), run, 'config.');
  const gate = useDialogGate(checked, HOST_INPUTS, hostInputOf, () => runProbe());
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    gate.touch(FORM_INPUT[k] ? [FORM_INPUT[k]] : []);
  };

  const knownHostsFile = () => (form.knownHosts ? knownHostsPath(form.knownHosts) : Promise.resolve(undefined));

  const runProbe = () => {
    if (!target) return;
    setStep(1);
    setProbe(null);
    setProbeError(null);
    setAccepted(false);
    knownHostsFile()
      .then((file) => probeKey({ ssh: target, knownHostsFile: file, ...(editing ? { host: editing.name } : {}) }))
      .then(setProbe, (e: unknown) => setProbeError(failure(e)));
  };

  const runAdd = () => {
    if (!target || !probe) return;
    setStep(2);
    setAdding(true);
    setAddError(null);
    knownHostsFile()
      .then((file) => {
        const config: HostConfig = { name, transport: 'ssh', ssh: target, uri };
        if (file) config.knownHostsFile = file;
        if (editing?.virtType !== undefined) config.virtType = editing.virtType;
        setSaved(config);
        const acceptFingerprint = probe.status === 'unknown' ? probe.fingerprint : undefined;
        return editing ? update({ name: editing.name, config, acceptFingerprint }) : add({ config, acceptFingerprint });
      })
      .then(setAdded, (e: unknown) => setAddError(failure(e)))
      .finally(() => setAdding(false));
  };

  const renameToHostname = (hostname: string) => {
    if (!added || !saved) return;
    setAddError(null);
    // Without its known_hosts file: the core keeps the one the host was just added with.
    const { knownHostsFile: _kept, ...config } = saved;
    update({ name: added.name, config: { ...config, name: hostname } }).then(setAdded, (e: unknown) => setAddError(failure(e)));
  };

  const keyOk = probe !== null && (probe.status === 'known' || (probe.status === 'unknown' && accepted));

  return (
    <Modal opened onClose={onClose} title={editing ? t('wizard.editTitle', { host: editing.name }) : t('wizard.title')} size="lg" centered data-testid="add-host-wizard">
      <Stepper active={step} size="sm" allowNextStepsSelect={false} mb="lg">
        <Stepper.Step label={t('wizard.step.connection')} description={t('wizard.step.connection.desc')} />
        <Stepper.Step label={t('wizard.step.key')} description={t('wizard.step.key.desc')} />
        <Stepper.Step label={t('wizard.step.add')} description={t('wizard.step.add.desc')} />
      </Stepper>

      {step === 0 && (
        <DialogForm onSubmit={gate.submit}>
          <Stack gap="sm">
            <SegmentedControl
              value={form.mode}
              onChange={(v) => set('mode', v as Form['mode'])}
              data={[
                { value: 'address', label: t('wizard.mode.address') },
                { value: 'alias', label: t('wizard.mode.alias') },
              ]}
              data-testid="wizard-mode"
            />
            {form.mode === 'alias' ? (
              <Select
                label={t('wizard.alias')}
                data={aliases}
                value={form.alias || null}
                onChange={(v) => set('alias', v ?? '')}
                error={gate.error('address')}
                searchable
                nothingFoundMessage={t('wizard.aliasNone')}
                placeholder={aliases.length ? undefined : t('wizard.aliasNone')}
                data-testid="wizard-alias"
              />
            ) : (
              <TextInput
                label={t('wizard.address')}
                placeholder="root@kvm1.example.org:22"
                value={form.address}
                onChange={(e) => set('address', e.currentTarget.value)}
                error={gate.error('address')}
                data-autofocus
                data-testid="wizard-address"
              />
            )}
            <TextInput
              label={t('wizard.name')}
              description={t('wizard.nameHint')}
              placeholder={defaultName(form)}
              value={form.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={gate.error('name')}
              data-testid="wizard-name"
            />
            <Autocomplete
              label={t('wizard.identity')}
              description={t('wizard.identityHint')}
              data={keys}
              value={form.identityFile}
              onChange={(v) => set('identityFile', v)}
              placeholder="~/.ssh/id_ed25519"
              error={gate.error('identity')}
              data-testid="wizard-identity"
            />
            <TextInput
              label={t('wizard.jump')}
              description={t('wizard.jumpHint')}
              value={form.jump}
              onChange={(e) => set('jump', e.currentTarget.value)}
              placeholder="admin@bastion.example.org"
              error={gate.error('jump')}
              data-testid="wizard-jump"
            />
            <UnstyledButton onClick={() => setAdvanced((a) => !a)} data-testid="wizard-advanced">
              <Group gap={4}>
                {advanced ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                <Text size="sm" fw={500}>
                  {t('wizard.advanced')}
                </Text>
              </Group>
            </UnstyledButton>
            <Collapse in={advanced}>
              <Stack gap="sm">
                <TextInput label={t('wizard.uri')} value={form.uri} onChange={(e) => set('uri', e.currentTarget.value)} error={gate.error('uri')} data-testid="wizard-uri" />
                <LocalFileInput
                  use="known-hosts"
                  label={t('wizard.knownHosts')}
                  description={t('wizard.knownHostsHint')}
                  value={form.knownHosts}
                  onChange={(f) => set('knownHosts', f)}
                  data-testid="wizard-known-hosts"
                />
              </Stack>
            </Collapse>
            <DialogFooter onCancel={onClose} submitLabel={t('app.next')} submitTestId="wizard-next" busy={gate.advancing} disabled={gate.blocked} mt="sm" />
          </Stack>
        </DialogForm>
      )}

      {step === 1 && (
        <Stack gap="sm">
          {!probe && !probeError && (
            <Group gap="sm">
              <Loader size="sm" />
              <Text size="sm">{t('wizard.probing')}</Text>
            </Group>
          )}
          {probeError && (
            <Alert color="red" data-testid="wizard-probe-error">
              {t('wizard.probeFailed', { error: probeError.text })}
              {probeError.hint && <Text size="sm" mt={6} data-testid="wizard-hint">{t(probeError.hint)}</Text>}
            </Alert>
          )}
          {probe && (
            <>
              <Table withTableBorder variant="vertical" fz="sm" data-testid="wizard-key">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={140}>{t('details.host')}</Table.Th>
                    <Table.Td>
                      {probe.host}:{probe.port}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('wizard.keyType')}</Table.Th>
                    <Table.Td>{probe.keyType}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('wizard.fingerprint')}</Table.Th>
                    <Table.Td>
                      <Code fz="sm" data-testid="wizard-fingerprint" data-status={probe.status}>
                        {probe.fingerprint}
                      </Code>
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              <KeyStatus probe={probe} />
              {probe.status === 'unknown' && (
                <Checkbox
                  label={t('wizard.key.accept')}
                  checked={accepted}
                  onChange={(e) => setAccepted(e.currentTarget.checked)}
                  data-testid="wizard-accept"
                />
              )}
            </>
          )}
          <DialogFooter
            onCancel={() => setStep(0)}
            cancelLabel={t('app.back')}
            submitLabel={editing ? t('wizard.save') : t('wizard.add')}
            submitTestId="wizard-add"
            onSubmit={runAdd}
            disabled={!keyOk}
            mt="sm"
          />
        </Stack>
      )}

      {step === 2 && (
        <Stack gap="sm">
          {adding && (
            <Group gap="sm">
              <Loader size="sm" />
              <Text size="sm">{t('wizard.adding')}</Text>
            </Group>
          )}
          {addError && (
            <Alert color="red" data-testid="wizard-add-error">
              {t('wizard.addFailed', { error: addError.text })}
              {addError.hint && <Text size="sm" mt={6} data-testid="wizard-hint">{t(addError.hint)}</Text>}
            </Alert>
          )}
          {added && (
            <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="wizard-added">
              {t(editing ? 'wizard.saved' : 'wizard.added', { host: added.name, hostname: added.hostname ?? '?', version: added.libvirtVersion ?? '?' })}
            </Alert>
          )}
          <Group justify="flex-end" mt="sm">
            {addError && (
              <Button variant="default" onClick={() => setStep(0)}>
                {t('app.back')}
              </Button>
            )}
            {hostnameFree && (
              <Button variant="light" onClick={() => renameToHostname(hostnameFree)} data-testid="wizard-use-hostname">
                {t('wizard.useHostname', { hostname: hostnameFree })}
              </Button>
            )}
            <Button disabled={adding} onClick={onClose} data-testid="wizard-done">
              {added ? t('app.done') : t('app.close')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
