// A small SVG time-series chart: one or two lines over a fixed time window, with the current values in the legend.
import { Group, Paper, Text } from '@mantine/core';

export interface Line {
  label: string;
  color: string;
  /** [epoch ms, value] points; null values break the line. */
  points: readonly (readonly [number, number | null])[];
}

const W = 560;
const H = 140;
const PAD_TOP = 8;

function path(points: Line['points'], t0: number, windowMs: number, max: number): string {
  let d = '';
  let pen = false;
  for (const [t, v] of points) {
    if (v === null) {
      pen = false;
      continue;
    }
    const x = ((t - t0) / windowMs) * W;
    const y = H - (v / max) * (H - PAD_TOP);
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

export function LineChart(props: {
  title: string;
  lines: readonly Line[];
  now: number;
  windowMs: number;
  /** Fixed top of the scale (e.g. 100 for %); otherwise the window's maximum. */
  max?: number;
  format: (v: number) => string;
  emptyText: string;
  testId: string;
}) {
  const { lines, now, windowMs, format } = props;
  const t0 = now - windowMs;
  const observed = Math.max(0, ...lines.flatMap((l) => l.points.map(([, v]) => v ?? 0)));
  const max = props.max ?? (observed > 0 ? observed * 1.15 : 1);
  const hasData = lines.some((l) => l.points.some(([, v]) => v !== null));
  return (
    <Paper withBorder p="sm" radius="md" data-testid={props.testId}>
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={600}>
          {props.title}
        </Text>
        <Group gap="md">
          {lines.map((l) => {
            const last = [...l.points].reverse().find(([, v]) => v !== null)?.[1] ?? null;
            return (
              <Group gap={6} key={l.label}>
                <span style={{ width: 10, height: 3, borderRadius: 2, background: l.color, display: 'inline-block' }} />
                <Text size="xs" c="dimmed">
                  {l.label}
                </Text>
                <Text size="xs" ff="monospace" fw={600}>
                  {last === null ? '—' : format(last)}
                </Text>
              </Group>
            );
          })}
        </Group>
      </Group>
      <div style={{ position: 'relative' }}>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" style={{ width: '100%', height: H, display: 'block' }}>
          {[0.25, 0.5, 0.75].map((f) => (
            <line key={f} x1={0} x2={W} y1={H - f * (H - PAD_TOP)} y2={H - f * (H - PAD_TOP)} stroke="var(--mantine-color-default-border)" strokeDasharray="3 4" />
          ))}
          <line x1={0} x2={W} y1={H - 0.5} y2={H - 0.5} stroke="var(--mantine-color-default-border)" />
          {lines.map((l, i) => {
            const d = path(l.points, t0, windowMs, max);
            return (
              <g key={l.label}>
                {i === 0 && d && (
                  <path d={`${d}L${W},${H}L${((Math.max(t0, l.points[0]?.[0] ?? t0) - t0) / windowMs) * W},${H}Z`} fill={l.color} opacity={0.12} />
                )}
                <path d={d} fill="none" stroke={l.color} strokeWidth={1.6} vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
              </g>
            );
          })}
        </svg>
        <Text size="10px" c="dimmed" style={{ position: 'absolute', top: 0, left: 4 }}>
          {format(max)}
        </Text>
        {!hasData && (
          <Text size="sm" c="dimmed" style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center' }}>
            {props.emptyText}
          </Text>
        )}
      </div>
    </Paper>
  );
}
