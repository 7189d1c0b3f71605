// Live CPU, memory, disk and network graphs of one VM from the stats slice (a few minutes of history).
import { SimpleGrid, Text } from '@mantine/core';
import { formatBytes, formatRate } from '../../app/format.js';
import { useT } from '../../app/i18n/index.js';
import type { StatSample } from '../../state/rates.js';
import { useShallow } from 'zustand/react/shallow';
import { HISTORY_SAMPLES, useStats } from '../../state/stats-slice.js';
import { useVms } from '../../state/vms-slice.js';
import { LineChart, type Line } from './LineChart.js';

const WINDOW_MS = HISTORY_SAMPLES * 1000;

function series(samples: readonly StatSample[], pick: (s: StatSample) => number | null): Line['points'] {
  return samples.map((s) => [s.at, pick(s)] as const);
}

export function VmGraphs({ vmKey }: { vmKey: string }) {
  const t = useT();
  const s = useStats((st) => st.series[vmKey]);
  const samples = s ? s.history.toArray() : [];
  const now = s ? s.latest.at : Date.now();
  const memMax = s?.latest.memTotalKiB ? s.latest.memTotalKiB * 1024 : undefined;
  const common = { now, windowMs: WINDOW_MS, emptyText: t('graph.noData') };
  // A VM without disks or NICs never gets those samples: say so instead of waiting.
  const devices = useVms(useShallow((st) => ({ disks: st.byKey[vmKey]?.disks.length ?? 1, nics: st.byKey[vmKey]?.nics.length ?? 1 })));
  return (
    <>
      <Text size="xs" c="dimmed" mb="xs">
        {t('graph.window', { minutes: WINDOW_MS / 60_000 })}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <LineChart
          {...common}
          testId="graph-cpu"
          title={t('graph.cpu')}
          max={100}
          format={(v) => `${v.toFixed(1)}%`}
          lines={[{ label: t('graph.cpu'), color: 'var(--mantine-color-indigo-5)', points: series(samples, (x) => x.cpuPct) }]}
        />
        <LineChart
          {...common}
          testId="graph-memory"
          title={t('graph.memory')}
          max={memMax}
          format={formatBytes}
          lines={[
            {
              label: t('graph.memory'),
              color: 'var(--mantine-color-grape-5)',
              points: series(samples, (x) => (x.memUsedKiB === null ? null : x.memUsedKiB * 1024)),
            },
          ]}
        />
        <LineChart
          {...common}
          testId="graph-disk"
          {...(devices.disks === 0 ? { emptyText: t('graph.noDisks') } : {})}
          title={t('graph.disk')}
          format={formatRate}
          lines={[
            { label: t('graph.read'), color: 'var(--mantine-color-teal-5)', points: series(samples, (x) => x.diskReadBps) },
            { label: t('graph.write'), color: 'var(--mantine-color-orange-5)', points: series(samples, (x) => x.diskWriteBps) },
          ]}
        />
        <LineChart
          {...common}
          testId="graph-net"
          {...(devices.nics === 0 ? { emptyText: t('graph.noNics') } : {})}
          title={t('graph.net')}
          format={formatRate}
          lines={[
            { label: t('graph.rx'), color: 'var(--mantine-color-cyan-5)', points: series(samples, (x) => x.netRxBps) },
            { label: t('graph.tx'), color: 'var(--mantine-color-pink-5)', points: series(samples, (x) => x.netTxBps) },
          ]}
        />
      </SimpleGrid>
    </>
  );
}
