// Pools and volumes through the core against test-bed host 2 (over real SSH): dir and fs-on-a-loop-file through
// define → build → start → volume create/upload/download (SHA-256 equal)/resize/clone/linked clone → delete;
// netfs and logical as far as this kernel allows (see the skip reasons); bad input changes nothing.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolPlanWords } from '../../../electron/cli/pool-plan-words.js';
import { report } from '../../../shared/model/errors.js';
import { coreError } from '../../fixtures/core-error.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import { testbed } from '../testbed.js';
import { knownHostsCopy, sshHostConfig, tempHome, uniq } from '../core/helpers.js';

const tb = testbed();
const H = 'h2';
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const inHost = (...argv: string[]): string =>
  execFileSync(`${tb.dir}/bin/tbns`, ['2', ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const quiet = (fn: () => unknown): void => {
  try {
    fn();
  } catch {
    /* already gone */
  }
};
const virshQuiet = (...args: string[]): void =>
  void execFileSync('virsh', ['-c', `qemu+unix:///system?socket=${tb.hosts[1]?.socket}`, ...args], { stdio: 'ignore' });
const pools = (): string[] => tb.virsh(2, 'pool-list', '--all', '--name').split('\n').map((s) => s.trim());
const purgePool = (name: string): void => {
  quiet(() => virshQuiet('pool-destroy', name));
  quiet(() => virshQuiet('pool-undefine', name));
};
const miscDevices = readFileSync('/proc/misc', 'utf8');
const hasDeviceMapper = /\bdevice-mapper\b/.test(miscDevices);
const kernelHasNfs = /\bnfs\b/.test(readFileSync('/proc/filesystems', 'utf8'));

describe.skipIf(!tb.available)('storage pools and volumes on a real host', () => {
  const home = tempHome('vd-storage-');
  let core: Core;
  const created: string[] = [];

  beforeAll(async () => {
    core = await createCore({ home, autoConnect: false });
    await core.call('hosts.add', { config: sshHostConfig(tb, 2, knownHostsCopy(tb, home), H) });
  });

  afterAll(async () => {
    created.forEach(purgePool);
    await core?.close();
  });

  it('dir pool: a missing target is refused without --build (nothing defined), then define+build+start, volumes end to end, delete with data', async () => {
    const name = uniq('vdst-dir');
    created.push(name);
    const dir = `/var/lib/libvirt/vdst/${name}`;
    await expect(core.storage.pools.define(H, { name, type: 'dir', target: dir })).rejects.toThrow(coreError('pool.dir-missing', { host: H, path: dir }));
    expect(pools()).not.toContain(name);

    const pool = await core.storage.pools.define(H, { name, type: 'dir', target: dir }, { build: true, start: true, autostart: true });
    expect(pool).toMatchObject({ type: 'dir', state: 'running', autostart: true, targetPath: dir });
    expect(pool.capacity).toBeGreaterThan(0);
    expect(tb.virsh(2, 'pool-info', name)).toMatch(/State:\s+running[\s\S]*Autostart:\s+yes/);
    expect((await core.storage.pools.list(H)).map((p) => p.name)).toContain(name);
    await expect(core.storage.pools.define(H, { name: uniq('vdst-dup'), type: 'dir', target: dir })).rejects.toThrow(coreError('pool.target-in-use', { host: H, pool: name, path: dir }));

    // A volume that cannot fit is refused before anything is created.
    const huge = pool.available + 1024 ** 3;
    await expect(core.storage.volumes.create(H, name, { name: 'huge.raw', capacity: huge, format: 'raw', preallocation: 'full' })).rejects.toThrow(
      coreError('volume.no-space', { host: H, pool: name, needBytes: huge, freeBytes: pool.available }),
    );
    await expect(core.storage.volumes.create(H, name, { name: 'thin.qcow2', capacity: huge })).rejects.toThrow(
      coreError('volume.overcommit', { host: H, pool: name, sizeBytes: huge, freeBytes: pool.available }),
    );
    expect(tb.virsh(2, 'vol-list', name)).not.toMatch(/huge|thin/);

    // Upload a file into a new volume, download it back: the same bytes.
    const local = join(home, 'data.bin');
    writeFileSync(local, randomBytes(3 * 1024 * 1024 + 123));
    const up = await core.storage.transfers.upload(H, name, 'data.raw', local);
    expect(up).toMatchObject({ created: true, bytes: 3 * 1024 * 1024 + 123, sha256: sha(local) });
    const back = join(home, 'back.bin');
    const down = await core.storage.transfers.download(H, name, 'data.raw', back);
    expect(down.sha256).toBe(up.sha256);
    expect(sha(back)).toBe(up.sha256);
    await expect(core.storage.transfers.download(H, name, 'data.raw', back)).rejects.toThrow(coreError('file.exists', { path: back }));
    const tasks = core.tasks.list().filter((t) => t.args.volume === 'data.raw');
    expect(tasks.map((t) => [t.state, t.progress])).toEqual([['succeeded', 1], ['succeeded', 1]]);
    console.log(`upload ${(up.bytes / 1048576).toFixed(1)} MiB in ${up.ms.toFixed(0)} ms, download in ${down.ms.toFixed(0)} ms`);

    // qcow2 base, resize, full clone, linked clone with its backing chain.
    const base = await core.storage.volumes.create(H, name, { name: 'base.qcow2', capacity: 16 * 1024 ** 2, format: 'qcow2', preallocation: 'metadata' });
    expect(base).toMatchObject({ format: 'qcow2', capacity: 16 * 1024 ** 2, backingChain: [] });
    const grown = await core.storage.volumes.resize(H, name, 'base.qcow2', 32 * 1024 ** 2);
    expect(grown.capacity).toBe(32 * 1024 ** 2);
    await expect(core.storage.volumes.resize(H, name, 'base.qcow2', 8 * 1024 ** 2)).rejects.toThrow(coreError('volume.shrink', { newBytes: 8 * 1024 ** 2, currentBytes: 32 * 1024 ** 2 }));
    const copy = await core.storage.volumes.clone(H, name, 'base.qcow2', 'copy.qcow2');
    expect(copy).toMatchObject({ format: 'qcow2', capacity: 32 * 1024 ** 2 });
    const overlay = await core.storage.volumes.create(H, name, { name: 'overlay.qcow2', backing: 'base.qcow2' });
    expect(overlay).toMatchObject({ capacity: 32 * 1024 ** 2, backingChain: [base.path] });
    const overlay2 = await core.storage.volumes.create(H, name, { name: 'overlay2.qcow2', backing: 'overlay.qcow2' });
    expect(overlay2.backingChain).toEqual([overlay.path, base.path]);
    expect(inHost('qemu-img', 'info', '-U', '--backing-chain', overlay2.path)).toContain(`backing file: ${overlay.path}`);
    await expect(core.storage.volumes.delete(H, name, 'base.qcow2')).rejects.toMatchObject({
      code: 'volume.in-use',
      params: {
        uses: [report('volume.used-by', { host: H, volume: `${name}/base.qcow2`, users: [report('user.volume', { name: `${name}/overlay.qcow2` }), report('user.volume', { name: `${name}/overlay2.qcow2` })] })],
      },
    });
    await core.storage.volumes.delete(H, name, 'overlay2.qcow2');
    expect(tb.virsh(2, 'vol-list', name)).not.toContain('overlay2');

    // Delete: the plan says what goes, then exactly that goes.
    const plan = await core.storage.pools.deletePlan(H, name, true);
    expect(plan).toMatchObject({ type: 'dir', targetPath: dir, deleteData: true });
    expect(poolPlanWords(plan)).toMatch(new RegExp(`DESTROYS 4 volume\\(s\\).*base\\.qcow2, copy\\.qcow2, data\\.raw, overlay\\.qcow2.*removes the directory ${dir}`));
    expect(pools()).toContain(name);
    await core.storage.pools.delete(H, name, true);
    expect(pools()).not.toContain(name);
    expect(inHost('sh', '-c', `test -e ${dir} && echo present || echo gone`)).toBe('gone');
  });

  it('fs pool on a loop file: build formats the blank device, start mounts it, volumes work, stop unmounts', async () => {
    const name = uniq('vdst-fs');
    created.push(name);
    const img = `/var/lib/libvirt/vdst-${name}.img`;
    const mnt = `/var/lib/libvirt/vdst-${name}-mnt`;
    inHost('truncate', '-s', '96M', img);
    const loop = inHost('losetup', '-f', '--show', img);
    try {
      await expect(core.storage.pools.define(H, { name, type: 'fs', device: img, target: mnt }, { build: true })).rejects.toThrow(
        coreError('pool.device-is-file', { host: H, path: img }),
      );
      await expect(core.storage.pools.define(H, { name, type: 'fs', device: '/dev/nonexistent9', target: mnt }, { build: true })).rejects.toThrow(
        coreError('pool.device-missing', { host: H, path: '/dev/nonexistent9' }),
      );
      expect(pools()).not.toContain(name);
      const pool = await core.storage.pools.define(H, { name, type: 'fs', device: loop, target: mnt, format: 'ext4' }, { build: true, start: true });
      expect(pool).toMatchObject({ type: 'fs', state: 'running', source: `${loop} (ext4)` });
      expect(inHost('blkid', '-o', 'value', '-s', 'TYPE', loop)).toBe('ext4');
      expect(inHost('findmnt', '-n', '-o', 'SOURCE', mnt)).toBe(loop);
      const local = join(home, 'fs.bin');
      writeFileSync(local, randomBytes(2 * 1024 * 1024));
      await core.storage.volumes.create(H, name, { name: 'v.raw', capacity: 2 * 1024 * 1024, format: 'raw' });
      const up = await core.storage.transfers.upload(H, name, 'v.raw', local);
      expect(up).toMatchObject({ created: false, sha256: sha(local) });
      expect((await core.storage.transfers.download(H, name, 'v.raw', join(home, 'fs-back.bin'))).sha256).toBe(sha(local));
      await core.storage.volumes.resize(H, name, 'v.raw', 4 * 1024 * 1024);
      expect((await core.storage.volumes.list(H, name)).map((v) => [v.name, v.type, v.capacity])).toContainEqual(['v.raw', 'file', 4 * 1024 * 1024]);
      const plan = await core.storage.pools.delete(H, name, true);
      expect(poolPlanWords(plan)).toMatch(/DESTROYS 1 volume\(s\) using .*: v\.raw\. .*the filesystem on the device stays/);
      expect(pools()).not.toContain(name);
      expect(inHost('sh', '-c', `findmnt ${mnt} || echo unmounted`)).toBe('unmounted');
    } finally {
      quiet(() => inHost('umount', mnt));
      quiet(() => inHost('losetup', '-d', loop));
      quiet(() => inHost('rm', '-rf', img, mnt));
    }
  });

  it('netfs: define validates; start needs the kernel NFS client, which this kernel lacks → clear error, nothing kept', async () => {
    const name = uniq('vdst-nfs');
    created.push(name);
    const mnt = `/var/lib/libvirt/vdst-${name}`;
    await expect(core.storage.pools.define(H, { name, type: 'netfs', sourcePath: '/srv', target: mnt })).rejects.toThrow(coreError('pool.source-host-required', { type: 'netfs' }));
    const start = core.storage.pools.define(H, { name, type: 'netfs', host: 'h1', sourcePath: '/srv/nfs', target: mnt }, { build: true, start: true });
    if (kernelHasNfs) {
      // Reaching here means the kernel can mount NFS; an NFS server would be needed for a full run.
      await start.catch(() => undefined);
    } else {
      const err = await start.then(() => null, (e: unknown) => e as Error);
      console.log(`netfs start on this kernel: ${err?.message}`);
      expect(err).toMatchObject({ code: 'pool.not-kept', params: { host: H, pool: name, message: expect.stringMatching(/mount|nfs/i) } });
    }
    expect(pools()).not.toContain(name);
    quiet(() => inHost('rmdir', mnt));
  });

  it.skipIf(!hasDeviceMapper)('logical pool (needs device-mapper in the kernel)', () => {
    // Not reached here: /proc/misc has no device-mapper, so LVM cannot activate volumes (see the note).
  });

  it('bad input is refused before libvirt is asked', async () => {
    await expect(core.storage.pools.define(H, { name: 'x y', type: 'dir', target: '/tmp' })).rejects.toThrow(coreError('name.bad-chars', { name: 'x y' }));
    await expect(core.storage.pools.define(H, { name: 'default', type: 'dir', target: '/tmp/x' })).rejects.toThrow(coreError('pool.exists', { host: H, pool: 'default' }));
    await expect(core.storage.volumes.list(H, 'no-such-pool')).rejects.toThrow(coreError('pool.not-found', { host: 'h2', pool: 'no-such-pool' }));
    await expect(core.storage.transfers.upload(H, 'default', 'x.raw', '/nonexistent/file')).rejects.toThrow(coreError('file.not-found', { path: '/nonexistent/file' }));
  });
});
