// One host at a glance: CPU %, memory, each pool's fill, VMs by state, versions, uptime and load.
import { Badge, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import type { HostStats } from '../../../shared/model/monitor.js';
import { VM_STATES } from '../../../shared/model/vm.js';
import { formatBytes } from '../../app/format.js';
import { useT } from '../../app/i18n/index.js';
import { UsageBar } from '../storage/UsageBar.js';

const color = (pct: number): string => (pct > 90 ? 'red' : pct > 75 ? 'orange' : 'indigo');

function uptimeParts(seconds: number): { days: number; hours: number; minutes: number } {
  return { days: Math.floor(seconds / 86_400), hours: Math.floor((seconds % 86_400) / 3600), minutes: Math.floor((seconds % 3600) / 60) };
}

export function HostCard({ stats, selected, onSelect }: { stats: HostStats; selected: boolean; onSelect: () => void }) {
  const t = useT();
  const cpu = stats.cpu.percent;
  const m = stats.memory;
  const memPct = m.totalKiB > 0 ? (m.usedKiB / m.totalKiB) * 100 : 0;
  return (
    <Paper
      withBorder
      p="md"
      onClick={onSelect}
      style={{ cursor: 'pointer', outline: selected ? '2px solid var(--mantine-primary-color-filled)' : undefined }}
      data-testid={`host-card-${stats.host}`}
      data-cpu={cpu === null ? '' : Math.round(cpu)}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="baseline">
          <Title order={4}>{stats.host}</Title>
          <Text size="xs" c="dimmed">
            {t('monitor.versions', { libvirt: stats.versions.libvirt, qemu: stats.versions.qemu })}
          </Text>
        </Group>
        <div>
          <Text size="xs">{t('monitor.cpu', { pct: cpu === null ? '–' : cpu.toFixed(0), cpus: stats.cpu.cpus, mhz: stats.cpu.mhz })}</Text>
          <Progress value={cpu ?? 0} size="sm" color={color(cpu ?? 0)} data-testid={`host-cpu-${stats.host}`} />
        </div>
        <div>
          <Text size="xs">
            {t('monitor.memory', {
              used: formatBytes(m.usedKiB * 1024),
              total: formatBytes(m.totalKiB * 1024),
              cache: formatBytes((m.buffersKiB + m.cachedKiB) * 1024),
            })}
          </Text>
          <Progress value={memPct} size="sm" color={color(memPct)} />
        </div>
        {stats.pools.map((p) => (
          <div key={p.name}>
            <Text size="xs">{t('monitor.pool', { name: p.name })}</Text>
            <UsageBar capacity={p.capacity} allocation={p.allocation} available={p.available} testId={`host-pool-${stats.host}-${p.name}`} />
          </div>
        ))}
        <Group gap={4} data-testid={`host-vms-${stats.host}`}>
          {VM_STATES.filter((s) => stats.vms[s] > 0).map((s) => (
            <Badge key={s} variant="light" size="sm" color={s === 'running' ? 'green' : s === 'crashed' ? 'red' : 'gray'}>
              {t('monitor.vmsInState', { count: stats.vms[s], state: t(`state.${s}`) })}
            </Badge>
          ))}
          {VM_STATES.every((s) => stats.vms[s] === 0) && (
            <Text size="xs" c="dimmed">
              {t('monitor.noVms')}
            </Text>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {stats.uptimeSeconds === null ? '' : t('monitor.uptime', uptimeParts(stats.uptimeSeconds))}
          {stats.load ? ` · ${t('monitor.load', { load: stats.load.map((l) => l.toFixed(2)).join(' ') })}` : ''}
        </Text>
      </Stack>
    </Paper>
  );
}
