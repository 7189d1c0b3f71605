// withNicAddress: a NIC added to an instance gets its own entry in the seed's network-config (named after the NICs
// already there, no gateway), is replaced when its address changes and goes when the NIC goes; other NICs stay.
import { describe, expect, it } from 'vitest';
import { renderNetworkConfig, validateNetworkConfig, withNicAddress } from '../../../electron/core/cloudinit/network-config.js';
import { parseYaml } from '../../../electron/core/cloudinit/yaml-doc.js';

const first = renderNetworkConfig({ mode: 'static', mac: '52:54:00:12:34:56', address: '10.0.0.5/24', gateway: '10.0.0.1', dns: ['10.0.0.1'], search: [] })!;
const value = (text: string | undefined) => parseYaml(text!, 'network-config').value as { ethernets: Record<string, unknown> };

describe('withNicAddress', () => {
  it('adds eth1 by MAC with its address and no gateway; the first NIC is unchanged; the file stays valid', () => {
    const out = withNicAddress(first, '52:54:00:AA:00:01', '10.0.1.7/24');
    expect(value(out).ethernets).toEqual({
      ...value(first).ethernets,
      'nic-525400aa0001': { match: { macaddress: '52:54:00:aa:00:01' }, 'set-name': 'eth1', addresses: ['10.0.1.7/24'] },
    });
    expect(validateNetworkConfig(out!)).toEqual([]);
  });

  it('an all-digit MAC stays a string for YAML 1.1 readers', () => {
    const out = withNicAddress(first, '52:54:00:12:34:57', '10.0.1.8/24')!;
    expect(out).toMatch(/macaddress: "52:54:00:12:34:57"/);
  });

  it('a second added NIC is eth2; changing an address keeps one entry; removing takes only that entry out', () => {
    const two = withNicAddress(withNicAddress(first, '52:54:00:aa:00:01', '10.0.1.7/24'), '52:54:00:aa:00:02', '10.0.2.7/24');
    expect((value(two).ethernets['nic-525400aa0002'] as { 'set-name': string })['set-name']).toBe('eth2');
    const moved = withNicAddress(two, '52:54:00:AA:00:01', '10.0.3.9/24');
    expect(Object.keys(value(moved).ethernets)).toHaveLength(3);
    expect(value(moved).ethernets['nic-525400aa0001']).toMatchObject({ addresses: ['10.0.3.9/24'] });
    const removed = withNicAddress(moved, '52:54:00:aa:00:01', null);
    expect(Object.keys(value(removed).ethernets).sort()).toEqual(['nic-525400aa0002', 'nic0']);
    expect(withNicAddress(removed, '52:54:00:aa:00:09', null)).toBe(removed);
  });

  it('nothing to change without a file (cloud-init DHCP fallback)', () => {
    expect(withNicAddress(undefined, '52:54:00:aa:00:01', '10.0.1.7/24')).toBeUndefined();
  });
});
