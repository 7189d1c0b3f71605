// All VMs of all hosts: filter, sort, group by host, columns to show, multi-select (shift-click selects a range). Virtualized: only the rows
// in view (plus a small overscan) are in the DOM, so thousands of VMs scroll smoothly.
import { Anchor, Checkbox, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconLock, IconServer } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { VmInfo } from '../../../shared/model/vm.js';
import { formatMiB, relativeTime } from '../../app/format.js';
import { useLanguage, useT, type MessageKey } from '../../app/i18n/index.js';
import { vmKey } from '../../state/keys.js';
import { useStats } from '../../state/stats-slice.js';
import { useUi } from '../../state/ui-slice.js';
import { useVms } from '../../state/vms-slice.js';
import { filterSortVms, toRows, type VmRow, type VmSortColumn } from './filter-sort.js';
import { OwnerEditor, TagsEditor } from './FactEditors.js';
import { CpuSparkline } from './Sparkline.js';
import { StateBadge } from './StateBadge.js';
import { VmRowMenu } from './VmActions.js';
import classes from './VmTable.module.css';

const ROW_HEIGHT = 44;
const GROUP_HEIGHT = 34;

interface Column {
  id: VmSortColumn | 'select' | 'owner' | 'tags' | 'menu';
  label?: MessageKey;
  sortable: boolean;
  align?: 'right';
  /** Its track in the row's grid. */
  width: string;
}

// Widths fit the main area of a 1280 px window beside the sidebar without horizontal scrolling.
const COLUMNS: readonly Column[] = [
  { id: 'select', sortable: false, width: '32px' },
  { id: 'name', label: 'vm.col.name', sortable: true, width: 'minmax(150px, 2fr)' },
  { id: 'host', label: 'vm.col.host', sortable: true, width: 'minmax(70px, 1fr)' },
  { id: 'state', label: 'vm.col.state', sortable: true, width: '132px' },
  { id: 'vcpus', label: 'vm.col.vcpus', sortable: true, align: 'right', width: '48px' },
  { id: 'memory', label: 'vm.col.memory', sortable: true, align: 'right', width: '84px' },
  { id: 'cpu', label: 'vm.col.cpu', sortable: true, width: '114px' },
  { id: 'ips', label: 'vm.col.ips', sortable: true, width: 'minmax(100px, 1.2fr)' },
  { id: 'owner', label: 'vm.col.owner', sortable: false, width: 'minmax(70px, 0.8fr)' },
  { id: 'tags', label: 'vm.col.tags', sortable: false, width: 'minmax(90px, 1.2fr)' },
  { id: 'menu', sortable: false, width: '32px' },
];

/** The columns shown (without the hidden ones) and their grid template. */
function useColumns(): { columns: readonly Column[]; template: string } {
  const hidden = useUi((s) => s.hiddenColumns);
  return useMemo(() => {
    const columns = COLUMNS.filter((c) => !(hidden as readonly string[]).includes(c.id));
    return { columns, template: columns.map((c) => c.width).join(' ') };
  }, [hidden]);
}

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

const VmRowView = memo(function VmRowView({ vm, selected, columns, template, onSelect }: {
  vm: VmInfo;
  selected: boolean;
  columns: readonly Column[];
  template: string;
  onSelect: (key: string, range: boolean) => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const key = vmKey(vm.host, vm.uuid);
  const openTab = useUi((s) => s.openTab);
  const active = !vm.stale && (vm.state === 'running' || vm.state === 'blocked');
  const cell = (id: Column['id']): ReactNode => {
    switch (id) {
      case 'select':
        return (
          <div key={id}>
            <Checkbox
              size="xs"
              checked={selected}
              onChange={() => undefined}
              onClick={(e) => onSelect(key, e.shiftKey)}
              aria-label={t('vm.selectRow', { name: vm.name })}
              data-testid="vm-select"
            />
          </div>
        );
      case 'name':
        return (
          <div key={id} className={classes.nameCell}>
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
        );
      case 'host':
        return (
          <Text key={id} size="sm" className={classes.ellipsis}>
            {vm.host}
          </Text>
        );
      case 'state':
        return (
          <div key={id}>
            <StateBadge vm={vm} />
          </div>
        );
      case 'vcpus':
        return (
          <Text key={id} size="sm" ta="right" ff="monospace">
            {vm.vcpus}
          </Text>
        );
      case 'memory':
        return (
          <Text key={id} size="sm" ta="right" ff="monospace">
            {formatMiB(vm.memoryMiB)}
          </Text>
        );
      case 'cpu':
        return (
          <div key={id}>
            <CpuSparkline vmKey={key} active={active} />
          </div>
        );
      case 'ips':
        return (
          <Text key={id} size="sm" ff="monospace" className={classes.ellipsis} title={vm.ips.join(', ')}>
            {vm.ips.length ? vm.ips.join(', ') : '—'}
          </Text>
        );
      case 'owner':
        return (
          <div key={id} className={classes.ellipsis}>
            <OwnerEditor vm={vm} />
          </div>
        );
      case 'tags':
        return (
          <div key={id} className={classes.tags}>
            <TagsEditor vm={vm} />
          </div>
        );
      case 'menu':
        return (
          <div key={id}>
            <VmRowMenu vm={vm} />
          </div>
        );
    }
  };
  return (
    <div
      className={classes.row}
      style={{ gridTemplateColumns: template }}
      data-selected={selected || undefined}
      data-stale={vm.stale || undefined}
      data-testid={`vm-row-${vm.host}-${vm.name}`}
      data-state={vm.state}
      onDoubleClick={() => openTab('vm', key)}
    >
      {columns.map((c) => cell(c.id))}
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

function HeaderRow({ shownKeys, columns, template }: { shownKeys: readonly string[]; columns: readonly Column[]; template: string }) {
  const t = useT();
  const { sort, sortBy, selected, setSelection, clearSelection } = useUi(
    useShallow((s) => ({ sort: s.sort, sortBy: s.sortBy, selected: s.selected, setSelection: s.setSelection, clearSelection: s.clearSelection })),
  );
  const nSelected = shownKeys.reduce((n, k) => n + (selected[k] ? 1 : 0), 0);
  return (
    <div className={`${classes.row} ${classes.header}`} style={{ gridTemplateColumns: template }} role="row">
      {columns.map((c) => {
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
  const selectRange = useUi((s) => s.selectRange);
  const { columns, template } = useColumns();
  const shownKeys = useMemo(
    () => rows.flatMap((r) => (r.kind === 'vm' ? [vmKey(r.vm.host, r.vm.uuid)] : [])),
    [rows],
  );
  const onSelect = useCallback((key: string, range: boolean) => selectRange(shownKeys, key, range), [selectRange, shownKeys]);
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
        <HeaderRow shownKeys={shownKeys} columns={columns} template={template} />
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
                    <VmRowView
                      vm={r.vm}
                      selected={selected[vmKey(r.vm.host, r.vm.uuid)] === true}
                      columns={columns}
                      template={template}
                      onSelect={onSelect}
                    />
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
