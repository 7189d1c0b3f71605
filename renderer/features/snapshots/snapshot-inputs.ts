// The inputs of the snapshot dialog, named as the spec field each edits, and the input a check's field is shown on.
import { headInput } from '../../app/dialog-gate.js';

export const SNAPSHOT_INPUTS = ['name', 'description', 'kind'] as const;
export type SnapshotInput = (typeof SNAPSHOT_INPUTS)[number];

/** The input a spec field is shown on; null for none. */
export const snapshotInputOf = headInput<SnapshotInput>(SNAPSHOT_INPUTS);
