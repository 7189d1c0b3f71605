// bulk.* calls.
import type { HandlersOf } from '../calls.js';
import type { BulkService } from './bulk-service.js';

export function bulkHandlers(bulk: BulkService): HandlersOf<'bulk'> {
  return {
    'bulk.preview': ({ select, spec }) => bulk.preview(select, spec),
    'bulk.run': {
      task: ({ vms, spec }) => ({
        op: `bulk.${spec.action}`,
        args: { count: vms.length, ...(spec.action === 'snapshot' ? { snapshot: spec.name } : {}) },
        cancellable: true,
      }),
      run: ({ vms, spec }, ctx) => bulk.run(vms, spec, ctx),
    },
  };
}
