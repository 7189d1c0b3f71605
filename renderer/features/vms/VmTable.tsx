// All VMs of all hosts: filter, sort, group by host, multi-select with bulk start/stop. Virtualized: only the rows
// in view (plus a small overscan) are in the DOM, so thousands of VMs scroll smoothly.
import { Anchor, Badge, Checkbox, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconLock, IconServer } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { VmInfo } from '../../../shared/model/vm.js';
import { formatMiB, relativeTime } from '../../app/format.js';
import { useLanguage, useT, type MessageKey } from '../../app/i18n/index.js';
import { vmKey } from '../../state/keys.js';
import { useStats } from '../../state/stats-slice.js';
import { useUi } from '../../state/ui-slice.js';
import { useVms } from '../../state/vms-slice.js';
import { filterSortVms, toRows, type VmRow, type VmSortColumn } from './filter-sort.js';
import { CpuSparkline } from './Sparkline.js';
import { StateBadge } from './StateBadge.js';
import { VmRowMenu } from './VmActions.js';
import classes from './VmTable.module.css';

const ROW_HEIGHT = 44;
const GROUP_HEIGHT = 34;

interface Column {
  id: VmSortColumn | 'select' | 'tags' | 'menu';
  label?: MessageKey;
  sortable: boolean;
  align?: 'right';
}

const COLUMNS: readonly Column[] = [
  { id: 'select', sortable: false },
  { id: 'name', label: 'vm.col.name', sortable: true },
  { id: 'host', label: 'vm.col.host', sortable: true },
  { id: 'state', label: 'vm.col.state', sortable: true },
  { id: 'vcpus', label: 'vm.col.vcpus', sortable: true, align: 'right' },
  { id: 'memory', label: 'vm.col.memory', sortable: true, align: 'right' },
  { id: 'cpu', label: 'vm.col.cpu', sortable: true },
  { id: 'ips', label: 'vm.col.ips', sortable: true },
  { id: 'tags', label: 'vm.col.tags', sortable: false },
  { id: 'menu', sortable: false },
];

/** Rows after filter, sort and grouping, recomputed only when their inputs change. */
export function useVisibleVms(): { rows: VmRow[]; vms: VmInfo[]; total: number } {
  const byKey = useVms((s) => s.byKey);
  const { query, hostFilter, sort, groupByHost } = useUi(
    useShallow((s) => ({ query: s.query, hostFilter: s.hostFilter, sort: s.sort, groupByHost: s.groupByHost })),
  );
  // Only a CPU sort needs the stats; otherwise ticks must not re-render the table.
  const series = useStats((s) => (sort.column === 'cpu' ? s.series : null));
  return useMemo(() => {
    const all = Object.values(byKey);
    const cpuByKey = series ? Object.fromEntries(Object.entries(series).map(([k, v]) => [k, v.latest.cpuPct])) : undefined;
    const vms = filterSortVms(all, { text: query, host: hostFilter, sort, cpuByKey });
    return { rows: toRows(vms, groupByHost && hostFilter === null), vms, total: all.length };
  }, [byKey, query, hostFilter, sort, groupByHost, series]);
}

const VmRowView = memo(function VmRowView({ vm, selected }: { vm: VmInfo; selected: boolean }) {
  const t = useT();
  const lang = useLanguage();
  const key = vmKey(vm.host, vm.uuid);
  const toggle = useUi((s) => s.toggleSelected);
  const openTab = useUi((s) => s.openTab);
  const active = !vm.stale && (vm.state === 'running' || vm.state === 'blocked');
  return (
    <div
      className={classes.row}
      data-selected={selected || undefined}
      data-stale={vm.stale || undefined}
      data-testid={`vm-row-${vm.host}-${vm.name}`}
      data-state={vm.state}
      onDoubleClick={() => openTab('vm', key)}
    >
      <div>
        <Checkbox size="xs" checked={selected} onChange={() => toggle(key)} aria-label={t('vm.selectRow', { name: vm.name })} />
      </div>
      <div className={classes.nameCell}>
        <Group gap={6} wrap="nowrap">
          <Anchor component="button" size="sm" fw={500} className={classes.ellipsis} onClick={() => openTab('vm', key)} data-testid="vm-open">
            {vm.name}
          </Anchor>
          {vm.locked && (
            <Tooltip label={t('vm.locked')}>
              <IconLock size={14} color="var(--mantine-color-orange-6)" aria-label={t('vm.locked')} />
            </Tooltip>
          )}
        </Group>
        {vm.stale && (
          <Tooltip label={t('vm.stale')}>
            <Text size="xs" c="dimmed" className={classes.ellipsis}>
              {t('vm.lastSeen', { time: relativeTime(lang, vm.lastSeen) })}
            </Text>
          </Tooltip>
        )}
      </div>
      <Text size="sm" className={classes.ellipsis}>
        {vm.host}
      </Text>
      <div>
        <StateBadge vm={vm} />
      </div>
      <Text size="sm" ta="right" ff="monospace">
        {vm.vcpus}
      </Text>
      <Text size="sm" ta="right" ff="monospace">
        {formatMiB(vm.memoryMiB)}
      </Text>
      <div>
        <CpuSparkline vmKey={key} active={active} />
      </div>
      <Text size="sm" ff="monospace" className={classes.ellipsis} title={vm.ips.join(', ')}>
        {vm.ips.length ? vm.ips.join(', ') : '—'}
      </Text>
      <Group gap={4} wrap="nowrap" className={classes.tags}>
        {vm.tags.map((tag) => (
          <Badge key={tag} size="xs" variant="outline" radius="sm" color="gray">
            {tag}
          </Badge>
        ))}
      </Group>
      <div>
        <VmRowMenu vm={vm} />
      </div>
    </div>
  );
});

