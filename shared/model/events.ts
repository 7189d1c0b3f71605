// Events the core emits (main → renderer, CLI `events`). Discriminated by `type`.
import type { AlertRecord } from './alerts.js';
import type { ErrorReport } from './errors.js';
import type { HostStatus } from './host.js';
import type { VmInfo } from './vm.js';
import type { TaskInfo } from './task.js';
import type { VmStats } from './stats.js';

/**
 * Something on a host that a list shows. Volumes are named within their pool, snapshots within their VM (UUID);
 * a snapshot name is null when libvirt only says "the VM went back to a snapshot".
 */
export type ResourceRef =
  | { kind: 'pool'; name: string }
  | { kind: 'network'; name: string }
  | { kind: 'volume'; pool: string; name: string }
  | { kind: 'snapshot'; vm: string; name: string | null };

export type CoreEvent =
  | { type: 'host-status'; host: string; status: HostStatus; since: string; error: ErrorReport | null }
  /** The host is no longer configured: its VMs and everything else of it are gone from every list. */
  | { type: 'host-removed'; host: string }
  | { type: 'vm-updated'; vm: VmInfo }
  | { type: 'vm-removed'; host: string; uuid: string; name: string }
  /** A libvirt domain event as received (lifecycle, reboot, device, agent, job). */
  | { type: 'domain-event'; host: string; uuid: string; name: string; event: string; detail: string; at: string }
  | { type: 'stats'; host: string; at: string; stats: VmStats[] }
  | { type: 'task'; task: TaskInfo }
  /** A resource was added, changed or removed, by libvirt's own events, a check of what has none, or VirtDeck. */
  | ({ type: 'resource-changed'; host: string } & ResourceRef)
  /** An alert fired or cleared (its state says which); sent once, by the process whose rule check changed it. */
  | { type: 'alert'; alert: AlertRecord }
  /** Sending an alert to a target failed (the alert stays in the history). */
  | { type: 'alert-undelivered'; alert: number; target: number; error: ErrorReport };
