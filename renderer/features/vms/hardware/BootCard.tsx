// Boot order by kind or per device, and menu (from the next boot); the VM's name (a shut-off VM can be renamed).
import { Button, Card, Group, MultiSelect, SegmentedControl, Switch, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { BOOT_DEVICES, type BootDevice, type HardwareView } from '../../../../shared/model/hardware.js';
import type { VmInfo } from '../../../../shared/model/vm.js';
import { useT } from '../../../app/i18n/index.js';
import { withToast } from '../../../app/notify.js';
import { useHardware } from '../../../state/hardware-slice.js';
import { refOf, useVms } from '../../../state/vms-slice.js';
import { PendingBadge } from './ChangeNotice.js';
import { liveDiffers } from './pending.js';

export function BootCard({ vm, view }: { vm: VmInfo; view: HardwareView }) {
  const t = useT();
  const change = useHardware((s) => s.change);
  const rename = useVms((s) => s.rename);
  const [order, setOrder] = useState<string[]>(view.config.boot);
  // Per device (<boot order=N/> on disks and NICs) or by kind (<os><boot>): libvirt takes one or the other.
  const [perDevice, setPerDevice] = useState(view.config.bootOrder.length > 0);
  const [devices, setDevices] = useState<string[]>(view.config.bootOrder);
  const [menu, setMenu] = useState(view.config.bootMenu);
  const bootables = [
    ...view.config.disks.map((d) => ({ value: d.target, label: `${d.target} (${d.device})` })),
    ...view.config.nics.map((n) => ({ value: n.mac, label: `${n.mac} (${n.source ?? n.type})` })),
  ];
  const boot = perDevice ? { deviceOrder: devices } : { order: order as BootDevice[] };
  const [name, setName] = useState(vm.name);
  const pending = liveDiffers(view, (s) => [s.boot, s.bootOrder, s.bootMenu]) !== null;
  return (
    <Card withBorder radius="md" padding="md" data-testid="hw-boot">
      <Title order={5} mb="sm">
        {t('hw.boot')} {pending && <PendingBadge kind="next-boot" />}
      </Title>
      <SegmentedControl
        mb="sm"
        value={perDevice ? 'device' : 'kind'}
        onChange={(v) => setPerDevice(v === 'device')}
        data={[
          { value: 'kind', label: t('hw.boot.byKind') },
          { value: 'device', label: t('hw.boot.perDevice') },
        ]}
        data-testid="hw-boot-mode"
      />
      <Group align="flex-end" gap="md">
        {perDevice ? (
          <MultiSelect label={t('hw.boot.order')} data={bootables} value={devices} onChange={setDevices} w={320} data-testid="hw-boot-devices" />
        ) : (
          <MultiSelect
            label={t('hw.boot.order')}
            data={BOOT_DEVICES.map((d) => ({ value: d, label: t(`hw.boot.${d}`) }))}
            value={order}
            onChange={setOrder}
            w={320}
            data-testid="hw-boot-order"
          />
        )}
        <Switch label={t('hw.boot.menu')} checked={menu} onChange={(e) => setMenu(e.currentTarget.checked)} mb={8} data-testid="hw-boot-menu" />
        <Button
          disabled={(perDevice ? devices : order).length === 0}
          onClick={() => void withToast(t('hw.failed'), () => change('vms.setBoot', { ref: refOf(vm), ...boot, menu }))}
          data-testid="hw-boot-apply"
        >
          {t('hw.apply')}
        </Button>
      </Group>
      <Group align="flex-end" gap="md" mt="md">
        <TextInput
          label={t('hw.rename')}
          description={view.running ? t('hw.renameShutOff') : undefined}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          disabled={view.running}
          w={320}
          data-testid="hw-rename"
        />
        <Button
          variant="default"
          disabled={view.running || name.trim() === '' || name === vm.name}
          onClick={() => void withToast(t('hw.failed'), () => rename(refOf(vm), name.trim()))}
          data-testid="hw-rename-apply"
        >
          {t('hw.renameApply')}
        </Button>
      </Group>
    </Card>
  );
}