function GroupRow({ host, count }: { host: string; count: number }) {
  const t = useT();
  return (
    <div className={classes.group} data-testid={`vm-group-${host}`}>
      <IconServer size={14} />
      <Text size="sm" fw={600}>
        {host}
      </Text>
      <Text size="xs" c="dimmed">
        {t('host.vmCount', { count })}
      </Text>
    </div>
  );
}

function HeaderRow({ shownKeys }: { shownKeys: readonly string[] }) {
  const t = useT();
  const { sort, sortBy, selected, setSelection, clearSelection } = useUi(
    useShallow((s) => ({ sort: s.sort, sortBy: s.sortBy, selected: s.selected, setSelection: s.setSelection, clearSelection: s.clearSelection })),
  );
  const nSelected = shownKeys.reduce((n, k) => n + (selected[k] ? 1 : 0), 0);
  return (
    <div className={`${classes.row} ${classes.header}`} role="row">
      {COLUMNS.map((c) => {
        if (c.id === 'select') {
          return (
            <div key={c.id}>
              <Checkbox
                size="xs"
                aria-label={t('vm.selectAll')}
                checked={nSelected > 0 && nSelected === shownKeys.length}
                indeterminate={nSelected > 0 && nSelected < shownKeys.length}
                onChange={() => (nSelected === shownKeys.length ? clearSelection() : setSelection(shownKeys))}
                data-testid="vm-select-all"
              />
            </div>
          );
        }
        if (!c.label) return <div key={c.id} />;
        if (!c.sortable) {
          return (
            <Text key={c.id} size="xs" fw={600} c="dimmed" tt="uppercase">
              {t(c.label)}
            </Text>
          );
        }
        const activeSort = sort.column === c.id;
        const Arrow = sort.dir === 'asc' ? IconChevronUp : IconChevronDown;
        return (
          <UnstyledButton
            key={c.id}
            onClick={() => sortBy(c.id as VmSortColumn)}
            className={classes.sortButton}
            data-align={c.align}
            data-testid={`vm-sort-${c.id}`}
            aria-sort={activeSort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
          >
            <Text size="xs" fw={600} c={activeSort ? undefined : 'dimmed'} tt="uppercase">
              {t(c.label)}
            </Text>
            {activeSort && <Arrow size={12} />}
          </UnstyledButton>
        );
      })}
    </div>
  );
}

export function VmTable({ rows, empty }: { rows: readonly VmRow[]; empty: ReactNode }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const selected = useUi((s) => s.selected);
  const shownKeys = useMemo(
    () => rows.flatMap((r) => (r.kind === 'vm' ? [vmKey(r.vm.host, r.vm.uuid)] : [])),
    [rows],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    getItemKey: (i) => {
      const r = rows[i] as VmRow;
      return r.kind === 'group' ? `group:${r.host}` : vmKey(r.vm.host, r.vm.uuid);
    },
    overscan: 8,
  });
  return (
    <div className={classes.table} data-testid="vm-table" data-rows={shownKeys.length}>
      <div ref={scrollRef} className={classes.scroll} data-testid="vm-table-scroll">
        <HeaderRow shownKeys={shownKeys} />
        {rows.length === 0 ? (
          empty
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const r = rows[item.index] as VmRow;
              return (
                <div
                  key={item.key}
                  className={classes.slot}
                  style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                >
                  {r.kind === 'group' ? (
                    <GroupRow host={r.host} count={r.count} />
                  ) : (
                    <VmRowView vm={r.vm} selected={selected[vmKey(r.vm.host, r.vm.uuid)] === true} />
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
