// Domain event ids (virDomainEventID) and names for lifecycle events/details and agent lifecycle (the names are in
// shared/: front ends word them).
import { AGENT_REASONS, AGENT_STATES, LIFECYCLE_DETAILS, LIFECYCLE_EVENTS } from '../../../shared/model/vm-events.js';

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

export function lifecycleNames(event: number, detail: number): { event: string; detail: string } {
  const name = LIFECYCLE_EVENTS[event];
  if (!name) return { event: `unknown-${event}`, detail: `unknown-${detail}` };
  const details: readonly string[] = LIFECYCLE_DETAILS[name];
  return { event: name, detail: details[detail] ?? `unknown-${detail}` };
}

export function agentLifecycleNames(state: number, reason: number): { event: string; detail: string } {
  return { event: AGENT_STATES[state] ?? `unknown-${state}`, detail: AGENT_REASONS[reason] ?? `unknown-${reason}` };
}
