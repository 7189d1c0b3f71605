// The Hardware tab's calls: one VM's two definitions (config and live) and the changes to them; each change
// reloads the view and answers what applies now and what after a restart.
import { create } from 'zustand';
import { type CallInput, type CallOutput, type CallValue, isTaskCall } from '../../shared/ipc/contract.js';
import type { HardwareView, HwChangeResult } from '../../shared/model/hardware.js';
import type { VmRef } from '../../shared/model/vm.js';
import { backend } from './backend.js';
import { runTask } from './tasks-slice.js';

type ChangeCall = 'vms.setResources' | 'vms.attachDisk' | 'vms.detachDisk' | 'vms.setCdrom' | 'vms.addNic' | 'vms.removeNic' | 'vms.setNicLink' | 'vms.moveNic' | 'vms.setBoot'
  | 'vms.setDevices';

const keyOf = (ref: VmRef): string => `${ref.host}/${ref.vm}`;

interface HardwareState {
  /** Views by host/vm of the ref. */
  views: Readonly<Record<string, HardwareView>>;
  /** What the last change of each VM did. */
  lastChange: Readonly<Record<string, HwChangeResult>>;
  load(ref: VmRef): Promise<void>;
  change<C extends ChangeCall>(call: C, input: CallInput<C>): Promise<CallValue<C>>;
}

export const useHardware = create<HardwareState>()((set, get) => ({
  views: {},
  lastChange: {},
  async load(ref) {
    const view = await backend().api['vms.hardware']({ ref });
    set({ views: { ...get().views, [keyOf(ref)]: view } });
  },
  async change(call, input) {
    // Disk changes are tasks (followed by id); the others answer at once.
    const result = (isTaskCall(call)
      ? await runTask(call, input as CallInput<typeof call>)
      : await (backend().api[call] as (i: CallInput<typeof call>) => Promise<CallOutput<typeof call>>)(input)) as HwChangeResult;
    set({ lastChange: { ...get().lastChange, [keyOf(input.ref)]: result } });
    await get().load(input.ref);
    return result as CallValue<typeof call>;
  },
}));

export const hardwareKey = keyOf;
