// Schemas of the audit calls: the filter and the entries (shared/model/audit.ts).
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { AUDIT_RESULTS } from '../model/audit.js';
import { hostName } from './schemas.js';

const isoTime = lazySchema(() => z.string().min(1).max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'not a date or time'));

export const auditFilter = lazySchema(() => z
  .object({
    host: hostName.optional(),
    vm: z.string().min(1).max(1024).optional(),
    /** Entries at or after (a date alone is its start, UTC). */
    since: isoTime.optional(),
    /** Entries before (a date alone is its start, UTC). */
    until: isoTime.optional(),
    result: z.enum(AUDIT_RESULTS).optional(),
    text: z.string().min(1).max(200).optional(),
    /** Newest first, at most this many (default 1000). */
    limit: z.number().int().min(1).max(100_000).optional(),
  })
  .strict());

export const auditEntry = lazySchema(() => z.object({
  id: z.string(),
  at: z.string(),
  endedAt: z.string().nullable(),
  user: z.string(),
  action: z.string(),
  host: z.string().nullable(),
  vm: z.string().nullable(),
  object: z.string().nullable(),
  result: z.enum(AUDIT_RESULTS),
  code: z.string().nullable(),
  taskId: z.string().nullable(),
  args: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
}));

export const auditList = lazySchema(() => z.object({
  entries: z.array(auditEntry),
  /** Hosts whose file could not be read (offline, or the read failed): their colleagues' entries are missing. */
  unreadHosts: z.array(z.string()),
}));

export const auditExport = lazySchema(() => auditFilter.extend({ file: z.string().min(1).max(4096) }).strict());
