// zod schemas of snapshot calls (shared/model/snapshot.ts).
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { SNAPSHOT_KINDS } from '../model/snapshot.js';

export const snapshotName = lazySchema(() => z.string().min(1).max(64));

export const snapshotInfo = lazySchema(() => z.object({
  host: z.string(),
  vm: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  createdAt: z.string().nullable(),
  state: z.string().nullable(),
  kind: z.enum(SNAPSHOT_KINDS),
  memory: z.boolean(),
  parent: z.string().nullable(),
  children: z.array(z.string()),
  current: z.boolean(),
  disks: z.array(z.object({ target: z.string(), mode: z.string(), overlay: z.string().nullable(), image: z.string().nullable() })),
  sizeBytes: z.number().nullable(),
}));

export const snapshotCreateSpec = lazySchema(() => z
  .object({ name: snapshotName, description: z.string().max(4096).optional(), kind: z.enum(SNAPSHOT_KINDS) })
  .strict());
