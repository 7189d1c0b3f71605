// virtdeck ssh, stats, events, audit, xml
import type { XmlKind } from '../../libvirt/xml/normalize.js';
import { HOST_FILTER, JSON_FLAG, VM_ARG, from } from './common.js';
import type { CommandDef, FlagDef, GroupDef } from './types.js';
import { TOP_BY } from '../../../shared/model/top.js';
import { AUDIT_RESULTS, HOST_AUDIT_FILE } from '../../../shared/model/audit.js';

/** Every kind once (a missing one is a type error); the model itself loads only when the command runs. */
const XML_KINDS = Object.keys({ domain: 1, pool: 1, volume: 1, network: 1, snapshot: 1 } satisfies Record<XmlKind, 1>);

export const sshCommand: CommandDef = {
  name: 'ssh',
  summary: 'SSH into a guest through its host',
  args: [VM_ARG],
  rest: 'COMMAND',
  flags: [
    { name: 'user', value: 'NAME', help: 'guest user (default: the one it was launched with, else yours)' },
    { name: 'identity', value: 'FILE', repeat: true, complete: 'file', help: 'private key(s) to offer' },
    { name: 'ip', value: 'ADDRESS', help: 'guest address (default: from the guest agent or the IPAM reservation)' },
    { name: 'accept-new-host-key', help: "trust a new guest key the VM's serial console could not vouch for" },
  ],
  details: 'Guest host keys are kept per VM in $VIRTDECK_HOME/guest_host_keys. A new key is trusted when it matches the\n' +
    'keys the VM printed on its serial console; when that console cannot be read, only with --accept-new-host-key.',
  load: from(() => import('../commands/ssh.js'), 'ssh'),
};

export const statsCommand: CommandDef = {
  name: 'stats',
  summary: 'CPU, memory, disk and network counters of every VM (one bulk call per host)',
  flags: [HOST_FILTER, JSON_FLAG],
  load: from(() => import('../commands/stats.js'), 'stats'),
};

const INTERVAL = (what: string, fallback: number): FlagDef => ({ name: 'interval', value: 'S', help: `${what} (default ${fallback})` });

export const topCommand: CommandDef = {
  name: 'top',
  summary: 'VMs of every host ranked by CPU, memory, disk or network use',
  flags: [
    { name: 'by', value: 'WHAT', choices: TOP_BY, help: 'rank by this (default cpu)' },
    INTERVAL('seconds between the two stats ticks the rates come from', 2),
    JSON_FLAG,
  ],
  load: from(() => import('../commands/top.js'), 'top'),
};

export const metricsCommand: CommandDef = {
  name: 'metrics',
  summary: 'recorded history of a host or VM (written by the app and by `virtdeck watch`)',
  args: [{ name: 'HOST[/VM]', complete: 'vm' }],
  flags: [{ name: 'since', value: 'SPAN', help: 'how far back: 90s, 15m, 1h, 1d, 30d, 365d (default 1h)' }, JSON_FLAG],
  details: 'History is kept in tiers: every 10 s for a day, 5-minute averages for 30 days, hourly averages for a year\n' +
    '($VIRTDECK_HOME/metrics.sqlite, at most ~1.27 MB per host or VM). The finest tier holding SPAN answers.',
  load: from(() => import('../commands/metrics.js'), 'metrics'),
};

export const watchCommand: CommandDef = {
  name: 'watch',
  summary: 'headless collector: record metrics and deliver alerts of every host until Ctrl+C or SIGTERM',
  flags: [INTERVAL('seconds between ticks (one bulk stats call per host each)', 10)],
  load: from(() => import('../commands/metrics.js'), 'watch'),
};

export const auditCommand: CommandDef = {
  name: 'audit',
  summary: 'the audit log: who did what to which host or VM, when, and how it ended',
  flags: [
    HOST_FILTER,
    { name: 'vm', value: 'VM', help: 'only this VM (its name or UUID as the action named it)' },
    { name: 'since', value: 'DATE', help: 'from this date (2026-12-01, UTC) or time (ISO 8601)' },
    { name: 'until', value: 'DATE', help: 'before this date or time' },
    { name: 'result', value: 'RESULT', choices: AUDIT_RESULTS, help: 'only entries that ended so' },
    { name: 'text', value: 'TEXT', help: 'only entries whose action, target, user, error code or arguments contain TEXT' },
    { name: 'limit', value: 'N', help: 'at most N entries, newest first (default 1000)' },
    { name: 'csv', value: 'FILE', complete: 'file', help: 'write the entries as CSV to FILE instead of printing them' },
    JSON_FLAG,
  ],
  details: 'Every action of every VirtDeck front end (app, web, CLI) is kept in $VIRTDECK_HOME/audit.sqlite, and an action\n' +
    `on a host is also appended to ${HOST_AUDIT_FILE} on that host (over SFTP; while the host is offline the\n` +
    'lines wait here and go when it is back). The list merges this home\'s log with the files of the named host (or of\n' +
    'every host), so it shows what colleagues\' VirtDeck installs did there too. Reads are not audited.\n' +
    'virtdeck audit --host kvm1 --since 2026-12-01 --result error',
  load: from(() => import('../commands/audit.js'), 'audit'),
};

export const eventsCommand: CommandDef = {
  name: 'events',
  summary: 'print VM and host events as they happen, until Ctrl+C',
  flags: [HOST_FILTER, JSON_FLAG],
  load: from(() => import('../commands/events.js'), 'events'),
};

export const xmlGroup: GroupDef = {
  name: 'xml',
  summary: 'libvirt XML through VirtDeck\'s object model',
  commands: [
    {
      name: 'normalize',
      summary: 'read XML on stdin, write it back through the model (lossless: unknown elements survive)',
      flags: [{ name: 'kind', value: 'KIND', choices: XML_KINDS, help: 'document kind (default domain)' }],
      load: from(() => import('../commands/xml.js'), 'normalize'),
    },
  ],
};
