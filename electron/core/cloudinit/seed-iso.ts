// The NoCloud seed: an ISO 9660 + Joliet image labelled `cidata` holding user-data, meta-data
// and (optionally) network-config, which cloud-init's NoCloud datasource finds by that label.
import { buildIso9660 } from './iso9660.js';
import { SeedValidationError, type SeedFiles } from './types.js';
import { hasErrors, validateSeedFiles } from './validate.js';

/** Volume label the NoCloud datasource looks for (ds-identify also accepts CIDATA). */
export const SEED_VOLUME_ID = 'cidata';

/** The ISO for three files; they are validated first (SeedValidationError), so no bad seed is written. */
export function buildSeedIso(seed: SeedFiles, date?: Date): Uint8Array {
  const issues = validateSeedFiles(seed);
  if (hasErrors(issues)) throw new SeedValidationError(issues);
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const files = [
    { name: 'user-data', data: utf8(seed.userData) },
    { name: 'meta-data', data: utf8(seed.metaData) },
    ...(seed.networkConfig === undefined ? [] : [{ name: 'network-config', data: utf8(seed.networkConfig) }]),
  ];
  return buildIso9660({ volumeId: SEED_VOLUME_ID, files, applicationId: 'VIRTDECK', ...(date ? { date } : {}) });
}
