// Which lifecycle actions make sense in which VM state, and what a lock refuses: one table for the UI (menus,
// buttons), the CLI and the core (which enforces the lock).
import type { VmAction, VmState } from './vm.js';

export type LifecycleAction = VmAction | 'delete';

const APPLIES: Readonly<Record<LifecycleAction, readonly VmState[]>> = {
  start: ['shutoff', 'crashed', 'nostate'],
  shutdown: ['running', 'blocked'],
  reboot: ['running', 'blocked'],
  destroy: ['running', 'blocked', 'paused', 'shutdown', 'crashed', 'pmsuspended'],
  suspend: ['running', 'blocked'],
  resume: ['paused'],
  save: ['running', 'blocked', 'paused'],
  reset: ['running', 'blocked', 'paused'],
  delete: ['shutoff', 'crashed', 'nostate', 'running', 'blocked', 'paused', 'shutdown', 'pmsuspended'],
};

/** Actions that stop, interrupt, remove or rename the guest: a locked VM refuses them (it still starts and resumes). */
const LOCK_REFUSES: ReadonlySet<LifecycleAction | 'rename'> = new Set([
  'shutdown', 'reboot', 'destroy', 'suspend', 'save', 'reset', 'delete', 'rename',
]);

/** States with a guest to talk to (consoles). */
const LIVE: readonly VmState[] = ['running', 'paused', 'blocked'];

export const actionApplies = (state: VmState, action: LifecycleAction): boolean => APPLIES[action].includes(state);
export const lockRefuses = (action: LifecycleAction | 'rename'): boolean => LOCK_REFUSES.has(action);
export const hasLiveGuest = (state: VmState): boolean => LIVE.includes(state);
