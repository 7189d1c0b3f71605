// Bridges libvirt made for its networks (virbr0 of "default") are listed as that network's and are not deletable
// as host bridges; a host bridge a bridge-mode network merely uses stays the host's.
import { describe, expect, it } from 'vitest';
import { coreError } from '../../fixtures/core-error.js';
import { BridgeService } from '../../../electron/core/bridges/bridge-service.js';
import { DETECT_SCRIPT } from '../../../electron/core/bridges/host-network.js';
import type { HostRegistry } from '../../../electron/core/hosts/host-registry.js';
import type { NetworkInfo } from '../../../shared/model/network.js';

const ADDR = JSON.stringify([
  { ifname: 'eth0', link_type: 'ether', operstate: 'UP', addr_info: [{ family: 'inet', local: '192.168.1.5', prefixlen: 24 }] },
  { ifname: 'virbr0', link_type: 'ether', operstate: 'UP', linkinfo: { info_kind: 'bridge' }, addr_info: [{ family: 'inet', local: '192.168.122.1', prefixlen: 24 }] },
  { ifname: 'br0', link_type: 'ether', operstate: 'UP', linkinfo: { info_kind: 'bridge' }, addr_info: [] },
]);

const registry = {
  get: () => ({
    config: { name: 'h1', transport: 'ssh' },
    libvirt: () => ({}),
    transport: {
      exec: async (argv: readonly string[]) => {
        if (argv[2] !== DETECT_SCRIPT) throw new Error(`unexpected command ${argv.join(' ')}`);
        return { stdout: Buffer.from(`@@stack\nifupdown\n@@ssh\n192.168.1.9 50000 192.168.1.5 22\n@@addr\n${ADDR}\n`), stderr: Buffer.alloc(0), code: 0, signal: null };
      },
    },
  }),
} as unknown as HostRegistry;

const net = (name: string, mode: NetworkInfo['mode'], bridge: string) => ({ name, mode, bridge }) as NetworkInfo;
const networks = { list: async () => [net('default', 'nat', 'virbr0'), net('lan', 'bridge', 'br0')] };

describe('bridges of libvirt networks', () => {
  it('lists virbr0 as network "default" and br0 (only used by a bridge-mode network) as the host\'s', async () => {
    const list = await new BridgeService(registry, networks).list('h1');
    expect(list.map((b) => [b.name, b.network])).toEqual([
      ['virbr0', 'default'],
      ['br0', null],
    ]);
  });

  it('refuses to delete virbr0, naming its network, before touching the host configuration', async () => {
    await expect(new BridgeService(registry, networks).remove('h1', 'virbr0')).rejects.toEqual(
      coreError('bridge.of-network', { host: 'h1', name: 'virbr0', network: 'default' }),
    );
  });
});
