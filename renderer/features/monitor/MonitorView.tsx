// The fleet at a glance: a card per host (reloaded every 5 s while shown), the top consumers across hosts, and
// the selected host's recorded history, and the alerts (rules, targets, history).
import { Alert, SimpleGrid, Stack, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useT } from '../../app/i18n/index.js';
import { errorText } from '../../app/errors.js';
import { useMonitor } from '../../state/monitor-slice.js';
import { AlertsPanel } from './AlertsPanel.js';
import { HistoryChart } from './HistoryChart.js';
import { HostCard } from './HostCard.js';
import { TopConsumers } from './TopConsumers.js';

const RELOAD_MS = 5000;

export function MonitorView() {
  const t = useT();
  const stats = useMonitor((s) => s.hostStats);
  const load = useMonitor((s) => s.loadHostStats);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    const reload = () =>
      load().then(
        () => setError(null),
        (e: unknown) => setError(errorText(t, e)),
      );
    void reload();
    const timer = setInterval(() => void reload(), RELOAD_MS);
    return () => clearInterval(timer);
  }, [load, t]);

  const hosts = Object.values(stats).sort((a, b) => a.host.localeCompare(b.host));
  const shown = selected ?? hosts[0]?.host ?? null;
  return (
    <Stack gap="md" data-testid="monitor-view">
      {error && <Alert color="red">{error}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        {hosts.map((h) => (
          <HostCard key={h.host} stats={h} selected={h.host === shown} onSelect={() => setSelected(h.host)} />
        ))}
      </SimpleGrid>
      <TopConsumers />
      <AlertsPanel />
      {shown && (
        <>
          <Title order={4}>{t('monitor.hostHistory', { host: shown })}</Title>
          <HistoryChart key={shown} host={shown} vm={null} testId="host-history" />
        </>
      )}
    </Stack>
  );
}
