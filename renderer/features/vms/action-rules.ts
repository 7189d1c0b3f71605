// Which lifecycle actions apply to a VM in its state, and what blocks them (lock, disconnected host); the rules
// themselves are shared with the core and the CLI (shared/model/vm-rules.ts).
import type { VmInfo } from '../../../shared/model/vm.js';
import { actionApplies, lockRefuses, type LifecycleAction } from '../../../shared/model/vm-rules.js';
import type { MessageKey } from '../../app/i18n/en.js';

export type { LifecycleAction };

/** Destructive enough to ask first. */
export const CONFIRM: ReadonlySet<LifecycleAction> = new Set(['destroy', 'reset', 'save', 'delete']);

export interface Availability {
  /** The action makes sense in the VM's current state. */
  applies: boolean;
  /** Why it is disabled, or null when it can run. */
  blockedBy: MessageKey | null;
}

export function availability(vm: VmInfo, action: LifecycleAction): Availability {
  const applies = actionApplies(vm.state, action);
  if (vm.stale) return { applies, blockedBy: 'action.staleReason' };
  if (vm.locked && lockRefuses(action)) return { applies, blockedBy: 'action.lockedReason' };
  return { applies, blockedBy: null };
}

export const canRun = (vm: VmInfo, action: LifecycleAction): boolean => {
  const a = availability(vm, action);
  return a.applies && a.blockedBy === null;
};
