// Last minute of CPU % for one VM; subscribes to its own stats series only.
import { Group, Text } from '@mantine/core';
import { useStats } from '../../state/stats-slice.js';

const POINTS = 60;
const W = 64;
const H = 18;

export function CpuSparkline({ vmKey, active }: { vmKey: string; active: boolean }) {
  const series = useStats((s) => s.series[vmKey]);
  if (!series || !active) {
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  }
  const samples = series.history.toArray().slice(-POINTS);
  const pts: string[] = [];
  const offset = POINTS - samples.length;
  samples.forEach((s, i) => {
    if (s.cpuPct === null) return;
    const x = ((offset + i) / (POINTS - 1)) * W;
    const y = H - 1 - (s.cpuPct / 100) * (H - 2);
    pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  const pct = series.latest.cpuPct;
  return (
    <Group gap={6} wrap="nowrap" data-testid="cpu-cell">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden>
        <polyline points={pts.join(' ')} fill="none" stroke="var(--mantine-color-indigo-5)" strokeWidth={1.5} strokeLinejoin="round" />
      </svg>
      <Text size="xs" ff="monospace" w={42} ta="right">
        {pct === null ? '—' : `${pct.toFixed(pct < 10 ? 1 : 0)}%`}
      </Text>
    </Group>
  );
}
