// Bulk actions: one action on many VMs picked by a filter (or a selection), previewed first, then run as one task
// with a step per VM. A VM that cannot take the action is skipped with the code why; one that fails is reported with
// its error and the rest go on.
import type { ErrorReport } from './errors.js';
import type { LifecycleAction } from './vm-rules.js';
import type { VmState } from './vm.js';

export const BULK_ACTIONS = ['start', 'shutdown', 'destroy', 'snapshot', 'tag', 'lock', 'unlock', 'owner'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** The lifecycle actions among them (run as `vms.action` runs them, lock rules included). */
export const BULK_LIFECYCLE = ['start', 'shutdown', 'destroy'] as const satisfies readonly LifecycleAction[];
export type BulkLifecycle = (typeof BULK_LIFECYCLE)[number];

export type BulkSpec =
  | { action: BulkLifecycle | 'lock' | 'unlock' }
  | { action: 'snapshot'; name: string; description?: string }
  | { action: 'tag'; add: string[]; remove: string[] }
  /** null clears. */
  | { action: 'owner'; owner: string | null };

/** A VM by host and UUID (stable while a bulk action is previewed and run). */
export interface BulkVm {
  host: string;
  uuid: string;
}

/** Which VMs: those a filter matches (optionally on one host), or exactly these. */
export type BulkSelection = { filter: string; host?: string } | { vms: BulkVm[] };

export interface BulkTarget extends BulkVm {
  name: string;
  state: VmState;
  locked: boolean;
  /** Why the VM will be left alone (its lock, its state, its host offline); null: it takes the action. */
  skip: ErrorReport | null;
}

export interface BulkPreview {
  targets: BulkTarget[];
  /** Hosts of the VMs that take the action, sorted. */
  hosts: string[];
  /** How many take it (targets without a skip). */
  runnable: number;
}

export type BulkOutcomeKind = 'done' | 'skipped' | 'failed';

export interface BulkOutcome extends BulkVm {
  name: string;
  outcome: BulkOutcomeKind;
  /** Why skipped or failed; null when done. */
  error: ErrorReport | null;
}

export interface BulkResult {
  outcomes: BulkOutcome[];
  done: number;
  skipped: number;
  failed: number;
}

/** Name of a VM's step in the bulk task. */
export const bulkStepName = (vm: { host: string; name: string }): string => `${vm.host}/${vm.name}`;

/** Counts of the outcomes. */
export function bulkResult(outcomes: BulkOutcome[]): BulkResult {
  const count = (k: BulkOutcomeKind): number => outcomes.filter((o) => o.outcome === k).length;
  return { outcomes, done: count('done'), skipped: count('skipped'), failed: count('failed') };
}

/** The VMs of a preview that take the action (what `bulk.run` is given). */
export const runnableVms = (p: BulkPreview): BulkVm[] => p.targets.filter((t) => !t.skip).map(({ host, uuid }) => ({ host, uuid }));

/** The whole story of a bulk action: the VMs the preview skipped first, then what the run did (null: nothing ran). */
export function withSkipped(p: BulkPreview, ran: BulkResult | null): BulkResult {
  const skipped: BulkOutcome[] = p.targets.flatMap((t) => (t.skip ? [{ host: t.host, uuid: t.uuid, name: t.name, outcome: 'skipped' as const, error: t.skip }] : []));
  return bulkResult([...skipped, ...(ran?.outcomes ?? [])]);
}
