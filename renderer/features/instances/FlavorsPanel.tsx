// Flavors: named sizes (vCPU, memory, disk) shared by every host; add one or change one in place.
import { Button, Group, NumberInput, Stack, Table, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Flavor } from '../../../shared/model/instance.js';
import { formatBytes, formatMiB } from '../../app/format.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { SizeInput } from '../../app/SizeInput.js';
import { useInstances } from '../../state/instances-slice.js';

export function FlavorsPanel() {
  const t = useT();
  const flavors = useInstances((s) => s.flavors);
  const { loadFlavors, putFlavor } = useInstances.getState();
  const [edit, setEdit] = useState<Flavor>({ name: '', vcpus: 1, memoryMiB: 1024, diskBytes: 10 * 2 ** 30 });
  useEffect(() => void withToast(t('flavor.loadFailed'), loadFlavors), [loadFlavors, t]);
  return (
    <Stack gap="sm" data-testid="flavors-panel">
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.name')}</Table.Th>
            <Table.Th>{t('flavor.vcpus')}</Table.Th>
            <Table.Th>{t('flavor.memory')}</Table.Th>
            <Table.Th>{t('flavor.disk')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {flavors.map((f) => (
            <Table.Tr key={f.name} onClick={() => setEdit(f)} style={{ cursor: 'pointer' }} data-testid={`flavor-row-${f.name}`}>
              <Table.Td>{f.name}</Table.Td>
              <Table.Td>{f.vcpus}</Table.Td>
              <Table.Td>{formatMiB(f.memoryMiB)}</Table.Td>
              <Table.Td>{formatBytes(f.diskBytes)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="flex-end" gap="xs">
        <TextInput label={t('common.name')} value={edit.name} onChange={(e) => setEdit({ ...edit, name: e.currentTarget.value })} w={140} data-testid="flavor-name" />
        <NumberInput label={t('flavor.vcpus')} value={edit.vcpus} min={1} onChange={(v) => setEdit({ ...edit, vcpus: Number(v) || 1 })} w={90} data-testid="flavor-vcpus" />
        <NumberInput label={t('flavor.memoryMiB')} value={edit.memoryMiB} min={32} step={256} onChange={(v) => setEdit({ ...edit, memoryMiB: Number(v) || 32 })} w={130} data-testid="flavor-memory" />
        <SizeInput label={t('flavor.disk')} value={edit.diskBytes} onChange={(b) => setEdit({ ...edit, diskBytes: b ?? 0 })} testId="flavor-disk" />
        <Button disabled={!edit.name.trim()} onClick={() => void withToast(t('flavor.save'), () => putFlavor({ ...edit, name: edit.name.trim() }))} data-testid="flavor-save">
          {t('flavor.save')}
        </Button>
      </Group>
    </Stack>
  );
}
