// The inputs of the IPAM settings form and the input a check's field ("range.start", "dns.0", …) is shown on.
import { headInput } from '../../app/dialog-gate.js';

export const IPAM_INPUTS = ['cidr', 'gateway', 'dns', 'search', 'rangeStart', 'rangeEnd', 'reserved'] as const;
export type IpamInput = (typeof IPAM_INPUTS)[number];

/** The input a settings field is shown on (a problem of the whole range on its start); null for none. */
export const ipamInputOf = headInput<IpamInput>(IPAM_INPUTS, { 'range.start': 'rangeStart', 'range.end': 'rangeEnd', range: 'rangeStart' });
