// Events the core emits (main → renderer, CLI `events`). Discriminated by `type`.
import type { ErrorReport } from './errors.js';
import type { HostStatus } from './host.js';
import type { VmInfo } from './vm.js';
import type { TaskInfo } from './task.js';
import type { VmStats } from './stats.js';

export type CoreEvent =
  | { type: 'host-status'; host: string; status: HostStatus; since: string; error: ErrorReport | null }
  | { type: 'vm-updated'; vm: VmInfo }
  | { type: 'vm-removed'; host: string; uuid: string; name: string }
  /** A libvirt domain event as received (lifecycle, reboot, device, agent, job). */
  | { type: 'domain-event'; host: string; uuid: string; name: string; event: string; detail: string; at: string }
  | { type: 'stats'; host: string; at: string; stats: VmStats[] }
  | { type: 'task'; task: TaskInfo };
