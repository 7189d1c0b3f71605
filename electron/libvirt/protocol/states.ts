// virDomainState numbers → the VmState names of shared/model (same order as libvirt's enum).
import { VM_STATES, type VmState } from '../../../shared/model/index.js';

export function domainStateName(state: number): VmState {
  return VM_STATES[state] ?? 'nostate';
}
