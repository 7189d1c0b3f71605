// How a core is set up: the app's (live, ticking, alerting) or a CLI command's (connects what it needs, reads once).
import type { CorePrompts } from './prompts.js';

export interface CoreOptions {
  /** State directory (inventory, settings); default $VIRTDECK_HOME or the OS app-data dir. */
  home?: string;
  prompts?: CorePrompts;
  /** Connect to every known host in the background and keep them connected (the app). Default true. */
  autoConnect?: boolean;
  /** Emit a `stats` event per host every N ms (the app: 1000). 0 = only on request. */
  statsIntervalMs?: number;
  /** Check every connected host's VM states in one bulk call every N ms, catching what events missed (the app:
   *  RECONCILE_INTERVAL_MS). 0 = never. */
  reconcileIntervalMs?: number;
  /**
   * Follow each connected host's libvirt events (VMs, pools, networks) so that its state stays live. Default true;
   * a CLI command that reads once and exits leaves it off: no subscriptions, one round trip less per host.
   */
  watch?: boolean;
  /** Sync each host's IPAM store with this home on connect. Default true; off for a CLI command that never touches
   *  addresses (`vm list`, `top`): the sync opens the host's SFTP subsystem, most of such a command's time. */
  ipam?: boolean;
  /** Evaluate the alert rules on this core's events and deliver what fires (the app, `virtdeck watch`). Default false. */
  alerts?: boolean;
  /** Check the level alert rules (pool fill, host memory, addresses) every N ms (the app: ALERT_CHECK_INTERVAL_MS). 0 = never. */
  alertCheckIntervalMs?: number;
}

/** The app's level-rule check period. */
export const ALERT_CHECK_INTERVAL_MS = 10_000;

/** The app's reconcile period: a missed event shows for at most this long. */
export const RECONCILE_INTERVAL_MS = 15_000;

/** What the app's core does besides answering calls (Electron and the web bridge alike): 1 Hz stats ticks, the
 *  reconcile safety net, alert rules evaluated and delivered. */
export const APP_CORE_OPTIONS = {
  statsIntervalMs: 1000,
  reconcileIntervalMs: RECONCILE_INTERVAL_MS,
  alerts: true,
  alertCheckIntervalMs: ALERT_CHECK_INTERVAL_MS,
} as const satisfies CoreOptions;
