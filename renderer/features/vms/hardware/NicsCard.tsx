// Network interfaces of both definitions: link up/down, remove, add on a libvirt network or a host bridge, move.
import { Button, Card, Group, Select, Switch, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { NIC_MODELS, type HardwareView, type HwNic, type NicModel } from '../../../../shared/model/hardware.js';
import type { VmRef } from '../../../../shared/model/vm.js';
import { useT } from '../../../app/i18n/index.js';
import { withToast } from '../../../app/notify.js';
import { useHardware } from '../../../state/hardware-slice.js';
import { PendingBadge } from './ChangeNotice.js';
import { MoveNic, NicSourcePicker, type PickedSource } from './NicSource.js';
import { rowsOf } from './pending.js';

function AddNic({ vmRef }: { vmRef: VmRef }) {
  const t = useT();
  const change = useHardware((s) => s.change);
  const [source, setSource] = useState<PickedSource>(null);
  const [model, setModel] = useState<NicModel>('virtio');
  return (
    <Group align="flex-end" mt="md" gap="sm" data-testid="hw-add-nic">
      <NicSourcePicker host={vmRef.host} onChange={setSource} testId="hw-nic" />
      <Select label={t('hw.nic.model')} data={[...NIC_MODELS]} value={model} onChange={(v) => setModel((v as NicModel) ?? 'virtio')} w={120} />
      <Button
        disabled={!source}
        onClick={() => source && void withToast(t('hw.failed'), () => change('vms.addNic', { ref: vmRef, ...source, model }))}
        data-testid="hw-nic-add"
      >
        {t('hw.nic.add')}
      </Button>
    </Group>
  );
}

export function NicsCard({ vmRef, view }: { vmRef: VmRef; view: HardwareView }) {
  const t = useT();
  const change = useHardware((s) => s.change);
  const rows = rowsOf(view, (s) => s.nics, (n: HwNic) => n.mac);
  return (
    <Card withBorder radius="md" padding="md" data-testid="hw-nics">
      <Title order={5} mb="sm">
        {t('hw.nics')}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('details.mac')}</Table.Th>
            <Table.Th>{t('hw.nic.network')}</Table.Th>
            <Table.Th>{t('hw.nic.model')}</Table.Th>
            <Table.Th>{t('hw.nic.link')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ item: n, presence }) => (
            <Table.Tr key={n.mac} data-testid={`hw-nic-${n.mac}`}>
              <Table.Td ff="monospace">
                {n.mac} {presence !== 'both' && <PendingBadge kind={presence} />}
              </Table.Td>
              <Table.Td>{n.source ?? ''}</Table.Td>
              <Table.Td>{n.model ?? ''}</Table.Td>
              <Table.Td>
                <Switch
                  checked={n.linkUp}
                  onChange={(e) => {
                    const up = e.currentTarget.checked;
                    void withToast(t('hw.failed'), () => change('vms.setNicLink', { ref: vmRef, mac: n.mac, up }));
                  }}
                  data-testid={`hw-nic-link-${n.mac}`}
                />
              </Table.Td>
              <Table.Td>
                {presence !== 'until-restart' && (
                  <Button size="xs" color="red" variant="light" onClick={() => void withToast(t('hw.failed'), () => change('vms.removeNic', { ref: vmRef, mac: n.mac }))} data-testid={`hw-nic-rm-${n.mac}`}>
                    {t('hw.nic.remove')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <AddNic vmRef={vmRef} />
      <MoveNic vmRef={vmRef} nics={view.config.nics} />
    </Card>
  );
}
