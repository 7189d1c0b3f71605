// Schemas of the monitoring calls: host stats cards and metrics history.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { VM_STATES } from '../model/vm.js';
import { poolInfo } from './storage-schemas.js';

export const hostStats = lazySchema(() => z.object({
  host: z.string(),
  at: z.string(),
  hostname: z.string(),
  cpu: z.object({
    model: z.string(),
    cpus: z.number(),
    mhz: z.number(),
    percent: z.number().nullable(),
    times: z.object({ kernel: z.number(), user: z.number(), idle: z.number(), iowait: z.number() }),
  }),
  memory: z.object({ totalKiB: z.number(), freeKiB: z.number(), buffersKiB: z.number(), cachedKiB: z.number(), usedKiB: z.number() }),
  pools: z.array(poolInfo),
  vms: z.object(Object.fromEntries(VM_STATES.map((s) => [s, z.number()])) as Record<(typeof VM_STATES)[number], z.ZodNumber>),
  versions: z.object({ libvirt: z.string(), qemu: z.string() }),
  uptimeSeconds: z.number().nullable(),
  load: z.tuple([z.number(), z.number(), z.number()]).nullable(),
}));

const num = lazySchema(() => z.number().nullable());

export const metricHistory = lazySchema(() => z.object({
  host: z.string(),
  vm: z.string().nullable(),
  name: z.string(),
  step: z.number(),
  points: z.array(z.tuple([z.number(), num, num, num, num])),
}));
