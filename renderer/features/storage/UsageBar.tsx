// Capacity bar: allocation of capacity, with "used / capacity (available free)" underneath.
import { Progress, Stack, Text } from '@mantine/core';
import { formatBytes } from '../../app/format.js';
import { useT } from '../../app/i18n/index.js';

export function UsageBar({ capacity, allocation, available, testId }: { capacity: number; allocation: number; available: number; testId?: string }) {
  const t = useT();
  const pct = capacity > 0 ? (allocation / capacity) * 100 : 0;
  return (
    <Stack gap={2} miw={160} data-testid={testId} data-used={Math.round(pct)}>
      <Progress value={pct} size="sm" color={pct > 90 ? 'red' : pct > 75 ? 'orange' : 'indigo'} />
      <Text size="xs" c="dimmed">
        {t('storage.usage', { used: formatBytes(allocation), capacity: formatBytes(capacity), free: formatBytes(available) })}
      </Text>
    </Stack>
  );
}
