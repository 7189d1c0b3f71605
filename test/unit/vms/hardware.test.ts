// Pure parts of the hardware changes: where a change goes, device names, device XML built with the model.
import { describe, expect, it } from 'vitest';
import { cdromDeviceXml, diskDeviceXml, newMac, nextTarget, nicDeviceXml } from '../../../electron/core/vms/hardware/devices.js';
import { bothWhereFound, impactFlags, resolveScope } from '../../../electron/core/vms/hardware/scope.js';
import { waitsForRestart } from '../../../shared/model/hardware.js';
import { canonicalXml } from '../../../electron/libvirt/xml/canonical.js';

const who = { host: 'h1', vm: 'web' };

describe('scope of a hardware change', () => {
  it('neither flag: a running VM gets both (live refusals tolerated), a shut-off one its config', () => {
    expect(resolveScope({}, true, who)).toEqual({ live: true, config: true, auto: true });
    expect(resolveScope({}, false, who)).toEqual({ live: false, config: true, auto: false });
  });
  it('flags as given; --live on a shut-off VM is refused', () => {
    expect(resolveScope({ live: true }, true, who)).toEqual({ live: true, config: false, auto: false });
    expect(resolveScope({ config: true }, true, who)).toEqual({ live: false, config: true, auto: false });
    expect(() => resolveScope({ live: true, config: true }, false, who)).toThrow(expect.objectContaining({ code: 'vm.live-not-running' }));
    expect(impactFlags({ live: true, config: true })).toBe(3);
  });
  it('removing a device: the definitions that have it; only when both do may a refused hot-unplug fall back', () => {
    expect(bothWhereFound(true, true)).toEqual({ live: true, config: true, auto: true });
    expect(bothWhereFound(false, true)).toEqual({ live: false, config: true, auto: false });
    expect(bothWhereFound(true, false)).toEqual({ live: true, config: false, auto: false });
  });
  it('what waits for a restart', () => {
    expect(waitsForRestart({ running: true, live: ['memory'], config: ['vcpus', 'memory'] })).toEqual(['vcpus']);
    expect(waitsForRestart({ running: false, live: [], config: ['vcpus'] })).toEqual([]);
  });
});

describe('device names', () => {
  it('next free target per bus, counting as libvirt does past z', () => {
    expect(nextTarget('virtio', new Set(['vda', 'hdc']))).toBe('vdb');
    expect(nextTarget('sata', new Set(['vda']))).toBe('sda');
    expect(nextTarget('scsi', new Set(['sda', 'sdb']))).toBe('sdc');
    const az = new Set([...'abcdefghijklmnopqrstuvwxyz'].map((c) => `vd${c}`));
    expect(nextTarget('virtio', az)).toBe('vdaa');
  });
  it('a new MAC is in 52:54:00 and not one the VM has', () => {
    const mac = newMac(new Set());
    expect(mac).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
  });
});

describe('device XML', () => {
  it('a disk, a CD-ROM and a NIC as libvirt takes them', () => {
    expect(canonicalXml(diskDeviceXml({ path: '/p/a.qcow2', block: false, format: 'qcow2' }, 'vdb', 'virtio'))).toBe(
      canonicalXml(`<disk device="disk" type="file"><driver name="qemu" type="qcow2"/><source file="/p/a.qcow2"/><target bus="virtio" dev="vdb"/></disk>`),
    );
    expect(canonicalXml(diskDeviceXml({ path: '/dev/vg/x', block: true, format: 'raw' }, 'sda', 'scsi'))).toBe(
      canonicalXml(`<disk device="disk" type="block"><driver name="qemu" type="raw"/><source dev="/dev/vg/x"/><target bus="scsi" dev="sda"/></disk>`),
    );
    expect(canonicalXml(cdromDeviceXml({ path: '/i.iso', block: false, format: 'raw' }, 'sdb', 'sata'))).toBe(
      canonicalXml(`<disk device="cdrom" type="file"><driver name="qemu" type="raw"/><source file="/i.iso"/><target bus="sata" dev="sdb"/><readonly/></disk>`),
    );
    expect(canonicalXml(nicDeviceXml({ network: 'lan' }, '52:54:00:00:00:01', 'e1000e'))).toBe(
      canonicalXml(`<interface type="network"><mac address="52:54:00:00:00:01"/><source network="lan"/><model type="e1000e"/></interface>`),
    );
  });
});
