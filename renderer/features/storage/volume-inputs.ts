// The inputs of the volume create dialog, named as the option each edits, and the input a check's field is shown on.
import { headInput } from '../../app/dialog-gate.js';

export const VOLUME_INPUTS = ['name', 'capacity', 'format', 'preallocation', 'backing'] as const;
export type VolumeInput = (typeof VOLUME_INPUTS)[number];

/** The input an option field ("name", "capacity", …) is shown on (the overcommit switch's on the size); null for none. */
export const volumeInputOf = headInput<VolumeInput>(VOLUME_INPUTS, { overcommit: 'capacity' });
