// From an InstanceSpec to the seed files and the ISO, validating at each step: nothing is
// produced from input with errors.
import { newInstanceId, renderMetaData } from './meta-data.js';
import { renderNetworkConfig } from './network-config.js';
import { buildSeedIso } from './seed-iso.js';
import { SeedValidationError, type InstanceSpec, type SeedFiles, type SeedIssue } from './types.js';
import { renderUserData } from './user-data.js';
import { hasErrors, validateInstanceSpec, validateSeedFiles } from './validate.js';

export interface RenderedSeed {
  files: SeedFiles;
  instanceId: string;
  /** Warnings, and one note per extra user-data value the form overrode. */
  notes: SeedIssue[];
}

/** The three files for a spec; throws SeedValidationError listing every error. */
export function renderSeed(spec: InstanceSpec): RenderedSeed {
  const specIssues = validateInstanceSpec(spec);
  if (hasErrors(specIssues)) throw new SeedValidationError(specIssues);
  const instanceId = spec.instanceId ?? newInstanceId(spec.hostname);
  const userData = renderUserData(spec);
  const networkConfig = renderNetworkConfig(spec.network);
  const files: SeedFiles = {
    userData: userData.text,
    metaData: renderMetaData(instanceId, spec.hostname),
    ...(networkConfig === undefined ? {} : { networkConfig }),
  };
  // The merged result is checked again as a whole (e.g. a user from the extra YAML twice).
  const fileIssues = validateSeedFiles(files);
  if (hasErrors(fileIssues)) throw new SeedValidationError(fileIssues);
  const merged: SeedIssue[] = userData.notes.map((problem) => ({ severity: 'warning', path: 'extraUserData', problem }));
  // File-level warnings repeat the spec's (the generated parts raise none), so the spec's are kept.
  return { files, instanceId, notes: [...specIssues, ...merged] };
}

/** The seed files and the ISO image (volume id `cidata`) for a spec. */
export function buildInstanceSeed(spec: InstanceSpec, date?: Date): RenderedSeed & { iso: Uint8Array } {
  const seed = renderSeed(spec);
  return { ...seed, iso: buildSeedIso(seed.files, date) };
}
