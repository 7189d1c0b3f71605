// audit.* calls.
import type { HandlersOf } from '../calls.js';
import type { AuditService } from './audit-service.js';

export function auditHandlers(audit: AuditService): HandlersOf<'audit'> {
  return {
    'audit.list': async (filter) => audit.list(filter),
    'audit.export': async ({ file, ...filter }) => ({ rows: await audit.exportCsv(filter, file) }),
  };
}
