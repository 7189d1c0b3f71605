// The inactive-vs-live diff the Hardware tab shows before anything is applied.
import { describe, expect, it } from 'vitest';
import { hwDiff } from '../../../shared/model/hardware-diff.js';
import type { HwNic, HwState } from '../../../shared/model/hardware.js';

const disk = (target: string, source = `/p/${target}.qcow2`) => ({ target, device: 'disk' as const, source, format: 'qcow2', bus: 'virtio' });
const nic = (mac: string, over: Partial<HwNic> = {}): HwNic => ({ mac, type: 'network', source: 'lab', model: 'virtio', linkUp: true, ...over });
const state = (over: Partial<HwState> = {}): HwState => ({
  vcpus: 1, maxVcpus: 2, memoryMiB: 512, maxMemoryMiB: 1024, disks: [disk('vda')], nics: [nic('52:54:00:00:00:01')],
  boot: ['hd'], bootOrder: [], bootMenu: false, graphics: ['vnc'], video: ['virtio'], serial: true, agent: true, clipboard: false, ...over,
});

describe('inactive-vs-live diff', () => {
  it('nothing when both definitions agree', () => {
    expect(hwDiff(state(), state())).toEqual([]);
  });
  it('VM-wide fields: the running value and the one from the next boot', () => {
    const rows = hwDiff(state(), state({ vcpus: 2, memoryMiB: 768, bootOrder: ['vda', '52:54:00:00:00:01'], boot: [], graphics: [], video: [], agent: false }));
    expect(rows).toEqual([
      { field: 'vcpus', item: null, now: '1', next: '2' },
      { field: 'memory', item: null, now: '512 MiB', next: '768 MiB' },
      { field: 'boot', item: null, now: 'hd', next: '—' },
      { field: 'boot-order', item: null, now: '—', next: 'vda, 52:54:00:00:00:01' },
      { field: 'graphics', item: null, now: 'vnc', next: '—' },
      { field: 'video', item: null, now: 'virtio', next: '—' },
      { field: 'agent', item: null, now: 'on', next: 'off' },
    ]);
  });
  it('devices: added at the next boot, gone then, or changed', () => {
    const live = state({ disks: [disk('vda'), disk('vdb')], nics: [nic('52:54:00:00:00:01')] });
    const config = state({ disks: [disk('vda', '/p/other.qcow2'), disk('vdc')], nics: [nic('52:54:00:00:00:01', { type: 'bridge', source: 'br0' })] });
    expect(hwDiff(live, config)).toEqual([
      { field: 'disk', item: 'vda', now: 'disk virtio /p/vda.qcow2', next: 'disk virtio /p/other.qcow2' },
      { field: 'disk', item: 'vdb', now: 'disk virtio /p/vdb.qcow2', next: null },
      { field: 'disk', item: 'vdc', now: null, next: 'disk virtio /p/vdc.qcow2' },
      { field: 'nic', item: '52:54:00:00:00:01', now: 'network lab virtio link up', next: 'bridge br0 virtio link up' },
    ]);
  });
});
