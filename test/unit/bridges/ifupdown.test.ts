import { describe, expect, it } from 'vitest';
import { coreError } from '../../fixtures/core-error.js';
import { eniAddBridge, eniRemoveBridge } from '../../../electron/core/bridges/ifupdown.js';

const ENI = `# interfaces(5) file used by ifup(8) and ifdown(8)
source /etc/network/interfaces.d/*

auto lo
iface lo inet loopback

auto eth1
iface eth1 inet static
    address 10.0.0.5/24
    gateway 10.0.0.1
    # a comment inside
    dns-nameservers 10.0.0.1

iface eth1 inet6 auto
`;

describe('ifupdown bridge edits', () => {
  it('moves the NIC stanza options to the bridge and keeps everything else', () => {
    const { text, portHadStanza } = eniAddBridge(ENI, 'br0', 'eth1');
    expect(portHadStanza).toBe(true);
    expect(text).toBe(`# interfaces(5) file used by ifup(8) and ifdown(8)
source /etc/network/interfaces.d/*

auto lo
iface lo inet loopback

auto eth1
iface eth1 inet manual

iface eth1 inet6 auto

# bridge added by VirtDeck
auto br0
iface br0 inet static
    bridge_ports eth1
    bridge_stp off
    bridge_fd 0
    bridge_maxwait 0
    address 10.0.0.5/24
    gateway 10.0.0.1
    dns-nameservers 10.0.0.1
`);
  });

  it('remove is the inverse (up to the dropped comment)', () => {
    const { text } = eniAddBridge(ENI, 'br0', 'eth1');
    const back = eniRemoveBridge(text, 'br0');
    expect(back.port).toBe('eth1');
    expect(back.text).toBe(ENI.replace('    # a comment inside\n', ''));
  });

  it('a VLAN port without a stanza gives a manual bridge on eth1.10', () => {
    const { text, portHadStanza } = eniAddBridge(ENI, 'brvlan10', 'eth1.10');
    expect(portHadStanza).toBe(false);
    expect(text).toContain('iface brvlan10 inet manual\n    bridge_ports eth1.10\n');
    expect(text).toContain('iface eth1 inet static\n    address 10.0.0.5/24');
    expect(eniRemoveBridge(text, 'brvlan10').text).toBe(ENI);
  });

  it('refuses a NIC without a stanza, a bridge that exists, and removing an unknown bridge', () => {
    expect(() => eniAddBridge(ENI, 'br0', 'eth9')).toThrow(coreError('bridge.eni-no-stanza', { port: 'eth9' }));
    const { text } = eniAddBridge(ENI, 'br0', 'eth1');
    expect(() => eniAddBridge(text, 'br0', 'eth1')).toThrow(coreError('bridge.eni-defines', { name: 'br0' }));
    expect(() => eniRemoveBridge(ENI, 'br0')).toThrow(coreError('bridge.eni-no-bridge', { name: 'br0' }));
  });
});
