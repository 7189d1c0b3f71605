// The spreadsheet of every VM (export) and the plan of an imported one: plain data the front ends word and show.
import type { ErrorReport } from './errors.js';

export const SHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

/** A number stays a number in XLSX (vCPUs, memory); CSV writes its digits. */
export type SheetCell = string | number;

export interface SheetTable {
  /** The built-in headers (SHEET_COLUMNS), then the custom columns by name, then "last seen". */
  columns: string[];
  rows: SheetCell[][];
}

/** The export's built-in headers, in order (custom columns go before the last one). */
export const SHEET_COLUMNS = ['host', 'name', 'uuid', 'state', 'vcpus', 'memory (MiB)', 'disks', 'networks', 'macs', 'ips', 'tags', 'owner', 'notes'] as const;
export const LAST_SEEN_COLUMN = 'last seen';
/** Separators inside one cell: disks (paths may hold commas) and every other list. */
export const DISK_SEPARATOR = '; ';
export const LIST_SEPARATOR = ', ';

/** One fact an import changes: its old and new text (tags: sorted, joined by LIST_SEPARATOR). */
export interface SheetChange {
  fact: 'owner' | 'notes' | 'tags' | 'field';
  /** The custom column (fact 'field'). */
  column?: string;
  old: string;
  new: string;
}

/** An address to reserve in the IPAM of the VM's network that holds it. */
export interface SheetReservation {
  network: string;
  ip: string;
}

/** planned: a preview's (nothing done yet); applied: every change of the VM landed; failed: apply stopped at `error`
 *  for this VM (what landed before it stays; importing the same sheet again plans only what is left). */
export type SheetVmOutcome = 'planned' | 'applied' | 'failed';

export interface SheetVmPlan {
  /** The sheet's row number (the header is row 1). */
  row: number;
  host: string;
  name: string;
  uuid: string;
  changes: SheetChange[];
  reserve: SheetReservation[];
  outcome: SheetVmOutcome;
  /** Why the VM failed (outcome failed), else null. */
  error: ErrorReport | null;
}

/** Why one row (or the whole sheet: row 0) cannot be applied; the report names the column in `field`. */
export interface SheetConflict {
  row: number;
  /** The VM as the row names it (null where it names none). */
  host: string | null;
  name: string | null;
  error: ErrorReport;
}

export interface SheetPlan {
  format: SheetFormat;
  /** Data rows read (the header not counted). */
  rows: number;
  /** The VMs something changes for (rows that change nothing are left out). */
  vms: SheetVmPlan[];
  conflicts: SheetConflict[];
  /** Headers the import does not read (neither a fact, a custom column, nor an exported read-only column). */
  ignoredColumns: string[];
  /** true: sheet.apply ran (each VM's outcome says what landed). */
  applied: boolean;
}

/** The VMs an apply could not finish. */
export const failedVms = (plan: SheetPlan): SheetVmPlan[] => plan.vms.filter((v) => v.outcome === 'failed');
