// Public API of cloud-init seed generation (see README.md).
export type { InstanceSpec, UserSpec, NetworkSpec, SeedFiles, SeedIssue } from './types.js';
export { SeedValidationError } from './types.js';
export { renderSeed, buildInstanceSeed, type RenderedSeed } from './seed.js';
export { buildSeedIso, SEED_VOLUME_ID } from './seed-iso.js';
export { buildIso9660, type IsoFile, type IsoOptions } from './iso9660.js';
export { validateInstanceSpec, validateSeedFiles, hasErrors } from './validate.js';
export { validateUserData } from './user-data.js';
export { validateNetworkConfig } from './network-config.js';
export { sha512Crypt, isSha512CryptHash } from '../../../shared/model/sha512-crypt.js';
export { sshPublicKeyProblem, macProblem, hostnameProblem } from './fields.js';
export { newInstanceId } from './meta-data.js';
