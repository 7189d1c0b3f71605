// VMs of every host ranked by CPU, memory, disk or network, from the live stats ticks; a click opens the VM.
import { Anchor, Paper, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { rankTop, TOP_BY, type TopBy, topRow } from '../../../shared/model/top.js';
import { formatBytes, formatRate } from '../../app/format.js';
import { useT } from '../../app/i18n/index.js';
import { useStats } from '../../state/stats-slice.js';
import { useUi } from '../../state/ui-slice.js';
import { useVms } from '../../state/vms-slice.js';

const SHOWN = 10;

export function TopConsumers() {
  const t = useT();
  const [by, setBy] = useState<TopBy>('cpu');
  const series = useStats((s) => s.series);
  const vms = useVms((s) => s.byKey);
  const openTab = useUi((s) => s.openTab);
  const rows = useMemo(() => {
    const all = Object.entries(series).flatMap(([key, s]) => {
      const vm = vms[key];
      return vm ? [{ key, row: topRow(vm.host, vm.uuid, vm.name, s.latest) }] : [];
    });
    const ranked = rankTop(all.map((a) => a.row), by).slice(0, SHOWN);
    return ranked.map((r) => ({ key: `${r.host}/${r.uuid}`, row: r }));
  }, [series, vms, by]);
  const rate = (v: number | null) => (v === null ? '' : formatRate(v));
  return (
    <Paper withBorder p="md" data-testid="top-consumers" data-by={by}>
      <Title order={4} mb="xs">
        {t('monitor.top')}
      </Title>
      <SegmentedControl
        size="xs"
        value={by}
        onChange={(v) => setBy(v as TopBy)}
        data={TOP_BY.map((b) => ({ value: b, label: t(`monitor.by.${b}`) }))}
        data-testid="top-by"
        mb="xs"
      />
      {rows.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('graph.noData')}
        </Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('monitor.col.vm')}</Table.Th>
              <Table.Th>{t('monitor.col.host')}</Table.Th>
              <Table.Th>{t('graph.cpu')}</Table.Th>
              <Table.Th>{t('graph.memory')}</Table.Th>
              <Table.Th>{t('graph.disk')}</Table.Th>
              <Table.Th>{t('graph.net')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ key, row }) => (
              <Table.Tr key={key} data-testid={`top-row-${row.name}`}>
                <Table.Td>
                  <Anchor component="button" size="sm" onClick={() => openTab('vm', key)}>
                    {row.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{row.host}</Table.Td>
                <Table.Td>{row.cpuPct === null ? '' : `${row.cpuPct.toFixed(1)}%`}</Table.Td>
                <Table.Td>{row.memKiB === null ? '' : formatBytes(row.memKiB * 1024)}</Table.Td>
                <Table.Td>{rate(row.diskBps)}</Table.Td>
                <Table.Td>{rate(row.netBps)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
