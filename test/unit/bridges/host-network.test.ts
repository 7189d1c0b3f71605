import { describe, expect, it } from 'vitest';
import { parseHostNetwork } from '../../../electron/core/bridges/host-network.js';

// Shapes as printed by iproute2 6.1 (`ip -j -d addr show`), trimmed.
const ADDR = JSON.stringify([
  { ifname: 'lo', link_type: 'loopback', address: '00:00:00:00:00:00', operstate: 'UNKNOWN', addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8 }] },
  { ifname: 'eth0', link_type: 'ether', address: '52:54:00:aa:bb:cc', operstate: 'UP', linkinfo: { info_kind: 'veth' }, addr_info: [{ family: 'inet', local: '192.168.1.5', prefixlen: 24 }, { family: 'inet6', local: 'fe80::1', prefixlen: 64 }] },
  { ifname: 'br0', link_type: 'ether', address: '52:54:00:aa:bb:cd', operstate: 'DOWN', linkinfo: { info_kind: 'bridge' }, addr_info: [] },
  { ifname: 'eth1', link_type: 'ether', address: '52:54:00:aa:bb:ce', operstate: 'UP', master: 'br0' },
]);

describe('host network detection output', () => {
  it('finds the stack, the NICs and the one carrying the SSH session', () => {
    const info = parseHostNetwork('h', `@@stack\nifupdown\n@@ssh\n192.168.1.9 50000 192.168.1.5 22\n@@addr\n${ADDR}\n`);
    expect(info.stack).toBe('ifupdown');
    expect(info.sshServerAddress).toBe('192.168.1.5');
    expect(info.nics.map((n) => [n.name, n.kind, n.state, n.master, n.carriesSsh])).toEqual([
      ['lo', 'loopback', 'unknown', null, false],
      ['eth0', 'veth', 'up', null, true],
      ['br0', 'bridge', 'down', null, false],
      ['eth1', 'ethernet', 'up', 'br0', false],
    ]);
    expect(info.nics[1]?.addresses).toEqual(['192.168.1.5/24', 'fe80::1/64']);
  });

  it('a local host (no SSH_CONNECTION) carries no session; an unknown stack stays unknown', () => {
    const info = parseHostNetwork('h', `@@stack\nsomething\n@@ssh\n\n@@addr\n${ADDR}\n`);
    expect(info.stack).toBe('unknown');
    expect(info.sshServerAddress).toBeNull();
    expect(info.nics.some((n) => n.carriesSsh)).toBe(false);
  });
});
