// Domain event ids (virDomainEventID) and names for lifecycle events/details and agent lifecycle.

export const DomainEventId = {
  LIFECYCLE: 0,
  REBOOT: 1,
  RTC_CHANGE: 2,
  WATCHDOG: 3,
  IO_ERROR: 4,
  GRAPHICS: 5,
  IO_ERROR_REASON: 6,
  CONTROL_ERROR: 7,
  BLOCK_JOB: 8,
  DISK_CHANGE: 9,
  TRAY_CHANGE: 10,
  PMWAKEUP: 11,
  PMSUSPEND: 12,
  BALLOON_CHANGE: 13,
  PMSUSPEND_DISK: 14,
  DEVICE_REMOVED: 15,
  BLOCK_JOB_2: 16,
  TUNABLE: 17,
  AGENT_LIFECYCLE: 18,
  DEVICE_ADDED: 19,
  MIGRATION_ITERATION: 20,
  JOB_COMPLETED: 21,
  DEVICE_REMOVAL_FAILED: 22,
  METADATA_CHANGE: 23,
} as const;

/** virDomainEventType, by number. */
export const LIFECYCLE_EVENTS = [
  'defined',
  'undefined',
  'started',
  'suspended',
  'resumed',
  'stopped',
  'shutdown',
  'pmsuspended',
  'crashed',
] as const;

/** virDomainEvent*DetailType per lifecycle event, by number. */
export const LIFECYCLE_DETAILS: Readonly<Record<(typeof LIFECYCLE_EVENTS)[number], readonly string[]>> = {
  defined: ['added', 'updated', 'renamed', 'from-snapshot'],
  undefined: ['removed', 'renamed'],
  started: ['booted', 'migrated', 'restored', 'from-snapshot', 'wakeup'],
  suspended: [
    'paused',
    'migrated',
    'ioerror',
    'watchdog',
    'restored',
    'from-snapshot',
    'api-error',
    'postcopy',
    'postcopy-failed',
  ],
  resumed: ['unpaused', 'migrated', 'from-snapshot', 'postcopy', 'postcopy-failed'],
  stopped: ['shutdown', 'destroyed', 'crashed', 'migrated', 'saved', 'failed', 'from-snapshot'],
  shutdown: ['finished', 'guest', 'host'],
  pmsuspended: ['memory', 'disk'],
  crashed: ['panicked', 'crashloaded'],
};

export function lifecycleNames(event: number, detail: number): { event: string; detail: string } {
  const name = LIFECYCLE_EVENTS[event];
  if (!name) return { event: `unknown-${event}`, detail: `unknown-${detail}` };
  return { event: name, detail: LIFECYCLE_DETAILS[name][detail] ?? `unknown-${detail}` };
}

/** virConnectDomainEventAgentLifecycleState / Reason */
const AGENT_STATES = ['unknown', 'connected', 'disconnected'];
const AGENT_REASONS = ['unknown', 'domain-started', 'channel'];

export function agentLifecycleNames(state: number, reason: number): { event: string; detail: string } {
  return { event: AGENT_STATES[state] ?? `unknown-${state}`, detail: AGENT_REASONS[reason] ?? `unknown-${reason}` };
}
