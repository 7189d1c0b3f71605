// The schema of an error report crossing the door (task results, host status, console close).
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { ERROR_CODES, type ErrorCode, type ErrorReport } from '../model/errors.js';

export const errorReport: z.ZodType<ErrorReport> = lazySchema(() => z.lazy(() =>
  z
    .object({
      code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), errorReport, z.array(errorReport)])),
      field: z.string().optional(),
    })
    .strict(),
));
