// Cloning a VM: what the caller asks for and what the task ends with.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { CLONE_MAX_COUNT } from '../model/clone.js';
import { hostName, vmRef } from './schemas.js';

export const cloneSpec = lazySchema(() => z
  .object({
    ref: vmRef,
    /** The clone's name; with count > 1 a pattern with {n} (web-{n}). Checked by the core (clone.bad-name). */
    name: z.string().min(1).max(200),
    /** Another inventory host (full copies only); default the VM's own. */
    dest: hostName.optional(),
    /** qcow2 overlays on the source's volumes (same host): quick and small, but the source's disks become their base. */
    linked: z.boolean().default(false),
    /** A VirtDeck instance's address from IPAM: CIDR or auto (default auto when the source holds one). */
    ip: z.string().min(1).max(64).optional(),
    count: z.number().int().min(1).max(CLONE_MAX_COUNT).default(1),
    start: z.boolean().default(false),
  })
  .strict());

export const cloneResult = lazySchema(() => z.object({
  clones: z.array(
    z.object({
      host: z.string(),
      name: z.string(),
      uuid: z.string(),
      macs: z.array(z.string()),
      /** The clone's own disk (and seed) paths. */
      disks: z.array(z.string()),
      /** Its IPAM address (CIDR), when it got one. */
      ip: z.string().nullable(),
    }),
  ),
}));
