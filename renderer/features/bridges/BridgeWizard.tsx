// New host bridge: the host's network stack and NICs as detected, a NIC (with a clear warning and an explicit
// acknowledgement when it carries the SSH session), optional VLAN, bridge name and rollback time. Apply starts the
// host's safe apply; the panel then shows the countdown and the Confirm button. The core's refusals show here.
import { Alert, Badge, Checkbox, Group, Loader, Modal, NumberInput, Radio, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { HostNetworkInfo, HostNic } from '../../../shared/model/bridge.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { useT } from '../../app/i18n/index.js';
import { errorMessage } from '../../app/notify.js';
import { useBridges } from '../../state/bridges-slice.js';

const DEFAULT_ROLLBACK_S = 60;

/** Loopbacks, bridges and NICs already enslaved cannot be bridged. */
const bridgeable = (n: HostNic) => n.kind !== 'loopback' && n.kind !== 'bridge' && n.master === null;

export function BridgeWizard({ host, onClose }: { host: string; onClose(): void }) {
  const t = useT();
  const detect = useBridges((s) => s.detect);
  const create = useBridges((s) => s.create);
  const [net, setNet] = useState<HostNetworkInfo | null>(null);
  const [nic, setNic] = useState<string | null>(null);
  const [vlan, setVlan] = useState<number | string>('');
  const [name, setName] = useState('');
  const [rollback, setRollback] = useState<number | string>(DEFAULT_ROLLBACK_S);
  const [ack, setAck] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    detect(host).then(setNet, (err: unknown) => setError(errorMessage(err)));
  }, [detect, host]);

  const picked = net?.nics.find((n) => n.name === nic) ?? null;
  const vlanId = typeof vlan === 'number' ? vlan : undefined;
  const needsAck = picked?.carriesSsh === true;
  const canApply = picked !== null && (!needsAck || ack) && typeof rollback === 'number' && !busy;

  const apply = async () => {
    if (!picked || typeof rollback !== 'number') return;
    setBusy(true);
    setError(null);
    try {
      await create(host, {
        nic: picked.name,
        rollbackSeconds: rollback,
        ...(vlanId === undefined ? {} : { vlan: vlanId }),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(needsAck ? { allowSshNic: true } : {}),
      });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('bridge.wizard.title', { host })} centered size="xl">
      <Stack gap="sm">
        {!net && !error && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t('bridge.detecting')}</Text>
          </Group>
        )}
        {net && (
          <>
            <Group gap="xs">
              <Text size="sm">{t('bridge.stack')}</Text>
              <Badge variant="light" color={net.stack === 'ifupdown' ? 'teal' : 'orange'} data-testid="bridge-stack">
                {net.stack}
              </Badge>
            </Group>
            {net.stack !== 'ifupdown' && (
              <Alert color="orange" icon={<IconAlertTriangle size={16} />} data-testid="bridge-unsupported">
                {t('bridge.unsupported')}
              </Alert>
            )}
            <Radio.Group label={t('bridge.nic')} description={t('bridge.nicHint')} value={nic} onChange={(v) => { setNic(v); setAck(false); }}>
              <Table mt={4} verticalSpacing={4} data-testid="bridge-nics">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th />
                    <Table.Th>{t('common.name')}</Table.Th>
                    <Table.Th>{t('bridge.nic.kind')}</Table.Th>
                    <Table.Th>{t('common.state')}</Table.Th>
                    <Table.Th>{t('bridge.addresses')}</Table.Th>
                    <Table.Th>{t('bridge.nic.mac')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {net.nics.map((n) => (
                    <Table.Tr key={n.name} data-testid={`bridge-nic-row-${n.name}`} data-kind={n.kind} data-ssh={n.carriesSsh}>
                      <Table.Td>
                        <Radio value={n.name} disabled={!bridgeable(n)} aria-label={n.name} data-testid={`bridge-nic-${n.name}`} />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Text size="sm">{n.name}</Text>
                          {n.carriesSsh && (
                            <Badge size="xs" color="orange">
                              {t('bridge.nic.ssh')}
                            </Badge>
                          )}
                          {n.master && (
                            <Badge size="xs" color="gray">
                              {n.master}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>{n.kind}</Table.Td>
                      <Table.Td>{n.state}</Table.Td>
                      <Table.Td>{n.addresses.join(', ') || '—'}</Table.Td>
                      <Table.Td>{n.mac ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Radio.Group>
            {needsAck && picked && (
              <Alert color="red" icon={<IconAlertTriangle size={16} />} title={t('bridge.sshWarnTitle')} data-testid="bridge-ssh-warning">
                <Stack gap="xs">
                  <Text size="sm">{t('bridge.sshWarn', { host, address: net.sshServerAddress ?? '?', nic: picked.name })}</Text>
                  <Checkbox checked={ack} onChange={(e) => setAck(e.currentTarget.checked)} label={t('bridge.sshAck', { nic: picked.name })} data-testid="bridge-ssh-ack" />
                </Stack>
              </Alert>
            )}
            <SimpleGrid cols={3}>
              <NumberInput label={t('bridge.vlan')} description={t('bridge.vlanHint', { nic: picked?.name ?? 'NIC' })} min={1} max={4094} allowDecimal={false} value={vlan} onChange={setVlan} data-testid="bridge-vlan" />
              <TextInput label={t('bridge.name')} placeholder={vlanId === undefined ? 'br0' : `brvlan${vlanId}`} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="bridge-name" />
              <NumberInput label={t('bridge.rollback')} description={t('bridge.rollbackHint')} min={5} max={3600} allowDecimal={false} value={rollback} onChange={setRollback} data-testid="bridge-rollback" />
            </SimpleGrid>
          </>
        )}
        {error && (
          <Alert color="red" title={t('bridge.failed')} data-testid="bridge-error">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {error}
            </Text>
          </Alert>
        )}
        <DialogFooter onCancel={onClose} submitLabel={t('bridge.apply')} submitTestId="bridge-apply" onSubmit={() => void apply()} color="orange" busy={busy} disabled={!canApply} mt="sm" />
      </Stack>
    </Modal>
  );
}
