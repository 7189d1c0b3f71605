// uPlot (canvas, fast with tens of thousands of points) in a React box that follows its container's width.
import { Paper, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartLine {
  label: string;
  color: string;
}

export interface UPlotChartProps {
  title: string;
  testId: string;
  lines: readonly ChartLine[];
  /** [epoch seconds[], then one value array per line]; null values leave gaps. */
  data: uPlot.AlignedData;
  format: (v: number) => string;
  emptyText: string;
  /** The legend's name of the time column. */
  timeLabel: string;
}

const HEIGHT = 160;
/** Axis labels (a canvas cannot read CSS variables): Mantine's dimmed grey, readable on light and dark. */
const AXIS = '#868e96';

export function UPlotChart({ title, testId, lines, data, format, emptyText, timeLabel }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const empty = (data[0]?.length ?? 0) === 0;

  useEffect(() => {
    const el = box.current;
    if (!el || empty) return undefined;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      legend: { show: true },
      scales: { y: { range: (_u, _min, max) => [0, max > 0 ? max : 1] } },
      axes: [{ stroke: AXIS }, { stroke: AXIS, size: 70, values: (_u, ticks) => ticks.map(format) }],
      series: [{ label: timeLabel }, ...lines.map((l) => ({ label: l.label, stroke: l.color, width: 1.5, value: (_u: uPlot, v: number | null) => (v === null ? '–' : format(v)) }))],
    };
    const u = new uPlot(opts, data, el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Rebuilt when the lines, the format or the empty state change; new data alone goes through setData below.
  }, [lines, empty, format, timeLabel]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return (
    <Paper withBorder p="sm" data-testid={testId} data-points={data[0]?.length ?? 0}>
      <Text size="sm" fw={500} mb={4}>
        {title}
      </Text>
      {empty ? (
        <Text size="xs" c="dimmed" h={HEIGHT}>
          {emptyText}
        </Text>
      ) : (
        <div ref={box} />
      )}
    </Paper>
  );
}
