// zod schemas of bulk calls (shared/model/bulk.ts).
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { BULK_LIFECYCLE } from '../model/bulk.js';
import { VM_STATES } from '../model/vm.js';
import { errorReport } from './error-schema.js';
import { hostName } from './schemas.js';
import { snapshotName } from './snapshot-schemas.js';

/** At most this many VMs in one bulk action. */
const MAX_TARGETS = 2000;

export const bulkVm = lazySchema(() => z.object({ host: hostName, uuid: z.string().min(1).max(64) }).strict());

export const bulkSpec = lazySchema(() => z.discriminatedUnion('action', [
  z.object({ action: z.enum([...BULK_LIFECYCLE, 'lock', 'unlock']) }).strict(),
  z.object({ action: z.literal('snapshot'), name: snapshotName, description: z.string().max(4096).optional() }).strict(),
  z
    .object({ action: z.literal('tag'), add: z.array(z.string()).max(256), remove: z.array(z.string()).max(256) })
    .strict()
    .refine((s) => s.add.length + s.remove.length > 0, { message: 'give a tag to add or remove', path: ['add'] }),
  z.object({ action: z.literal('owner'), owner: z.string().nullable() }).strict(),
]));

export const bulkSelection = lazySchema(() => z.union([
  z.object({ filter: z.string().max(4096), host: hostName.optional() }).strict(),
  z.object({ vms: z.array(bulkVm).min(1).max(MAX_TARGETS) }).strict(),
]));

export const bulkPreview = lazySchema(() => z.object({
  targets: z.array(
    bulkVm.extend({ name: z.string(), state: z.enum(VM_STATES), locked: z.boolean(), skip: errorReport.nullable() }),
  ),
  hosts: z.array(z.string()),
  runnable: z.number().int(),
}));

export const bulkRunInput = lazySchema(() => z.object({ vms: z.array(bulkVm).min(1).max(MAX_TARGETS), spec: bulkSpec }).strict());

export const bulkResult = lazySchema(() => z.object({
  outcomes: z.array(
    bulkVm.extend({ name: z.string(), outcome: z.enum(['done', 'skipped', 'failed']), error: errorReport.nullable() }),
  ),
  done: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
}));
