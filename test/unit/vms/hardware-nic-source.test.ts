// What a NIC is plugged into: a libvirt network or a host bridge, given as exactly one of them; moving a NIC
// replaces its whole <source> (a live one carries the old network's portid and bridge).
import { describe, expect, it } from 'vitest';
import { nicDeviceXml, setNicSource } from '../../../electron/core/vms/hardware/devices.js';
import { sourceOf } from '../../../electron/core/vms/hardware/nics.js';
import { canonicalXml } from '../../../electron/libvirt/xml/canonical.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import { addNicInput, moveNicInput } from '../../../shared/ipc/hardware-schemas.js';

const ref = { host: 'h1', vm: 'web' };
const MAC = '52:54:00:00:00:01';

describe('NIC source', () => {
  it('a NIC on a host bridge', () => {
    expect(canonicalXml(nicDeviceXml({ bridge: 'br0' }, MAC, 'virtio'))).toBe(
      canonicalXml(`<interface type="bridge"><mac address="${MAC}"/><source bridge="br0"/><model type="virtio"/></interface>`),
    );
  });
  it('moving a live NIC drops the old source attributes and keeps the rest', () => {
    const x = DomainXml.parse(
      `<domain type="qemu"><name>a</name><devices><interface type="network"><mac address="${MAC}"/>` +
        `<source network="default" portid="0b1c" bridge="virbr0"/><target dev="vnet3"/><model type="virtio"/>` +
        `<boot order="2"/><alias name="net0"/></interface></devices></domain>`,
    );
    const n = x.interfaces[0]!;
    setNicSource(n, { network: 'lab' });
    expect(canonicalXml(n.toXml())).toBe(
      canonicalXml(
        `<interface type="network"><mac address="${MAC}"/><source network="lab"/><target dev="vnet3"/><model type="virtio"/>` +
          `<boot order="2"/><alias name="net0"/></interface>`,
      ),
    );
    setNicSource(n, { bridge: 'br1' });
    expect(n.type).toBe('bridge');
    expect([n.sourceBridge, n.sourceNetwork]).toEqual(['br1', null]);
  });
  it('exactly one of network and bridge, and an IPAM address only with a network', () => {
    expect(sourceOf({ network: 'lab' })).toEqual({ network: 'lab' });
    expect(sourceOf({ bridge: 'br0' })).toEqual({ bridge: 'br0' });
    expect(() => sourceOf({})).toThrow(expect.objectContaining({ code: 'vm.nic-source' }));
    expect(() => sourceOf({ network: 'a', bridge: 'b' })).toThrow(expect.objectContaining({ code: 'vm.nic-source' }));
    expect(addNicInput.safeParse({ ref, bridge: 'br0' }).success).toBe(true);
    expect(addNicInput.safeParse({ ref, network: 'lab', bridge: 'br0' }).success).toBe(false);
    expect(addNicInput.safeParse({ ref }).success).toBe(false);
    expect(addNicInput.safeParse({ ref, bridge: 'br0', ip: 'auto' }).success).toBe(false);
    expect(addNicInput.safeParse({ ref, bridge: 'br0; reboot' }).success).toBe(false);
    expect(moveNicInput.safeParse({ ref, mac: MAC, network: 'lab' }).success).toBe(true);
    expect(moveNicInput.safeParse({ ref, mac: MAC }).success).toBe(false);
  });
});
