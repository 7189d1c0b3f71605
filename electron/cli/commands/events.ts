// virtdeck events [--host NAME] [--json]: streams events until interrupted.
import type { CoreEvent } from '../../../shared/model/events.js';
import type { Core } from '../../core/core.js';
import { parseArgs, UsageError } from '../args.js';
import { errorWords } from '../error-words.js';
import type { Out } from '../output.js';

function line(e: CoreEvent): string | null {
  switch (e.type) {
    case 'domain-event':
      return `${e.at} ${e.host}/${e.name} ${e.event}${e.detail ? ` ${e.detail}` : ''}`;
    case 'host-status':
      return `${e.since} host ${e.host} ${e.status}${e.error ? ` (${errorWords(e.error)})` : ''}`;
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

export async function eventsCommand(core: Core, argv: string[], out: Out, stop: AbortSignal): Promise<number> {
  const args = parseArgs(argv, { host: { value: true }, json: {} });
  if (args.positionals.length) throw new UsageError('usage: virtdeck events [--host NAME] [--json]');
  const host = args.get('host');
  if (host) core.hostRegistry.config(host);
  const json = args.has('json');
  const off = core.onEvent((e) => {
    if (e.type === 'stats' || e.type === 'task' || e.type === 'vm-updated') return;
    if (host && 'host' in e && e.host !== host) return;
    const text = json ? JSON.stringify(e) : line(e);
    if (text) out.stdout(`${text}\n`);
  });
  for (const name of host ? [host] : core.hostRegistry.names()) core.hostRegistry.get(name).retryNow();
  out.stderr('listening for events (Ctrl+C to stop)\n');
  await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  off();
  return 0;
}
