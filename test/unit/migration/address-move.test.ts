// The L2-segment rule that decides whether a migrating VM keeps its IPAM address: only a LAN reached through a host
// bridge of the same name on both hosts, with the same subnet in the target's IPAM.
import { describe, expect, it } from 'vitest';
import { sameSegment, type Segment } from '../../../electron/core/migration/address-move.js';

const CIDR = '10.0.0.0/24';
const hostBridge = (bridge: string, cidr = CIDR): Segment => ({ kind: 'bridge', forwardMode: null, bridge, cidr });
const libvirtNet = (forwardMode: string | null, bridge: string, cidr = CIDR): Segment => ({ kind: 'network', forwardMode, bridge, cidr });

describe('sameSegment', () => {
  it('keeps an address on a host bridge of the same name and subnet', () => {
    expect(sameSegment(hostBridge('br0'), hostBridge('br0'))).toBe(true);
  });

  it('keeps it between a host bridge and a bridge-mode libvirt network onto the same bridge, either way round', () => {
    expect(sameSegment(hostBridge('br0'), libvirtNet('bridge', 'br0'))).toBe(true);
    expect(sameSegment(libvirtNet('bridge', 'br0'), hostBridge('br0'))).toBe(true);
    expect(sameSegment(libvirtNet('bridge', 'br0'), libvirtNet('bridge', 'br0'))).toBe(true);
  });

  it('never keeps it on NAT, routed or isolated networks, even with the same bridge name and subnet', () => {
    for (const mode of ['nat', 'route', null]) expect(sameSegment(libvirtNet(mode, 'virbr0'), libvirtNet(mode, 'virbr0'))).toBe(false);
  });

  it('does not keep it across another bridge, another subnet, or a target without IPAM there', () => {
    expect(sameSegment(hostBridge('br0'), hostBridge('br1'))).toBe(false);
    expect(sameSegment(hostBridge('br0'), hostBridge('br0', '10.0.1.0/24'))).toBe(false);
    expect(sameSegment(hostBridge('br0'), null)).toBe(false);
  });
});
