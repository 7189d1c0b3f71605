export { allocate, checkManual, describe, validateNetwork, isDomainName, DESCRIBE_LIMIT } from './ipam.js';
export type { IpamNetwork, AddressHolder, HolderSource, IpamResult, AddressRow, AddressState } from './types.js';
