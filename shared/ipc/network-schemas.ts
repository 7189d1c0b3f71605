// zod schemas of virtual network calls (shared/model/network.ts).
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { NETWORK_MODES } from '../model/network.js';

const ipv4 = lazySchema(() => z.string().min(7).max(15));

export const dhcpHost = lazySchema(() => z.object({ mac: z.string().min(1).max(17), ip: ipv4, name: z.string().min(1).max(63).optional() }).strict());

export const networkSpec = lazySchema(() => z
  .object({
    name: z.string().min(1).max(50),
    mode: z.enum(NETWORK_MODES),
    cidr: z.string().min(9).max(18).optional(),
    dhcpRange: z.object({ start: ipv4, end: ipv4 }).strict().nullable().optional(),
    dhcpHosts: z.array(dhcpHost).max(1024).optional(),
    bridge: z.string().min(1).max(15).optional(),
    forwardDev: z.string().min(1).max(15).optional(),
    autostart: z.boolean().optional(),
  })
  .strict());

export const networkInfo = lazySchema(() => z.object({
  host: z.string(),
  name: z.string(),
  uuid: z.string(),
  active: z.boolean(),
  persistent: z.boolean(),
  autostart: z.boolean(),
  mode: z.string(),
  bridge: z.string().nullable(),
  forwardDev: z.string().nullable(),
  addresses: z.array(z.string()),
  dhcpRanges: z.array(z.object({ start: z.string(), end: z.string() })),
  dhcpHosts: z.array(z.object({ mac: z.string(), ip: z.string(), name: z.string().optional() })),
}));

export const networkName = lazySchema(() => z.string().min(1).max(255));

/** One DHCP lease (expiryTime: seconds since the epoch). */
export const networkLease = lazySchema(() => z.object({
  iface: z.string(),
  expiryTime: z.number(),
  type: z.string(),
  mac: z.string().nullable(),
  iaid: z.string().nullable(),
  ipaddr: z.string(),
  prefix: z.number(),
  hostname: z.string().nullable(),
  clientId: z.string().nullable(),
}));
