// Recorded history of a host or VM over 1 h / 1 d / 30 d (the core picks the tier), reloaded every 10 s.
import { SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import type { MetricHistory } from '../../../shared/model/metrics.js';
import { formatBytes, formatRate } from '../../app/format.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { HISTORY_RANGES, type HistoryRange, historyKey, useMonitor } from '../../state/monitor-slice.js';
import { type ChartLine, UPlotChart } from './UPlotChart.js';

const RELOAD_MS = 10_000;
const pct = (v: number): string => `${v.toFixed(0)}%`;
const kib = (v: number): string => formatBytes(v * 1024);

/** Column `i` of the points (1 cpu, 2 memory, 3 disk, 4 net). */
const column = (h: MetricHistory | undefined, i: 1 | 2 | 3 | 4): (number | null)[] => h?.points.map((p) => p[i]) ?? [];

export function HistoryChart({ host, vm, testId }: { host: string; vm: string | null; testId: string }) {
  const t = useT();
  const [range, setRange] = useState<HistoryRange>('1h');
  const history = useMonitor((s) => s.histories[historyKey(host, vm, range)]);
  const load = useMonitor((s) => s.loadHistory);

  useEffect(() => {
    const reload = () => void withToast(t('monitor.historyFailed'), () => load(host, vm, range));
    reload();
    const timer = setInterval(reload, RELOAD_MS);
    return () => clearInterval(timer);
  }, [host, vm, range, load, t]);

  const times = useMemo(() => history?.points.map((p) => p[0]) ?? [], [history]);
  const cpu = useMemo<uPlot.AlignedData>(() => [times, column(history, 1)], [times, history]);
  const mem = useMemo<uPlot.AlignedData>(() => [times, column(history, 2)], [times, history]);
  const io = useMemo<uPlot.AlignedData>(() => [times, column(history, 3), column(history, 4)], [times, history]);
  const lines = useMemo(
    () => ({
      cpu: [{ label: t('graph.cpu'), color: '#5c7cfa' }] as ChartLine[],
      mem: [{ label: t('graph.memory'), color: '#be4bdb' }] as ChartLine[],
      io: [
        { label: t('graph.disk'), color: '#12b886' },
        { label: t('graph.net'), color: '#15aabf' },
      ] as ChartLine[],
    }),
    [t],
  );
  const common = { emptyText: t('monitor.noHistory'), timeLabel: t('monitor.time') };
  return (
    <Stack gap="xs" data-testid={testId} data-range={range} data-step={history?.step ?? 0}>
      <SegmentedControl
        size="xs"
        w="fit-content"
        value={range}
        onChange={(v) => setRange(v as HistoryRange)}
        data={(Object.keys(HISTORY_RANGES) as HistoryRange[]).map((r) => ({ value: r, label: t(`monitor.range.${r}`) }))}
        data-testid={`${testId}-range`}
      />
      {history && history.step > 0 && (
        <Text size="xs" c="dimmed">
          {t('monitor.step', { seconds: history.step })}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
        <UPlotChart title={t('graph.cpu')} testId={`${testId}-cpu`} lines={lines.cpu} data={cpu} format={pct} {...common} />
        <UPlotChart title={t('graph.memory')} testId={`${testId}-mem`} lines={lines.mem} data={mem} format={kib} {...common} />
        <UPlotChart title={t('monitor.io')} testId={`${testId}-io`} lines={lines.io} data={io} format={formatRate} {...common} />
      </SimpleGrid>
    </Stack>
  );
}
