// Child process of audit-crash.test.ts: records audit entries through the audit service in a tight loop until it is
// killed with SIGKILL. Each entry is begun ("begun <id>") and ended ("ended <id> <result>"), reported on stdout (a
// pipe: written synchronously) once committed, so the parent knows what must be in the file.
import { AuditStore } from '../../../electron/inventory/audit-store.js';
import { AuditService } from '../../../electron/core/audit/audit-service.js';

const file = process.argv[2];
if (!file) throw new Error('usage: audit-crash-writer.ts <audit file>');
const offline = {
  isOnline: () => false,
  names: () => [],
  get: (): never => {
    throw new Error('no hosts');
  },
};
const audit = new AuditService(AuditStore.open(file), offline);
process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  const open = audit.begin('vms.action', { ref: { host: 'h', vm: `vm-${n}` }, action: 'start', pad: 'x'.repeat(n % 100) }, null);
  if (!open) throw new Error('vms.action is not audited');
  process.stdout.write(`begun ${open.id}\n`);
  const failed = n % 3 === 0;
  open.end(failed ? { code: 'vm.not-found' } : null);
  process.stdout.write(`ended ${open.id} ${failed ? 'error' : 'ok'}\n`);
}
