// vCPUs and memory: config (and live, when it differs) with the form that changes them.
import { Button, Card, Group, NumberInput, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { HardwareView } from '../../../../shared/model/hardware.js';
import type { VmRef } from '../../../../shared/model/vm.js';
import { useT } from '../../../app/i18n/index.js';
import { withToast } from '../../../app/notify.js';
import { useHardware } from '../../../state/hardware-slice.js';
import { PendingBadge } from './ChangeNotice.js';
import { liveDiffers } from './pending.js';

type Field = 'vcpus' | 'maxVcpus' | 'memoryMiB' | 'maxMemoryMiB';
const FIELDS: Field[] = ['vcpus', 'maxVcpus', 'memoryMiB', 'maxMemoryMiB'];

export function ResourcesCard({ vmRef, view }: { vmRef: VmRef; view: HardwareView }) {
  const t = useT();
  const change = useHardware((s) => s.change);
  const [form, setForm] = useState<Record<Field, number>>(() => ({ ...view.config }));
  const asked = Object.fromEntries(FIELDS.filter((f) => form[f] !== view.config[f]).map((f) => [f, form[f]]));
  return (
    <Card withBorder radius="md" padding="md" data-testid="hw-resources">
      <Title order={5} mb="sm">
        {t('hw.resources')}
      </Title>
      <Group align="flex-end" gap="md">
        {FIELDS.map((f) => {
          const live = liveDiffers(view, (s) => s[f]);
          return (
            <div key={f}>
              <NumberInput
                label={t(`hw.field.${f}`)}
                min={1}
                w={150}
                value={form[f]}
                onChange={(v) => setForm({ ...form, [f]: typeof v === 'number' ? v : Number(v) || 1 })}
                data-testid={`hw-${f}`}
              />
              <Text size="xs" c="dimmed" h={18}>
                {live !== null && (
                  <>
                    {t('hw.liveNow', { value: String(live) })} <PendingBadge kind="next-boot" />
                  </>
                )}
              </Text>
            </div>
          );
        })}
        <Button
          mb={18}
          disabled={Object.keys(asked).length === 0}
          onClick={() => void withToast(t('hw.failed'), () => change('vms.setResources', { ref: vmRef, ...asked }))}
          data-testid="hw-resources-apply"
        >
          {t('hw.apply')}
        </Button>
      </Group>
    </Card>
  );
}
