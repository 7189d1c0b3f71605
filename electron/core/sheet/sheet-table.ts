// Every VM of the inventory as the rows of one sheet: the columns a lone admin's spreadsheet holds, in the order of
// SHEET_COLUMNS, the custom columns by name, then when the VM was last seen.
import type { VmInfo } from '../../../shared/model/vm.js';
import type { FactColumn } from '../../../shared/model/vm-facts.js';
import {
  DISK_SEPARATOR,
  LAST_SEEN_COLUMN,
  LIST_SEPARATOR,
  SHEET_COLUMNS,
  type SheetCell,
  type SheetTable,
} from '../../../shared/model/sheet.js';
import { formatSize } from '../storage/sizes.js';

/** A volume of one host's pools, found by its path or by "pool/name". */
export interface SheetVolume {
  pool: string;
  name: string;
  capacity: number;
}

/** The volumes of one host by path and by "pool/name" (empty for an offline host: its disks show their sources). */
export type VolumeIndex = ReadonlyMap<string, SheetVolume>;

/** A disk as "pool/volume (size)" when it is a volume of a pool, else its source (path, device, network name). */
function diskCell(source: string, volumes: VolumeIndex): string {
  const v = volumes.get(source);
  return v ? `${v.pool}/${v.name} (${formatSize(v.capacity)})` : source;
}

function vmRow(vm: VmInfo, columns: readonly FactColumn[], volumes: VolumeIndex): SheetCell[] {
  const disks = vm.disks.flatMap((d) => (d.source === null ? [] : [diskCell(d.source, volumes)]));
  return [
    vm.host,
    vm.name,
    vm.uuid,
    vm.state,
    vm.vcpus,
    vm.memoryMiB,
    disks.join(DISK_SEPARATOR),
    vm.nics.map((n) => n.source ?? n.type).join(LIST_SEPARATOR),
    vm.nics.map((n) => n.mac).join(LIST_SEPARATOR),
    vm.ips.map((ip) => ip.split('/')[0] ?? ip).join(LIST_SEPARATOR),
    [...vm.tags].sort().join(LIST_SEPARATOR),
    vm.owner ?? '',
    vm.notes,
    ...columns.map((c) => vm.fields[c.name] ?? ''),
    vm.lastSeen,
  ];
}

/** The sheet of these VMs (sorted by host, then name) with these custom columns; `volumes` per host. */
export function sheetTable(vms: readonly VmInfo[], columns: readonly FactColumn[], volumes: (host: string) => VolumeIndex): SheetTable {
  const sorted = [...vms].sort((a, b) => a.host.localeCompare(b.host) || a.name.localeCompare(b.name));
  return {
    columns: [...SHEET_COLUMNS, ...columns.map((c) => c.name), LAST_SEEN_COLUMN],
    rows: sorted.map((vm) => vmRow(vm, columns, volumes(vm.host))),
  };
}
