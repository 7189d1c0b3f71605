// zod schemas of storage pool and volume calls (shared/model/storage.ts).
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import {
  DISCOVERABLE_POOL_TYPES,
  POOL_ACTIONS,
  POOL_TYPES,
  PREALLOCATIONS,
  VOLUME_FORMATS,
} from '../model/storage.js';
import { hostName } from './schemas.js';

const bytes = lazySchema(() => z.number().int().nonnegative());
export const objectName = lazySchema(() => z.string().min(1).max(255));
const hostPath = lazySchema(() => z.string().min(1).max(4096));

export const poolSpec = lazySchema(() => z
  .object({
    name: objectName,
    type: z.enum(POOL_TYPES),
    target: hostPath.optional(),
    device: hostPath.optional(),
    devices: z.array(hostPath).max(64).optional(),
    host: z.union([z.string().min(1).max(253), z.array(z.string().min(1).max(253)).max(16)]).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    sourcePath: z.string().min(1).max(4096).optional(),
    sourceName: z.string().min(1).max(255).optional(),
    format: z.string().min(1).max(32).optional(),
    authUser: z.string().min(1).max(255).optional(),
    secretUuid: z.string().min(1).max(64).optional(),
  })
  .strict());

export const poolDefineOptions = lazySchema(() => z
  .object({ build: z.boolean().optional(), start: z.boolean().optional(), autostart: z.boolean().optional() })
  .strict());

export const poolInfo = lazySchema(() => z.object({
  host: z.string(),
  name: z.string(),
  uuid: z.string(),
  type: z.string(),
  state: z.string(),
  autostart: z.boolean(),
  capacity: z.number(),
  allocation: z.number(),
  available: z.number(),
  targetPath: z.string().nullable(),
  source: z.string().nullable(),
  filesystem: z.string().nullable(),
}));

export const volumeUser = lazySchema(() => z.object({
  kind: z.enum(['vm', 'snapshot', 'volume']),
  name: z.string(),
  vm: z.string().optional(),
  via: z.string().optional(),
  path: z.string().optional(),
}));

export const poolDeletePlan = lazySchema(() => z.object({
  host: z.string(),
  pool: z.string(),
  type: z.string(),
  targetPath: z.string().nullable(),
  source: z.string().nullable(),
  deleteData: z.boolean(),
  stop: z.boolean(),
  volumes: z.array(z.object({ name: z.string(), path: z.string(), allocation: z.number(), users: z.array(volumeUser) })),
}));

export const poolSourceCandidate = lazySchema(() => z.object({
  host: z.string().nullable(),
  path: z.string().nullable(),
  name: z.string().nullable(),
  devices: z.array(z.string()),
  format: z.string().nullable(),
}));

export const discoverablePoolType = lazySchema(() => z.enum(DISCOVERABLE_POOL_TYPES));
export const poolAction = lazySchema(() => z.enum(POOL_ACTIONS));

export const volumeInfo = lazySchema(() => z.object({
  host: z.string(),
  pool: z.string(),
  name: z.string(),
  key: z.string(),
  path: z.string(),
  type: z.string(),
  format: z.string().nullable(),
  capacity: z.number(),
  allocation: z.number(),
  backingChain: z.array(z.string()),
}));

export const volumeCreateOptions = lazySchema(() => z
  .object({
    name: objectName,
    capacity: bytes.min(1).optional(),
    format: z.enum(VOLUME_FORMATS).optional(),
    preallocation: z.enum(PREALLOCATIONS).optional(),
    backing: z.string().min(1).max(4096).optional(),
    overcommit: z.boolean().optional(),
  })
  .strict());

export const transferResult = lazySchema(() => z.object({ bytes: z.number(), sha256: z.string(), ms: z.number(), via: z.enum(['ssh', 'stream']) }));

/** A pool on a host. */
export const poolRef = lazySchema(() => z.object({ host: hostName, pool: objectName }).strict());
/** A volume in a pool on a host. */
export const volumeRef = lazySchema(() => poolRef.extend({ volume: objectName }).strict());
export { hostPath };
