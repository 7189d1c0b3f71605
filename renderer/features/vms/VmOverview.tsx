// Overview of one VM: state, resources, autostart and lock switches, disks, NICs, IPs, and its facts (tags, owner,
// notes) editable in place.
import { Card, Code, Group, SimpleGrid, Stack, Switch, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { VmInfo } from '../../../shared/model/vm.js';
import { formatDateTime, formatMiB } from '../../app/format.js';
import { useLanguage, useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { refOf, useVms } from '../../state/vms-slice.js';
import { NotesEditor, OwnerEditor, TagsEditor } from './FactEditors.js';
import { StateBadge } from './StateBadge.js';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div style={{ marginTop: 2 }}>{children}</div>
    </div>
  );
}

export function VmOverview({ vm }: { vm: VmInfo }) {
  const t = useT();
  const lang = useLanguage();
  const setAutostart = useVms((s) => s.setAutostart);
  const setLocked = useVms((s) => s.setLocked);
  const none = (
    <Text size="sm" c="dimmed">
      {t('details.none')}
    </Text>
  );
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="md">
          <Field label={t('details.state')}>
            <StateBadge vm={vm} />
          </Field>
          <Field label={t('details.host')}>
            <Text size="sm">{vm.host}</Text>
          </Field>
          <Field label={t('details.vcpus')}>
            <Text size="sm">{vm.vcpus}</Text>
          </Field>
          <Field label={t('details.memory')}>
            <Text size="sm">{formatMiB(vm.memoryMiB)}</Text>
          </Field>
          <Field label={t('details.uuid')}>
            <Code>{vm.uuid}</Code>
          </Field>
          <Field label={t('details.type')}>
            <Text size="sm">{t(vm.persistent ? 'details.persistent' : 'details.transient')}</Text>
          </Field>
          <Field label={t('details.firstSeen')}>
            <Text size="sm">{formatDateTime(lang, vm.firstSeen)}</Text>
          </Field>
          <Field label={t('details.lastSeen')}>
            <Text size="sm">{formatDateTime(lang, vm.lastSeen)}</Text>
          </Field>
        </SimpleGrid>
        <Group mt="lg" gap="xl">
          <Switch
            label={t('details.autostart')}
            checked={vm.autostart}
            disabled={vm.stale || !vm.persistent}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              void withToast(t('app.actionFailed', { action: t('details.autostart') }), () => setAutostart(refOf(vm), on));
            }}
            data-testid="vm-autostart"
          />
          <Switch
            label={t('details.lock')}
            color="orange"
            checked={vm.locked}
            disabled={vm.stale}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              void withToast(t('app.actionFailed', { action: t(on ? 'action.lock' : 'action.unlock') }), () => setLocked(refOf(vm), on));
            }}
            data-testid="vm-lock"
          />
        </Group>
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder radius="md" padding="md">
          <Text fw={600} size="sm" mb="xs">
            {t('details.ips')}
          </Text>
          {vm.ips.length ? (
            <Group gap={6}>
              {vm.ips.map((ip) => (
                <Code key={ip}>{ip}</Code>
              ))}
            </Group>
          ) : (
            none
          )}
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text fw={600} size="sm" mb="xs">
            {t('details.tags')}
          </Text>
          <Group gap={6}>
            <TagsEditor vm={vm} size="sm" />
          </Group>
          <Text fw={600} size="sm" mt="md" mb="xs">
            {t('details.owner')}
          </Text>
          <OwnerEditor vm={vm} />
        </Card>
      </SimpleGrid>

      <Card withBorder radius="md" padding="md">
        <Text fw={600} size="sm" mb="xs">
          {t('details.notes')}
        </Text>
        <NotesEditor vm={vm} />
      </Card>

      <Card withBorder radius="md" padding="md">
        <Text fw={600} size="sm" mb="xs">
          {t('details.disks')}
        </Text>
        {vm.disks.length ? (
          <Table striped highlightOnHover fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('details.target')}</Table.Th>
                <Table.Th>{t('details.type')}</Table.Th>
                <Table.Th>{t('details.source')}</Table.Th>
                <Table.Th>{t('details.format')}</Table.Th>
                <Table.Th>{t('details.bus')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {vm.disks.map((d) => (
                <Table.Tr key={d.target}>
                  <Table.Td ff="monospace">{d.target}</Table.Td>
                  <Table.Td>{d.device}</Table.Td>
                  <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {d.source ?? '—'}
                  </Table.Td>
                  <Table.Td>{d.format ?? '—'}</Table.Td>
                  <Table.Td>{d.bus ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          none
        )}
      </Card>

      <Card withBorder radius="md" padding="md">
        <Text fw={600} size="sm" mb="xs">
          {t('details.nics')}
        </Text>
        {vm.nics.length ? (
          <Table striped highlightOnHover fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('details.mac')}</Table.Th>
                <Table.Th>{t('details.type')}</Table.Th>
                <Table.Th>{t('details.source')}</Table.Th>
                <Table.Th>{t('details.model')}</Table.Th>
                <Table.Th>{t('details.ips')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {vm.nics.map((n) => (
                <Table.Tr key={n.mac}>
                  <Table.Td ff="monospace">{n.mac}</Table.Td>
                  <Table.Td>{n.type}</Table.Td>
                  <Table.Td>{n.source ?? '—'}</Table.Td>
                  <Table.Td>{n.model ?? '—'}</Table.Td>
                  <Table.Td ff="monospace">{n.ips.join(', ') || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          none
        )}
      </Card>
    </Stack>
  );
}
