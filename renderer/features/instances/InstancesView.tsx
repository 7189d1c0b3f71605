// Cloud-init instances on one host: image library, flavors, IPAM per network, the launch wizard and New VM.
import { Button, Group, ScrollArea, SegmentedControl, Stack, Title } from '@mantine/core';
import { IconPlus, IconRocket } from '@tabler/icons-react';
import { useState } from 'react';
import { HostPicker } from '../../app/HostPicker.js';
import { useT } from '../../app/i18n/index.js';
import { FlavorsPanel } from './FlavorsPanel.js';
import { ImagesPanel } from './ImagesPanel.js';
import { IpamPanel } from './IpamPanel.js';
import { NewVmWizard } from '../vms/NewVmWizard.js';
import { LaunchWizard } from './LaunchWizard.js';

type Section = 'images' | 'flavors' | 'ipam';

export function InstancesView() {
  const t = useT();
  const [host, setHost] = useState<string | null>(null);
  const [section, setSection] = useState<Section>('images');
  const [launching, setLaunching] = useState(false);
  const [creating, setCreating] = useState(false);
  return (
    <ScrollArea h="100%" data-testid="instances-view">
      <Stack p="md" gap="md">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={4}>{t('instances.title')}</Title>
            <HostPicker value={host} onChange={setHost} testId="instances-host" />
            <SegmentedControl
              size="xs"
              value={section}
              onChange={(v) => setSection(v as Section)}
              data={[
                { value: 'images', label: t('instances.images') },
                { value: 'flavors', label: t('instances.flavors') },
                { value: 'ipam', label: t('instances.ipam') },
              ]}
              data-testid="instances-section"
            />
          </Group>
          <Group gap="xs">
            <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} disabled={!host} onClick={() => setCreating(true)} data-testid="newvm-open">
              {t('newvm.open')}
            </Button>
            <Button size="xs" leftSection={<IconRocket size={14} />} disabled={!host} onClick={() => setLaunching(true)} data-testid="launch-open">
              {t('launch.open')}
            </Button>
          </Group>
        </Group>
        {host && section === 'images' && <ImagesPanel host={host} />}
        {section === 'flavors' && <FlavorsPanel />}
        {host && section === 'ipam' && <IpamPanel host={host} />}
      </Stack>
      {launching && host && <LaunchWizard host={host} onClose={() => setLaunching(false)} />}
      {creating && host && <NewVmWizard host={host} onClose={() => setCreating(false)} />}
    </ScrollArea>
  );
}
