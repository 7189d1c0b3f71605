// Filter + sort of the VM table: pure, allocation-light, timed by the bench over 2,000 VMs.
import type { VmInfo } from '../../../shared/model/vm.js';
import { vmKey } from '../../state/keys.js';
import { matchesTerms, parseTerms as parseWith, type FilterTerm } from '../../../shared/model/vm-filter.js';
import { UI_WORDS } from './filter-words.js';

export const VM_SORT_COLUMNS = ['name', 'host', 'state', 'vcpus', 'memory', 'cpu', 'ips'] as const;
export type VmSortColumn = (typeof VM_SORT_COLUMNS)[number];

export interface VmSort {
  column: VmSortColumn;
  dir: 'asc' | 'desc';
}

export interface VmQuery {
  /** Free text: every whitespace-separated term must match. `state:`, `host:`, `tag:`, `ip:` restrict the field. */
  text: string;
  /** Only this host, or all when null. */
  host: string | null;
  sort: VmSort;
  /** Latest CPU % per VM key, for the "cpu" column; VMs without a sample sort last. */
  cpuByKey?: Readonly<Record<string, number | null>>;
}

/** The terms of a filter typed in the UI (keywords and state names in either language). */
export const parseTerms = (text: string): FilterTerm[] => parseWith(text, UI_WORDS);

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** "10.0.0.9" < "10.0.0.10"; VMs without an IP sort last. */
function ipRank(vm: VmInfo): string {
  const ip = vm.ips[0];
  if (!ip) return '\uffff';
  return ip.includes('.') ? ip.split('.').map((p) => p.padStart(3, '0')).join('.') : ip;
}

export const vmKeyOf = (vm: VmInfo): string => vmKey(vm.host, vm.uuid);

export function filterSortVms(vms: readonly VmInfo[], q: VmQuery): VmInfo[] {
  const terms = parseTerms(q.text);
  const out: VmInfo[] = [];
  for (const vm of vms) if ((q.host === null || vm.host === q.host) && matchesTerms(vm, terms)) out.push(vm);

  const sign = q.sort.dir === 'asc' ? 1 : -1;
  const byName = (a: VmInfo, b: VmInfo) => collator.compare(a.name, b.name) || collator.compare(a.host, b.host);
  let cmp: (a: VmInfo, b: VmInfo) => number;
  switch (q.sort.column) {
    case 'name':
      cmp = (a, b) => sign * byName(a, b);
      break;
    case 'host':
      cmp = (a, b) => sign * collator.compare(a.host, b.host) || byName(a, b);
      break;
    case 'state':
      cmp = (a, b) => sign * (a.state < b.state ? -1 : a.state > b.state ? 1 : 0) || byName(a, b);
      break;
    case 'vcpus':
      cmp = (a, b) => sign * (a.vcpus - b.vcpus) || byName(a, b);
      break;
    case 'memory':
      cmp = (a, b) => sign * (a.memoryMiB - b.memoryMiB) || byName(a, b);
      break;
    case 'ips': {
      const rank = new Map(out.map((vm) => [vm, ipRank(vm)]));
      cmp = (a, b) => {
        const ra = rank.get(a) as string;
        const rb = rank.get(b) as string;
        return sign * (ra < rb ? -1 : ra > rb ? 1 : 0) || byName(a, b);
      };
      break;
    }
    case 'cpu': {
      const cpu = q.cpuByKey ?? {};
      const val = new Map(out.map((vm) => [vm, cpu[vmKeyOf(vm)] ?? null]));
      cmp = (a, b) => {
        const ca = val.get(a) ?? null;
        const cb = val.get(b) ?? null;
        if (ca === null || cb === null) return ca === cb ? byName(a, b) : ca === null ? 1 : -1;
        return sign * (ca - cb) || byName(a, b);
      };
      break;
    }
  }
  return out.sort(cmp);
}

export type VmRow = { kind: 'group'; host: string; count: number } | { kind: 'vm'; vm: VmInfo };

/** Rows of the table: VMs, with a header per host when grouped (hosts in name order, VM order kept). */
export function toRows(vms: readonly VmInfo[], groupByHost: boolean): VmRow[] {
  if (!groupByHost) return vms.map((vm) => ({ kind: 'vm', vm }));
  const groups = new Map<string, VmInfo[]>();
  for (const vm of vms) {
    const g = groups.get(vm.host);
    if (g) g.push(vm);
    else groups.set(vm.host, [vm]);
  }
  const rows: VmRow[] = [];
  for (const host of [...groups.keys()].sort(collator.compare)) {
    const list = groups.get(host) as VmInfo[];
    rows.push({ kind: 'group', host, count: list.length });
    for (const vm of list) rows.push({ kind: 'vm', vm });
  }
  return rows;
}
