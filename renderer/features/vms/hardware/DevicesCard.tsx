// Graphics (VNC), serial console, guest agent and clipboard channels: present or not (graphics and serial from the
// next boot).
import { Button, Card, Group, SegmentedControl, Switch, Title } from '@mantine/core';
import { useState } from 'react';
import type { HardwareView } from '../../../../shared/model/hardware.js';
import type { VmRef } from '../../../../shared/model/vm.js';
import { useT } from '../../../app/i18n/index.js';
import { withToast } from '../../../app/notify.js';
import { useHardware } from '../../../state/hardware-slice.js';
import { PendingBadge } from './ChangeNotice.js';
import { liveDiffers } from './pending.js';

export function DevicesCard({ vmRef, view }: { vmRef: VmRef; view: HardwareView }) {
  const t = useT();
  const change = useHardware((s) => s.change);
  const [graphics, setGraphics] = useState<'vnc' | 'none'>(view.config.graphics.includes('vnc') ? 'vnc' : 'none');
  const [serial, setSerial] = useState(view.config.serial);
  const [agent, setAgent] = useState(view.config.agent);
  const [clipboard, setClipboard] = useState(view.config.clipboard);
  const pending = liveDiffers(view, (s) => [s.graphics, s.video, s.serial, s.agent, s.clipboard]) !== null;
  return (
    <Card withBorder radius="md" padding="md" data-testid="hw-devices">
      <Title order={5} mb="sm">
        {t('hw.devices')} {pending && <PendingBadge kind="next-boot" />}
      </Title>
      <Group align="center" gap="lg">
        <SegmentedControl
          value={graphics}
          onChange={(v) => setGraphics(v as 'vnc' | 'none')}
          data={[
            { value: 'vnc', label: t('hw.devices.vnc') },
            { value: 'none', label: t('hw.devices.noGraphics') },
          ]}
          data-testid="hw-devices-graphics"
        />
        <Switch label={t('hw.devices.serial')} checked={serial} onChange={(e) => setSerial(e.currentTarget.checked)} data-testid="hw-devices-serial" />
        <Switch label={t('hw.devices.agent')} checked={agent} onChange={(e) => setAgent(e.currentTarget.checked)} data-testid="hw-devices-agent" />
        <Switch label={t('hw.devices.clipboard')} checked={clipboard} onChange={(e) => setClipboard(e.currentTarget.checked)} data-testid="hw-devices-clipboard" />
        <Button
          onClick={() => void withToast(t('hw.failed'), () => change('vms.setDevices', { ref: vmRef, graphics, serial, agent, clipboard }))}
          data-testid="hw-devices-apply"
        >
          {t('hw.apply')}
        </Button>
      </Group>
    </Card>
  );
}
