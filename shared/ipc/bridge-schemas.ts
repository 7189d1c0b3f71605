// zod schemas of host-bridge calls (shared/model/bridge.ts).
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { BRIDGE_TXN_STATES, NETWORK_STACKS } from '../model/bridge.js';

export const ifName = lazySchema(() => z.string().min(1).max(15));
export const bridgeTxnId = lazySchema(() => z.string().min(1).max(40));

export const hostNetworkInfo = lazySchema(() => z.object({
  host: z.string(),
  stack: z.enum(NETWORK_STACKS),
  nics: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      mac: z.string().nullable(),
      state: z.string(),
      master: z.string().nullable(),
      addresses: z.array(z.string()),
      carriesSsh: z.boolean(),
    }),
  ),
  sshServerAddress: z.string().nullable(),
}));

export const bridgeInfo = lazySchema(() => z.object({
  host: z.string(),
  name: z.string(),
  ports: z.array(z.string()),
  addresses: z.array(z.string()),
  state: z.string(),
  network: z.string().nullable(),
}));

export const bridgeTxn = lazySchema(() => z.object({
  host: z.string(),
  id: z.string(),
  action: z.enum(['create', 'delete']),
  bridge: z.string(),
  nic: z.string(),
  state: z.enum(BRIDGE_TXN_STATES),
  deadline: z.string(),
  log: z.string(),
}));

export const bridgeCreateSpec = lazySchema(() => z
  .object({
    nic: ifName,
    vlan: z.number().int().min(1).max(4094).optional(),
    name: ifName.optional(),
    rollbackSeconds: z.number().int().min(5).max(3600).optional(),
    allowSshNic: z.boolean().optional(),
  })
  .strict());
