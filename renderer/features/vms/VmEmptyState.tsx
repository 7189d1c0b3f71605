// What the VM list shows when it has no rows, centred, with the one next step: add a host, launch a VM, or clear
// the filter.
import { Button, Center, Stack, Text } from '@mantine/core';
import { IconFilterOff, IconPlus, IconRocket } from '@tabler/icons-react';
import { useT } from '../../app/i18n/index.js';
import { useHosts } from '../../state/hosts-slice.js';
import { INSTANCES_TAB, useUi } from '../../state/ui-slice.js';

export function VmEmptyState({ total }: { total: number }) {
  const t = useT();
  const hosts = useHosts((s) => Object.keys(s.byName).length);
  const setAddingHost = useUi((s) => s.setAddingHost);
  const activate = useUi((s) => s.activate);
  const setQuery = useUi((s) => s.setQuery);
  const [text, action] =
    hosts === 0
      ? [t('vm.noHosts'), <Button key="a" leftSection={<IconPlus size={16} />} onClick={() => setAddingHost(true)} data-testid="empty-add-host">{t('host.add')}</Button>]
      : total === 0
        ? [t('vm.noVms'), <Button key="l" leftSection={<IconRocket size={16} />} onClick={() => activate(INSTANCES_TAB)} data-testid="empty-launch">{t('launch.open')}</Button>]
        : [t('vm.empty'), <Button key="c" variant="light" leftSection={<IconFilterOff size={16} />} onClick={() => setQuery('')} data-testid="empty-clear-filter">{t('vm.clearFilter')}</Button>];
  return (
    <Center mih={280} h="100%" data-testid="vm-empty">
      <Stack align="center" gap="md">
        <Text c="dimmed" ta="center">
          {text}
        </Text>
        {action}
      </Stack>
    </Center>
  );
}
