// Virtual networks of one host: mode, addresses, DHCP, bridge; start/stop, autostart, delete; the wizard. Below
// them the host's own bridges on real NICs.
import { ActionIcon, Badge, Button, Group, Menu, Modal, ScrollArea, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconCode, IconDots, IconListNumbers, IconPlayerPlay, IconPlayerStop, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { NetworkInfo } from '../../../shared/model/network.js';
import { useConfirm } from '../../app/confirm.js';
import { HostPicker } from '../../app/HostPicker.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { useNetworks } from '../../state/networks-slice.js';
import { BridgesPanel } from '../bridges/BridgesPanel.js';
import { IpamPanel } from '../instances/IpamPanel.js';
import { XmlDialog } from '../xml/XmlDialog.js';
import { NetworkWizard } from './NetworkWizard.js';

const EMPTY: readonly NetworkInfo[] = [];

function NetworkRow({ net, onIpam, onXml }: { net: NetworkInfo; onIpam: () => void; onXml: () => void }) {
  const t = useT();
  const action = useNetworks((s) => s.action);
  const setAutostart = useNetworks((s) => s.setAutostart);
  const remove = useNetworks((s) => s.remove);
  const [dialog, confirm] = useConfirm();
  const act = (a: 'start' | 'stop') => void withToast(t('app.actionFailed', { action: t(`net.action.${a}`) }), () => action(net.host, net.name, a));
  const onDelete = async () => {
    const ok = await confirm({ body: t('net.deleteConfirm', { name: net.name, host: net.host }), confirmLabel: t('net.delete'), danger: true });
    if (ok) await withToast(t('net.delete'), () => remove(net.host, net.name));
  };
  const dhcp = net.dhcpRanges.map((r) => `${r.start} – ${r.end}`).join(', ');
  return (
    <Table.Tr data-testid={`net-row-${net.name}`} data-active={net.active}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {net.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color="gray" data-testid="net-mode">
          {net.mode}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={net.active ? 'teal' : 'gray'} data-testid="net-state">
          {t(net.active ? 'common.running' : 'common.inactive')}
        </Badge>
      </Table.Td>
      <Table.Td data-testid="net-addresses">{net.addresses.join(', ') || '—'}</Table.Td>
      <Table.Td>
        <Text size="xs" data-testid="net-dhcp-cell">{dhcp || t('net.noDhcp')}</Text>
        {net.dhcpHosts.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('net.staticCount', { count: net.dhcpHosts.length })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{net.bridge ?? '—'}</Table.Td>
      <Table.Td>
        <Switch
          size="xs"
          checked={net.autostart}
          disabled={!net.persistent}
          aria-label={t('common.autostart')}
          onChange={(e) => void withToast(t('common.autostart'), () => setAutostart(net.host, net.name, e.currentTarget.checked))}
          data-testid="net-autostart"
        />
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('net.actions')} data-testid="net-menu">
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {net.active ? (
              <Menu.Item leftSection={<IconPlayerStop size={14} />} onClick={() => act('stop')} data-testid="net-stop">
                {t('net.action.stop')}
              </Menu.Item>
            ) : (
              <Menu.Item leftSection={<IconPlayerPlay size={14} />} onClick={() => act('start')} data-testid="net-start">
                {t('net.action.start')}
              </Menu.Item>
            )}
            {net.mode !== 'bridge' && (
              <Menu.Item leftSection={<IconListNumbers size={14} />} onClick={onIpam} data-testid="net-ipam">
                {t('net.ipam')}
              </Menu.Item>
            )}
            <Menu.Item leftSection={<IconCode size={14} />} onClick={onXml} data-testid="net-xml">
              {t('xml.tab')}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => void onDelete()} data-testid="net-delete">
              {t('net.delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        {dialog}
      </Table.Td>
    </Table.Tr>
  );
}

export function NetworksView() {
  const t = useT();
  const [host, setHost] = useState<string | null>(null);
  const [wizard, setWizard] = useState(false);
  const [ipamFor, setIpamFor] = useState<string | null>(null);
  const [xmlFor, setXmlFor] = useState<string | null>(null);
  const nets = useNetworks((s) => (host ? (s.byHost[host] ?? EMPTY) : EMPTY));
  const load = useNetworks((s) => s.load);
  const reload = useCallback(() => {
    if (host) void withToast(t('net.loadFailed'), () => load(host));
  }, [host, load, t]);
  useEffect(reload, [reload]);
  return (
    <ScrollArea h="100%" data-testid="networks-view">
      <Stack p="md" gap="md">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={4}>{t('net.title')}</Title>
            <HostPicker value={host} onChange={setHost} testId="networks-host" />
            <ActionIcon variant="subtle" color="gray" onClick={reload} aria-label={t('common.reload')} data-testid="networks-reload">
              <IconRefresh size={16} />
            </ActionIcon>
          </Group>
          <Button size="xs" leftSection={<IconPlus size={14} />} disabled={!host} onClick={() => setWizard(true)} data-testid="net-add">
            {t('net.add')}
          </Button>
        </Group>
        <Table highlightOnHover verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.name')}</Table.Th>
              <Table.Th>{t('net.mode')}</Table.Th>
              <Table.Th>{t('common.state')}</Table.Th>
              <Table.Th>{t('net.addresses')}</Table.Th>
              <Table.Th>{t('net.dhcp')}</Table.Th>
              <Table.Th>{t('net.bridge')}</Table.Th>
              <Table.Th>{t('common.autostart')}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {nets.map((n) => (
              <NetworkRow key={n.name} net={n} onIpam={() => setIpamFor(n.name)} onXml={() => setXmlFor(n.name)} />
            ))}
          </Table.Tbody>
        </Table>
        {nets.length === 0 && host && (
          <Text size="sm" c="dimmed">
            {t('net.none')}
          </Text>
        )}
        {host && <BridgesPanel host={host} />}
      </Stack>
      {wizard && host && <NetworkWizard host={host} onClose={() => setWizard(false)} />}
      {xmlFor && host && <XmlDialog target={{ kind: 'network', host, name: xmlFor }} onClose={() => setXmlFor(null)} />}
      {ipamFor && host && (
        <Modal opened onClose={() => setIpamFor(null)} title={t('net.ipamTitle', { network: ipamFor, host })} size="xl" data-testid="net-ipam-dialog">
          <IpamPanel host={host} fixed={ipamFor} />
        </Modal>
      )}
    </ScrollArea>
  );
}
