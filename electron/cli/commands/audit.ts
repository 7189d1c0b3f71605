// virtdeck audit [--host NAME] [--since DATE] …: the audit log (this home's and the hosts' files), newest first.
import { type AuditEntry, type AuditFilter, type AuditResult, auditTargetLabel } from '../../../shared/model/audit.js';
import type { Run } from '../table/types.js';
import { connect, int, printList } from './common.js';

export function auditRow(e: AuditEntry): string[] {
  const result = e.result === 'error' ? `error ${e.code ?? ''}`.trim() : e.result;
  return [e.at, e.user, e.action, auditTargetLabel(e), result, e.taskId ?? ''];
}

export const audit: Run = async (ctx, args) => {
  const filter: AuditFilter = {
    host: args.get('host'),
    vm: args.get('vm'),
    since: args.get('since'),
    until: args.get('until'),
    result: args.get('result') as AuditResult | undefined,
    text: args.get('text'),
    limit: int(args.get('limit'), 'limit'),
  };
  const given = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as AuditFilter;
  const door = await ctx.door({ watch: false });
  // The hosts' files are read over their connections: the named host, or every host.
  await connect(door, filter.host);
  const csv = args.get('csv');
  if (csv !== undefined) {
    const { rows } = await door.call('audit.export', { ...given, file: csv });
    ctx.out.stderr(`wrote ${rows} entries to ${csv}\n`);
    return 0;
  }
  const { entries, unreadHosts } = await door.call('audit.list', given);
  for (const host of unreadHosts) ctx.out.stderr(`virtdeck: the audit file of host ${host} was not read (not online): its entries by others are missing\n`);
  printList(ctx.out, args, entries, ['time', 'user', 'action', 'target', 'result', 'task'], auditRow);
  return 0;
};
