// Picks one online host for per-host screens (storage, networks, images); follows the sidebar's host filter.
import { Select } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { sortedHosts, useHosts } from '../state/hosts-slice.js';
import { useUi } from '../state/ui-slice.js';
import { useT } from './i18n/index.js';

export function useOnlineHosts(): string[] {
  const byName = useHosts((s) => s.byName);
  return useMemo(() => sortedHosts(byName).filter((h) => h.status === 'online').map((h) => h.name), [byName]);
}

export function HostPicker({ value, onChange, testId }: { value: string | null; onChange: (host: string | null) => void; testId: string }) {
  const t = useT();
  const hosts = useOnlineHosts();
  const hostFilter = useUi((s) => s.hostFilter);
  useEffect(() => {
    if (value && hosts.includes(value)) return;
    const preferred = hostFilter && hosts.includes(hostFilter) ? hostFilter : (hosts[0] ?? null);
    if (preferred !== value) onChange(preferred);
  }, [hosts, hostFilter, value, onChange]);
  return (
    <Select
      size="xs"
      w={180}
      data={hosts}
      value={value}
      onChange={onChange}
      placeholder={t('common.noOnlineHost')}
      allowDeselect={false}
      aria-label={t('common.host')}
      data-testid={testId}
    />
  );
}
