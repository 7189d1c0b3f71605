// Storage of one host: its pools with capacity / allocation / available (and the host's total), pool lifecycle,
// and the volumes of the selected pool.
import { ActionIcon, Badge, Button, Group, Menu, Paper, ScrollArea, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconCode, IconDots, IconPlayerPlay, IconPlayerStop, IconPlus, IconRefresh, IconTool, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { storageTotal, type PoolInfo } from '../../../shared/model/storage.js';
import { HostPicker } from '../../app/HostPicker.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { useStorage } from '../../state/storage-slice.js';
import { XmlDialog } from '../xml/XmlDialog.js';
import { PoolDeleteDialog } from './PoolDeleteDialog.js';
import { PoolWizard } from './PoolWizard.js';
import { UsageBar } from './UsageBar.js';
import { VolumesPanel } from './VolumesPanel.js';

const EMPTY: readonly PoolInfo[] = [];

interface PoolRowProps {
  pool: PoolInfo;
  selected: boolean;
  onSelect: () => void;
  onDelete: () => void;
  onXml: () => void;
}

function PoolRow({ pool, selected, onSelect, onDelete, onXml }: PoolRowProps) {
  const t = useT();
  const poolAction = useStorage((s) => s.poolAction);
  const setAutostart = useStorage((s) => s.setPoolAutostart);
  const running = pool.state === 'running';
  const act = (action: 'start' | 'stop' | 'build' | 'refresh') =>
    void withToast(t('app.actionFailed', { action: t(`pool.action.${action}`) }), () => poolAction(pool.host, pool.name, action));
  return (
    <Table.Tr
      onClick={onSelect}
      style={{ cursor: 'pointer' }}
      bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
      data-testid={`pool-row-${pool.name}`}
      data-state={pool.state}
    >
      <Table.Td>
        <Text size="sm" fw={500}>
          {pool.name}
        </Text>
        <Text size="xs" c="dimmed" truncate maw={260}>
          {pool.targetPath ?? pool.source ?? ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color="gray">
          {pool.type}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={running ? 'teal' : 'gray'} data-testid="pool-state">
          {t(running ? 'common.running' : 'common.inactive')}
        </Badge>
      </Table.Td>
      <Table.Td>{running ? <UsageBar capacity={pool.capacity} allocation={pool.allocation} available={pool.available} testId="pool-usage" /> : '—'}</Table.Td>
      <Table.Td onClick={(e) => e.stopPropagation()}>
        <Switch
          size="xs"
          checked={pool.autostart}
          aria-label={t('common.autostart')}
          onChange={(e) => void withToast(t('common.autostart'), () => setAutostart(pool.host, pool.name, e.currentTarget.checked))}
          data-testid="pool-autostart"
        />
      </Table.Td>
      <Table.Td onClick={(e) => e.stopPropagation()}>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('pool.actions')} data-testid="pool-menu">
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {running ? (
              <>
                <Menu.Item leftSection={<IconRefresh size={14} />} onClick={() => act('refresh')} data-testid="pool-refresh">
                  {t('pool.action.refresh')}
                </Menu.Item>
                <Menu.Item leftSection={<IconPlayerStop size={14} />} onClick={() => act('stop')} data-testid="pool-stop">
                  {t('pool.action.stop')}
                </Menu.Item>
              </>
            ) : (
              <>
                <Menu.Item leftSection={<IconPlayerPlay size={14} />} onClick={() => act('start')} data-testid="pool-start">
                  {t('pool.action.start')}
                </Menu.Item>
                <Menu.Item leftSection={<IconTool size={14} />} onClick={() => act('build')} data-testid="pool-build">
                  {t('pool.action.build')}
                </Menu.Item>
              </>
            )}
            <Menu.Item leftSection={<IconCode size={14} />} onClick={onXml} data-testid="pool-xml">
              {t('xml.tab')}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={onDelete} data-testid="pool-delete">
              {t('pool.delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}

export function StorageView() {
  const t = useT();
  const [host, setHost] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [wizard, setWizard] = useState(false);
  const [deleting, setDeleting] = useState<PoolInfo | null>(null);
  const [xmlFor, setXmlFor] = useState<PoolInfo | null>(null);
  const pools = useStorage((s) => (host ? (s.pools[host] ?? EMPTY) : EMPTY));
  const loadPools = useStorage((s) => s.loadPools);
  const reload = useCallback(() => {
    if (host) void withToast(t('storage.loadFailed'), () => loadPools(host));
  }, [host, loadPools, t]);
  useEffect(reload, [reload]);
  const total = useMemo(() => storageTotal(pools), [pools]);
  const current = pools.find((p) => p.name === selected) ?? null;

  return (
    <ScrollArea h="100%" data-testid="storage-view">
      <Stack p="md" gap="md">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={4}>{t('storage.title')}</Title>
            <HostPicker value={host} onChange={(h) => { setHost(h); setSelected(null); }} testId="storage-host" />
            <ActionIcon variant="subtle" color="gray" onClick={reload} aria-label={t('common.reload')} data-testid="storage-reload">
              <IconRefresh size={16} />
            </ActionIcon>
          </Group>
          <Button size="xs" leftSection={<IconPlus size={14} />} disabled={!host} onClick={() => setWizard(true)} data-testid="pool-add">
            {t('pool.add')}
          </Button>
        </Group>
        {host && (
          <Paper withBorder p="sm" radius="md">
            <Group justify="space-between">
              <Text size="sm" fw={500}>
                {t('storage.hostTotal', { host, count: pools.length })}
              </Text>
              <UsageBar {...total} testId="storage-host-usage" />
            </Group>
          </Paper>
        )}
        <Table highlightOnHover verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.name')}</Table.Th>
              <Table.Th>{t('common.type')}</Table.Th>
              <Table.Th>{t('common.state')}</Table.Th>
              <Table.Th>{t('storage.usageColumn')}</Table.Th>
              <Table.Th>{t('common.autostart')}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pools.map((p) => (
              <PoolRow
                key={p.name}
                pool={p}
                selected={p.name === selected}
                onSelect={() => setSelected(p.name)}
                onDelete={() => setDeleting(p)}
                onXml={() => setXmlFor(p)}
              />
            ))}
          </Table.Tbody>
        </Table>
        {pools.length === 0 && host && (
          <Text size="sm" c="dimmed">
            {t('storage.none')}
          </Text>
        )}
        {current && <VolumesPanel pool={current} />}
      </Stack>
      {wizard && host && <PoolWizard host={host} onClose={() => setWizard(false)} onCreated={(name) => setSelected(name)} />}
      {deleting && <PoolDeleteDialog pool={deleting} onClose={() => setDeleting(null)} />}
      {xmlFor && <XmlDialog target={{ kind: 'pool', host: xmlFor.host, name: xmlFor.name }} onClose={() => setXmlFor(null)} />}
    </ScrollArea>
  );
}
