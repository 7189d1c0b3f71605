// The Hardware tab's "after restart" marks: what differs between a running VM's live definition and its config.
import { describe, expect, it } from 'vitest';
import type { HardwareView, HwState } from '../../../shared/model/hardware.js';
import { liveDiffers, rowsOf } from '../../../renderer/features/vms/hardware/pending.js';

const disk = (target: string) => ({ target, device: 'disk' as const, source: `/p/${target}`, format: 'qcow2', bus: 'virtio' });
const state = (over: Partial<HwState> = {}): HwState => ({
  vcpus: 1, maxVcpus: 2, memoryMiB: 512, maxMemoryMiB: 1024, disks: [disk('vda')], nics: [], boot: ['hd'], bootOrder: [], bootMenu: false,
  graphics: ['vnc'], video: ['virtio'], serial: true, agent: true, clipboard: false, ...over,
});
const view = (config: HwState, live: HwState | null): HardwareView => ({ running: live !== null, autostart: false, config, live });

describe('hardware pending marks', () => {
  it('a shut-off VM has nothing pending', () => {
    const v = view(state({ disks: [disk('vda'), disk('vdb')] }), null);
    expect(rowsOf(v, (s) => s.disks, (d) => d.target).map((r) => r.presence)).toEqual(['both', 'both']);
    expect(liveDiffers(v, (s) => s.vcpus)).toBeNull();
  });
  it('a device only in the config comes at the next boot, one only live goes then', () => {
    const v = view(state({ disks: [disk('vda'), disk('vdb')] }), state({ disks: [disk('vda'), disk('vdc')] }));
    expect(rowsOf(v, (s) => s.disks, (d) => d.target).map((r) => [r.item.target, r.presence])).toEqual([
      ['vda', 'both'], ['vdb', 'next-boot'], ['vdc', 'until-restart'],
    ]);
  });
  it('a field whose live value differs shows the live value', () => {
    const v = view(state({ vcpus: 2 }), state());
    expect(liveDiffers(v, (s) => s.vcpus)).toBe(1);
    expect(liveDiffers(v, (s) => s.memoryMiB)).toBeNull();
    expect(liveDiffers(view(state({ boot: ['cdrom', 'hd'] }), state()), (s) => s.boot)).toEqual(['hd']);
  });
});
