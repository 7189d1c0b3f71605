// Schemas of vms.screenshot: the VM and the local file the PNG goes to, and what was written.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { vmRef } from './schemas.js';

export const screenshotInput = lazySchema(() =>
  z
    .object({
      ref: vmRef,
      /** Where the core writes the PNG (a path the user picked). */
      file: z.string().min(1).max(4096),
    })
    .strict(),
);

export const screenshotResult = lazySchema(() => z.object({ width: z.number().int(), height: z.number().int(), bytes: z.number().int() }));
