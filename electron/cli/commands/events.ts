// virtdeck events [--host NAME] [--json]: streams events until interrupted.
import type { CoreEvent } from '../../../shared/model/events.js';
import { errorWords } from '../error-words.js';
import type { Run } from '../table/types.js';

function line(e: CoreEvent): string | null {
  switch (e.type) {
    case 'domain-event':
      return `${e.at} ${e.host}/${e.name} ${e.event}${e.detail ? ` ${e.detail}` : ''}`;
    case 'host-status':
      return `${e.since} host ${e.host} ${e.status}${e.error ? ` (${errorWords(e.error)})` : ''}`;
    case 'host-removed':
      return `${new Date().toISOString()} host ${e.host} removed`;
    case 'vm-removed':
      return `${new Date().toISOString()} ${e.host}/${e.name} removed`;
    case 'resource-changed': {
      const within = e.kind === 'volume' ? `${e.pool}/` : e.kind === 'snapshot' ? `${e.vm}/` : '';
      return `${new Date().toISOString()} ${e.host} ${e.kind} ${within}${e.name ?? '*'} changed`;
    }
    default:
      return null;
  }
}

export const events: Run = async (ctx, args) => {
  const host = args.get('host');
  const json = args.has('json');
  const door = await ctx.door();
  const interrupted = ctx.interrupted();
  const off = door.onEvent((e) => {
    if (e.type === 'stats' || e.type === 'task' || e.type === 'vm-updated') return;
    if (host && 'host' in e && e.host !== host) return;
    const text = json ? JSON.stringify(e) : line(e);
    if (text) ctx.out.stdout(`${text}\n`);
  });
  // Kept connected (and reconnected) until Ctrl+C.
  await door.call('hosts.connect', { ...(host ? { names: [host] } : {}), supervise: true });
  ctx.out.stderr('listening for events (Ctrl+C to stop)\n');
  await interrupted;
  off();
  return 0;
};
