// A host's storage total counts each filesystem once: two dir pools on one filesystem report that filesystem twice.
import { describe, expect, it } from 'vitest';
import { storageTotal, type PoolInfo } from '../../../shared/model/storage.js';
import { parseStatDevices } from '../../../electron/core/storage/pool-filesystems.js';

const GiB = 2 ** 30;

function pool(name: string, filesystem: string | null, over: Partial<PoolInfo> = {}): PoolInfo {
  return {
    host: 'h1', name, uuid: `uuid-${name}`, type: 'dir', state: 'running', autostart: true,
    capacity: 252 * GiB, allocation: 100 * GiB, available: 152 * GiB, targetPath: `/srv/${name}`, source: null, filesystem, ...over,
  };
}

describe('storageTotal', () => {
  it('counts two pools on one filesystem once, even when their numbers were read at different moments', () => {
    const total = storageTotal([pool('default', '2049'), pool('isos', '2049', { allocation: 101 * GiB, available: 151 * GiB })]);
    expect(total.capacity).toBe(252 * GiB);
    expect(total.allocation).toBe(100 * GiB);
  });

  it('adds pools on different filesystems, pools of unknown filesystem each alone, and skips inactive ones', () => {
    const total = storageTotal([
      pool('a', '2049'),
      pool('b', '2050', { capacity: 10 * GiB }),
      pool('vg', null, { type: 'logical', capacity: 5 * GiB }),
      pool('vg2', null, { type: 'logical', capacity: 5 * GiB }),
      pool('off', '2051', { state: 'inactive', capacity: 999 * GiB }),
    ]);
    expect(total.capacity).toBe((252 + 10 + 5 + 5) * GiB);
  });

  it('does not merge the same device number on two hosts', () => {
    expect(storageTotal([pool('a', '2049'), pool('b', '2049', { host: 'h2' })]).capacity).toBe(2 * 252 * GiB);
  });
});

describe('parseStatDevices', () => {
  it('maps each printed path to its device and ignores stat complaints', () => {
    const m = parseStatDevices('2049 /var/lib/libvirt/images\n2049 /srv/my pool\n');
    expect(m.get('/srv/my pool')).toBe('2049');
    expect(m.get('/var/lib/libvirt/images')).toBe('2049');
    expect(m.size).toBe(2);
  });
});
