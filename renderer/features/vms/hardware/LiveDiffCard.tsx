// A running VM's live definition next to the one it boots with next: what a restart will change, shown before
// anything more is applied.
import { Card, Table, Text, Title } from '@mantine/core';
import { hwDiff } from '../../../../shared/model/hardware-diff.js';
import type { HardwareView } from '../../../../shared/model/hardware.js';
import { useT } from '../../../app/i18n/index.js';

export function LiveDiffCard({ view }: { view: HardwareView }) {
  const t = useT();
  if (!view.live) return null;
  const rows = hwDiff(view.live, view.config);
  return (
    <Card withBorder radius="md" padding="md" data-testid="hw-live-diff" data-rows={rows.length}>
      <Title order={5} mb="sm">
        {t('hw.diff.title')}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('hw.diff.none')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('hw.diff.field')}</Table.Th>
              <Table.Th>{t('hw.diff.now')}</Table.Th>
              <Table.Th>{t('hw.diff.next')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.field}/${r.item ?? ''}`} data-testid={`hw-diff-${r.field}`}>
                <Table.Td>
                  {t(`hw.diff.field.${r.field}`)}
                  {r.item !== null && ` ${r.item}`}
                </Table.Td>
                <Table.Td>{r.now ?? t('hw.diff.absent')}</Table.Td>
                <Table.Td>{r.next ?? t('hw.diff.absent')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
