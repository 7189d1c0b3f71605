// Test data shared by the inventory tests and the crash-test child process.
import type { VmSnapshot } from '../../../electron/inventory/types.js';
import { VM_STATES } from '../../../shared/model/vm.js';

export function uuidOf(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

export function vm(i: number, over: Partial<VmSnapshot> = {}): VmSnapshot {
  return {
    name: `vm-${i}`,
    uuid: uuidOf(i),
    state: 'shutoff',
    vcpus: 1,
    memoryMiB: 512,
    autostart: false,
    persistent: true,
    disks: [{ target: 'vda', device: 'disk', source: `/var/lib/libvirt/images/vm-${i}.qcow2`, format: 'qcow2', bus: 'virtio' }],
    nics: [{ mac: `52:54:00:00:00:${(i % 256).toString(16).padStart(2, '0')}`, type: 'network', source: 'default', model: 'virtio', ips: [] }],
    ips: [],
    locked: false,
    tags: [],
    owner: null,
    notes: '',
    fields: {},
    ...over,
  };
}

/** Crash test: UUIDs 0..99 are in every generation; 100 more come from a window that moves with the generation. */
export const CRASH_SET_SIZE = 200;

/** The VM set the crash-test child syncs as generation `gen`: every live field carries or derives from `gen`. */
export function crashSet(gen: number): VmSnapshot[] {
  const start = 100 + (gen % 7) * 20;
  const ids = [...Array.from({ length: 100 }, (_, i) => i), ...Array.from({ length: 100 }, (_, i) => start + i)];
  return ids.map((i) => {
    const ip = `10.${gen % 256}.${i >> 8}.${i & 255}`;
    return vm(i, {
      name: `vm-${i}-g${gen}`,
      state: VM_STATES[gen % VM_STATES.length],
      vcpus: gen,
      memoryMiB: gen * 2,
      autostart: gen % 2 === 0,
      disks: [{ target: 'vda', device: 'disk', source: `/img/${i}-${gen}.qcow2`, format: 'qcow2', bus: 'virtio' }],
      nics: [{ mac: '52:54:00:00:00:01', type: 'bridge', source: `br${gen}`, model: null, ips: [ip] }],
      ips: [ip],
    });
  });
}
