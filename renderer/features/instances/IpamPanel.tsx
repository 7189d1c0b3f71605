// IPAM per network of one host: settings (CIDR, gateway, DNS, search, range, reserved) and every address with
// its state and who holds it (inventory, guest agent, DHCP lease, reservation). The core checks the settings as
// they are typed; each problem shows on its input and Save waits for a check that finds none.
import { Alert, Badge, Button, Group, ScrollArea, Select, SimpleGrid, Stack, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { IpamSettings } from '../../../shared/model/instance.js';
import { useDialogGate } from '../../app/dialog-gate.js';
import { useFieldCheck } from '../../app/field-check.js';
import { useT } from '../../app/i18n/index.js';
import { errorMessage, withToast } from '../../app/notify.js';
import { ipamKey, useInstances } from '../../state/instances-slice.js';
import { useNetworks } from '../../state/networks-slice.js';
import { ipamDefaultsOf } from '../networks/ipam-defaults.js';
import { IPAM_INPUTS, ipamInputOf } from './ipam-inputs.js';

const STATE_COLORS: Readonly<Record<string, string>> = { free: 'teal', used: 'red', gateway: 'blue', dns: 'blue', reserved: 'orange', network: 'gray', broadcast: 'gray' };

function SettingsForm({ host, network, initial }: { host: string; network: string; initial: IpamSettings | null }) {
  const t = useT();
  const setIpam = useInstances((s) => s.setIpam);
  const checkIpam = useInstances((s) => s.checkIpam);
  const [cidr, setCidr] = useState(initial?.cidr ?? '');
  const [gateway, setGateway] = useState(initial?.gateway ?? '');
  const [dns, setDns] = useState<string[]>(initial?.dns ?? []);
  const [search, setSearch] = useState<string[]>(initial?.search ?? []);
  const [start, setStart] = useState(initial?.range?.start ?? '');
  const [end, setEnd] = useState(initial?.range?.end ?? '');
  const [reserved, setReserved] = useState<string[]>(initial?.reserved ?? []);
  const [error, setError] = useState<string | null>(null);
  const settings: IpamSettings = { cidr: cidr.trim(), gateway: gateway.trim(), dns, search, range: start.trim() || end.trim() ? { start: start.trim(), end: end.trim() } : null, reserved };
  // The core checks the settings as they are typed (and against the network); each problem shows on its input.
  const run = useCallback((text: string) => checkIpam(host, network, JSON.parse(text) as IpamSettings), [host, network, checkIpam]);
  const checked = useFieldCheck(JSON.stringify(settings), run, '');
  const save = async () => {
    setError(null);
    try {
      await setIpam(host, network, settings);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const gate = useDialogGate(checked, IPAM_INPUTS, ipamInputOf, () => void save());
  const edit = gate.edit;
  const problem = error ?? (gate.elsewhere.join('; ') || null);
  return (
    <Stack gap="xs" data-testid="ipam-settings">
      <SimpleGrid cols={3}>
        <TextInput label={t('ipam.cidr')} placeholder="10.79.1.0/24" value={cidr} onChange={(e) => edit('cidr', setCidr)(e.currentTarget.value)} error={gate.error('cidr')} data-testid="ipam-cidr" />
        <TextInput label={t('ipam.gateway')} value={gateway} onChange={(e) => edit('gateway', setGateway)(e.currentTarget.value)} error={gate.error('gateway')} data-testid="ipam-gateway" />
        <TagsInput label={t('ipam.dns')} value={dns} onChange={edit('dns', setDns)} error={gate.error('dns')} data-testid="ipam-dns" />
        <TextInput label={t('ipam.rangeStart')} value={start} onChange={(e) => edit('rangeStart', setStart)(e.currentTarget.value)} error={gate.error('rangeStart')} data-testid="ipam-range-start" />
        <TextInput label={t('ipam.rangeEnd')} value={end} onChange={(e) => edit('rangeEnd', setEnd)(e.currentTarget.value)} error={gate.error('rangeEnd')} data-testid="ipam-range-end" />
        <TagsInput label={t('ipam.search')} value={search} onChange={edit('search', setSearch)} error={gate.error('search')} data-testid="ipam-search" />
      </SimpleGrid>
      <TagsInput label={t('ipam.reserved')} value={reserved} onChange={edit('reserved', setReserved)} error={gate.error('reserved')} data-testid="ipam-reserved" />
      {problem && <Alert color="red" data-testid="ipam-error">{problem}</Alert>}
      <Group justify="flex-end">
        <Button size="xs" onClick={gate.submit} loading={gate.advancing} disabled={gate.blocked} data-testid="ipam-save">
          {t('ipam.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** IPAM of one host's networks; `fixed` opens it on that network (from the network's row) without the picker. */
export function IpamPanel({ host, fixed }: { host: string; fixed?: string }) {
  const t = useT();
  const nets = useNetworks((s) => s.byHost[host]);
  const loadNets = useNetworks((s) => s.load);
  const [network, setNetwork] = useState<string | null>(fixed ?? null);
  const net = nets?.find((n) => n.name === network);
  const view = useInstances((s) => (network ? s.ipam[ipamKey(host, network)] : undefined));
  const loadIpam = useInstances((s) => s.loadIpam);
  useEffect(() => void withToast(t('net.loadFailed'), () => loadNets(host)), [host, loadNets, t]);
  useEffect(() => {
    if (network) void withToast(t('ipam.loadFailed'), () => loadIpam(host, network));
  }, [host, network, loadIpam, t]);
  const shown = view?.addresses.filter((a) => a.inRange || a.state !== 'free') ?? [];
  return (
    <Stack gap="sm" data-testid="ipam-panel">
      {!fixed && (
        <Select
          label={t('ipam.network')}
          w={260}
          data={(nets ?? []).map((n) => n.name)}
          value={network}
          onChange={setNetwork}
          data-testid="ipam-network"
        />
      )}
      {network && view === null && <Text size="sm" c="dimmed">{t(net && ipamDefaultsOf(net) ? 'ipam.noneProposed' : 'ipam.none')}</Text>}
      {network && view !== undefined && (
        <SettingsForm
          key={`${network}:${view?.config.cidr ?? ''}:${net ? 'net' : ''}`}
          host={host}
          network={network}
          initial={view?.config ?? (net ? ipamDefaultsOf(net) : null)}
        />
      )}
      {view && (
        <>
          <Text size="sm" data-testid="ipam-summary">{t('ipam.summary', { free: view.free, used: view.used })}</Text>
          <ScrollArea h={320}>
            <Table verticalSpacing={2}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('ipam.address')}</Table.Th>
                  <Table.Th>{t('common.state')}</Table.Th>
                  <Table.Th>{t('ipam.holder')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((a) => (
                  <Table.Tr key={a.ip} data-testid={`ipam-ip-${a.ip}`} data-state={a.state}>
                    <Table.Td ff="monospace">{a.ip}</Table.Td>
                    <Table.Td><Badge size="sm" variant="light" color={STATE_COLORS[a.state] ?? 'gray'}>{t(`ipam.state.${a.state}`)}</Badge></Table.Td>
                    <Table.Td>
                      <Text size="xs">{a.holders.map((h) => `${h.holder} (${t(`ipam.source.${h.source}`)}${h.by ? `, ${t('ipam.by', { who: h.by })}` : ''})`).join(', ')}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </>
      )}
    </Stack>
  );
}
