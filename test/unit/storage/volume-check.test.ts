// The volume lists are compared between looks because libvirt sends no volume events; a pool that becomes active
// between two looks is reported as a whole, so a list loaded between its start event and the next look is reloaded.
import { describe, expect, it } from 'vitest';
import type { LibvirtConnection } from '../../../electron/libvirt/connection.js';
import { VolumeCheck } from '../../../electron/core/resources/volume-check.js';
import type { ResourceRef } from '../../../shared/model/events.js';

function fakeHost(pools: Map<string, string[]>): LibvirtConnection {
  const fake = {
    closed: false,
    listAllStoragePools: async () => [...pools.keys()].map((name) => ({ name })),
    storagePoolListAllVolumes: async (pool: { name: string }) => (pools.get(pool.name) ?? []).map((name) => ({ name })),
  };
  return fake as unknown as LibvirtConnection;
}

describe('VolumeCheck', () => {
  it('gives no events on the first look, then one per volume that came or went', async () => {
    const pools = new Map([['default', ['a.qcow2']]]);
    const seen: ResourceRef[] = [];
    const check = new VolumeCheck(fakeHost(pools), (r) => seen.push(r));
    await check.look();
    expect(seen).toEqual([]);
    pools.set('default', ['b.qcow2']);
    await check.look();
    expect(seen).toEqual([
      { kind: 'volume', pool: 'default', name: 'b.qcow2' },
      { kind: 'volume', pool: 'default', name: 'a.qcow2' },
    ]);
  });

  it('reports a pool that became active between two looks, volumes and all', async () => {
    const pools = new Map<string, string[]>([['default', []]]);
    const seen: ResourceRef[] = [];
    const check = new VolumeCheck(fakeHost(pools), (r) => seen.push(r));
    await check.look();
    // Started and filled before the next look: without the pool event its new volume would be the baseline.
    pools.set('fresh', ['disk.qcow2']);
    await check.look();
    expect(seen).toEqual([{ kind: 'pool', name: 'fresh' }]);
    pools.set('fresh', ['disk.qcow2', 'more.qcow2']);
    await check.look();
    expect(seen.at(-1)).toEqual({ kind: 'volume', pool: 'fresh', name: 'more.qcow2' });
  });
});
