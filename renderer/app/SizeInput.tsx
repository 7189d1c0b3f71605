// A size typed as a number and a binary unit (MiB, GiB, TiB), handed out in bytes.
import { Group, NumberInput, Select } from '@mantine/core';
import { useState } from 'react';

const UNITS = { MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 } as const;
type Unit = keyof typeof UNITS;

/** Bytes → the largest unit that shows it as a whole or short number. */
function split(bytes: number): { amount: number; unit: Unit } {
  for (const unit of ['TiB', 'GiB'] as const) if (bytes >= UNITS[unit] && bytes % (UNITS[unit] / 16) === 0) return { amount: bytes / UNITS[unit], unit };
  return { amount: Math.round((bytes / UNITS.MiB) * 100) / 100, unit: 'MiB' };
}

export function SizeInput(props: {
  label: string;
  /** Bytes, or null when empty. */
  value: number | null;
  onChange: (bytes: number | null) => void;
  testId: string;
  error?: string | null;
}) {
  const [unit, setUnit] = useState<Unit>(props.value === null ? 'GiB' : split(props.value).unit);
  const amount = props.value === null ? '' : props.value / UNITS[unit];
  return (
    <Group gap={6} align="flex-end" wrap="nowrap">
      <NumberInput
        label={props.label}
        value={amount}
        min={0}
        decimalScale={2}
        onChange={(v) => props.onChange(typeof v === 'number' && v > 0 ? Math.round(v * UNITS[unit]) : null)}
        error={props.error ?? undefined}
        style={{ flex: 1 }}
        data-testid={props.testId}
      />
      <Select
        w={90}
        data={Object.keys(UNITS)}
        value={unit}
        allowDeselect={false}
        onChange={(u) => {
          if (!u) return;
          setUnit(u as Unit);
          if (props.value !== null) props.onChange(Math.round((props.value / UNITS[unit]) * UNITS[u as Unit]));
        }}
        data-testid={`${props.testId}-unit`}
      />
    </Group>
  );
}
