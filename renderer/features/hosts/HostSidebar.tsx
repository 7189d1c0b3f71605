// The host list: "all hosts", each host with live status and VM count, per-host test/remove, "add host", and the
// saved views of the VM table.
import { Button, Group, Menu, NavLink, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconKey, IconPencil, IconPlugConnected, IconPlus, IconRefresh, IconServer2, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { HostInfo } from '../../../shared/model/host.js';
import { useConfirm } from '../../app/confirm.js';
import { relativeTime } from '../../app/format.js';
import { useLanguage, useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { ItemMenu } from '../../app/ItemMenu.js';
import { notifications } from '@mantine/notifications';
import { sortedHosts, useHosts } from '../../state/hosts-slice.js';
import { reloadHostLists } from '../../state/resource-refresh.js';
import { useUi } from '../../state/ui-slice.js';
import { useVms } from '../../state/vms-slice.js';
import { GrantsDialog } from '../grants/GrantsDialog.js';
import { SavedViewsNav } from '../vms/SavedViewsNav.js';
import { AddHostWizard } from './AddHostWizard.js';
import { withHint } from './connection-hint.js';
import { HostStatusDot } from './HostStatusDot.js';
import { LocalHostOffer } from './LocalHostOffer.js';

function useVmCounts(): Readonly<Record<string, number>> {
  const byKey = useVms((s) => s.byKey);
  return useMemo(() => {
    const counts: Record<string, number> = {};
    for (const vm of Object.values(byKey)) counts[vm.host] = (counts[vm.host] ?? 0) + 1;
    return counts;
  }, [byKey]);
}

function HostItem({ host, count, onEdit }: { host: HostInfo; count: number; onEdit: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const active = useUi((s) => s.hostFilter === host.name);
  const setHostFilter = useUi((s) => s.setHostFilter);
  const testHost = useHosts((s) => s.test);
  const removeHost = useHosts((s) => s.remove);
  const refreshHost = useVms((s) => s.refreshHost);
  const [dialog, confirm] = useConfirm();
  const [grants, setGrants] = useState(false);
  const statusText = t(`host.status.${host.status}`);
  const subtitle =
    host.status === 'online'
      ? `${host.hostname ?? host.ssh?.host ?? ''}${host.libvirtVersion ? ` · libvirt ${host.libvirtVersion}` : ''}`
      : t('host.since', { status: statusText, time: relativeTime(lang, host.statusSince) });

  const runTest = async () => {
    const r = await withToast(t('host.test'), () => testHost(host.name));
    if (!r) return;
    notifications.show(
      r.ok
        ? {
            color: 'teal',
            message: t('host.testOk', {
              host: host.name,
              hostname: r.hostname ?? '?',
              version: r.libvirtVersion ?? '?',
              ms: Math.round(r.latencyMs ?? 0),
              channel: r.channel ?? '?',
            }),
          }
        : { color: 'red', message: t('host.testFailed', { host: host.name, error: r.error ? withHint(t, r.error) : '?' }) },
    );
  };

  return (
    <>
      <NavLink
        active={active}
        onClick={() => setHostFilter(active ? null : host.name)}
        data-testid={`host-item-${host.name}`}
        data-status={host.status}
        label={
          <Group gap={8} wrap="nowrap">
            <HostStatusDot status={host.status} />
            <Text size="sm" fw={500} truncate>
              {host.name}
            </Text>
            {host.ignoredSshSettings?.length ? (
              <Tooltip
                label={host.ignoredSshSettings.map((i) => t('host.sshIgnored', { setting: i.setting, where: `${i.file}:${i.line}` })).join('\n')}
                multiline
                w={320}
                style={{ whiteSpace: 'pre-line' }}
              >
                <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" data-testid="host-ssh-ignored" />
              </Tooltip>
            ) : null}
          </Group>
        }
        description={
          <Tooltip label={host.lastError ? withHint(t, host.lastError) : statusText} disabled={!host.lastError} multiline w={280}>
            <Text size="xs" c={host.status === 'offline' ? 'red' : 'dimmed'} truncate>
              {subtitle}
            </Text>
          </Tooltip>
        }
        rightSection={
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {count}
            </Text>
            <ItemMenu label={t('host.menu')} testId="host-menu">
              <Menu.Item leftSection={<IconPlugConnected size={16} />} onClick={() => void runTest()} data-testid="host-test">
                {t('host.test')}
              </Menu.Item>
              {host.transport === 'ssh' && (
                <Menu.Item leftSection={<IconPencil size={16} />} onClick={onEdit} data-testid="host-edit">
                  {t('host.edit')}
                </Menu.Item>
              )}
              <Menu.Item
                leftSection={<IconRefresh size={16} />}
                disabled={host.status !== 'online'}
                onClick={() => {
                  reloadHostLists(host.name);
                  void withToast(t('host.refresh'), () => refreshHost(host.name));
                }}
                data-testid="host-refresh"
              >
                {t('host.refresh')}
              </Menu.Item>
              <Menu.Item leftSection={<IconKey size={16} />} disabled={host.status !== 'online'} onClick={() => setGrants(true)} data-testid="host-grants">
                {t('grant.manage')}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={16} />}
                data-testid="host-remove"
                onClick={async () => {
                  const ok = await confirm({ body: t('host.removeConfirm', { host: host.name }), confirmLabel: t('host.remove'), danger: true });
                  if (ok) await withToast(t('host.remove'), () => removeHost(host.name));
                }}
              >
                {t('host.remove')}
              </Menu.Item>
            </ItemMenu>
          </Group>
        }
      />
      {dialog}
      {grants && <GrantsDialog scope={{ host: host.name }} title={t('grant.listHost', { host: host.name })} onClose={() => setGrants(false)} />}
    </>
  );
}

export function HostSidebar() {
  const t = useT();
  const byName = useHosts((s) => s.byName);
  const loaded = useHosts((s) => s.loaded);
  const hosts = useMemo(() => sortedHosts(byName), [byName]);
  const counts = useVmCounts();
  const hostFilter = useUi((s) => s.hostFilter);
  const setHostFilter = useUi((s) => s.setHostFilter);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const adding = useUi((s) => s.addingHost);
  const [editing, setEditing] = useState<HostInfo | null>(null);
  const setAdding = useUi((s) => s.setAddingHost);
  return (
    <Stack gap={0} h="100%">
      <Group justify="space-between" px="md" pt="md" pb="xs">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {t('host.hosts')}
        </Text>
      </Group>
      <ScrollArea style={{ flex: 1 }} px="xs">
        <NavLink
          active={hostFilter === null}
          onClick={() => setHostFilter(null)}
          leftSection={<IconServer2 size={16} />}
          label={<Text size="sm" fw={500}>{t('host.all')}</Text>}
          rightSection={
            <Text size="xs" c="dimmed">
              {total}
            </Text>
          }
          data-testid="host-item-all"
        />
        {hosts.map((h) => (
          <HostItem key={h.name} host={h} count={counts[h.name] ?? 0} onEdit={() => setEditing(h)} />
        ))}
        {hosts.length === 0 && loaded && (
          <>
            <LocalHostOffer />
            <Text size="sm" c="dimmed" p="md">
              {t('host.none')}
            </Text>
          </>
        )}
        <SavedViewsNav />
      </ScrollArea>
      <div style={{ padding: 12, borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <Button fullWidth variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="add-host">
          {t('host.add')}
        </Button>
      </div>
      {adding && <AddHostWizard onClose={() => setAdding(false)} />}
      {/* Here, not in the host's item: a renamed host's item goes away while its wizard still shows the outcome. */}
      {editing && <AddHostWizard editing={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
