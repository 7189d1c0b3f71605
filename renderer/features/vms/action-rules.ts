// Which lifecycle actions apply to a VM in its state, and what blocks them (lock, disconnected host).
import type { VmAction, VmInfo, VmState } from '../../../shared/model/vm.js';
import type { MessageKey } from '../../app/i18n/en.js';

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

/** Actions that stop, interrupt or remove the guest: a locked VM refuses them. */
const STOPPING: ReadonlySet<LifecycleAction> = new Set(['shutdown', 'reboot', 'destroy', 'suspend', 'save', 'reset', 'delete']);

/** Destructive enough to ask first. */
export const CONFIRM: ReadonlySet<LifecycleAction> = new Set(['destroy', 'reset', 'save', 'delete']);

export interface Availability {
  /** The action makes sense in the VM's current state. */
  applies: boolean;
  /** Why it is disabled, or null when it can run. */
  blockedBy: MessageKey | null;
}

export function availability(vm: VmInfo, action: LifecycleAction): Availability {
  const applies = APPLIES[action].includes(vm.state);
  if (vm.stale) return { applies, blockedBy: 'action.staleReason' };
  if (vm.locked && STOPPING.has(action)) return { applies, blockedBy: 'action.lockedReason' };
  return { applies, blockedBy: null };
}

export const canRun = (vm: VmInfo, action: LifecycleAction): boolean => {
  const a = availability(vm, action);
  return a.applies && a.blockedBy === null;
};
