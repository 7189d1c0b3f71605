// New VM: what each host can run (firmware, TPM, virt types), the OS presets, and the create calls (validate,
// create as a task the wizard hands to the task list).
import { create } from 'zustand';
import type { HostCaps, OsPreset, VmCreateResult, VmCreateSpec, VmCreateValidation } from '../../shared/model/new-vm.js';
import { backend } from './backend.js';
import { startTask } from './tasks-slice.js';

interface NewVmState {
  caps: Readonly<Record<string, HostCaps>>;
  presets: readonly OsPreset[];
  loadCaps(host: string): Promise<void>;
  loadPresets(): Promise<void>;
  validate(spec: VmCreateSpec): Promise<VmCreateValidation>;
  create(spec: VmCreateSpec): Promise<{ id: string; result: Promise<VmCreateResult> }>;
}

export const useNewVm = create<NewVmState>()((set, get) => {
  const api = () => backend().api;
  return {
    caps: {},
    presets: [],
    async loadCaps(host) {
      const caps = await api()['newVm.caps']({ host });
      set({ caps: { ...get().caps, [host]: caps } });
    },
    async loadPresets() {
      set({ presets: (await api()['newVm.osList']({})).presets });
    },
    validate: (spec) => api()['newVm.validate']({ spec }),
    create: (spec) => startTask('newVm.create', { spec }),
  };
});
