export { allocate, checkManual, describe, validateNetwork, isDomainName, DESCRIBE_LIMIT } from './ipam.js';
export { parseIpv4, formatIpv4, parseCidr, formatCidr, inCidr, hostRange, hostAddressProblem } from './ipv4.js';
export type { Cidr, Parsed } from './ipv4.js';
export type { IpamNetwork, AddressHolder, HolderSource, IpamResult, AddressRow, AddressState } from './types.js';
