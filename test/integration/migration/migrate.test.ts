// Live migration h1 → h2 on the real test bed, driven by the core over its two connections: with storage copy the
// VM runs on h2 only and its one inventory row (same UUID, lock) moved; a target without the VM's network is
// refused and left unchanged; cancel mid-copy leaves the VM running on h1 and nothing of it on h2.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreError } from '../../fixtures/core-error.js';
import type { Core } from '../../../electron/core/core.js';
import type { TaskInfo } from '../../../shared/model/task.js';
import { testbed } from '../testbed.js';
import { coreWithHosts, defineTinyDomain, purgeDomain, tempHome, uniq, waitFor } from '../core/helpers.js';

const tb = testbed();
const POOL = 'default';

describe.skipIf(!tb.available)('live migration between real hosts', () => {
  const home = tempHome();
  let core: Core;
  const made: Array<{ name: string; vol: string }> = [];
  const networks: string[] = [];

  /** A running tiny domain on h1 with a qcow2 (or raw) disk in the default pool and a NIC on `network`. */
  function runningVm(network: string, opts: { raw?: Buffer } = {}): { name: string; vol: string } {
    const name = uniq('mig');
    const vol = `${name}.${opts.raw ? 'raw' : 'qcow2'}`;
    made.push({ name, vol });
    if (opts.raw) {
      tb.virsh(1, 'vol-create-as', POOL, vol, String(opts.raw.length), '--format', 'raw');
      const file = join(mkdtempSync(join(tmpdir(), 'vd-mig-')), 'disk');
      writeFileSync(file, opts.raw);
      tb.virsh(1, 'vol-upload', '--pool', POOL, vol, file);
    } else {
      tb.virsh(1, 'vol-create-as', POOL, vol, '64M', '--format', 'qcow2');
    }
    const path = tb.virsh(1, 'vol-path', '--pool', POOL, vol);
    defineTinyDomain(tb, 1, name, `
    <disk type='file' device='disk'><driver name='qemu' type='${opts.raw ? 'raw' : 'qcow2'}'/><source file='${path}'/><target dev='vda' bus='virtio'/></disk>
    <interface type='network'><source network='${network}'/><model type='virtio'/></interface>`);
    tb.virsh(1, 'start', name);
    return { name, vol };
  }

  const names = (host: number): string[] => tb.virsh(host, 'list', '--all', '--name').split('\n').filter(Boolean);
  const vols = (host: number): string[] => tb.virsh(host, 'vol-list', POOL).split('\n').slice(2).map((l) => l.trim().split(/\s+/)[0]!).filter(Boolean);
  const state = (host: number, name: string): string => tb.virsh(host, 'domstate', name);

  beforeAll(async () => {
    core = await coreWithHosts(tb, home, [1, 2]);
  });

  afterAll(async () => {
    await core?.close();
    for (const { name, vol } of made) {
      for (const h of [1, 2]) {
        purgeDomain(tb, h, name);
        try {
          tb.virsh(h, 'vol-delete', '--pool', POOL, vol);
        } catch {
          /* not there */
        }
      }
    }
    for (const n of networks) {
      for (const cmd of ['net-destroy', 'net-undefine']) {
        try {
          tb.virsh(1, cmd, n);
        } catch {
          /* gone */
        }
      }
    }
  });

  it('moves a running VM with its qcow2 disk h1 → h2: runs on h2 only, one row with the same UUID, lock, tags and instance record, a new address from h2’s IPAM (NAT is per host)', async () => {
    const { name, vol } = runningVm('default');
    const uuid = tb.virsh(1, 'domuuid', name);
    await waitFor('the VM in the inventory', () => core.vms.list({ host: 'h1' }).some((v) => v.uuid === uuid), 5000);
    await core.call('vms.setLocked', { ref: { host: 'h1', vm: name }, locked: true });
    await core.call('vms.setTags', { ref: { host: 'h1', vm: name }, add: ['web', 'moved'], remove: [] });
    // As a launch leaves it: an address held for the VM and its instance record.
    const at = new Date().toISOString();
    const store = core.inventory.instances;
    const ipamOf = (host: string) => ({ host, network: 'default', kind: 'network' as const, cidr: '192.168.122.0/24', gateway: '192.168.122.1', dns: [], search: [], range: null, reserved: [] });
    store.putIpam(ipamOf('h1'));
    // Each host's NAT "default" is its own segment: the address cannot stay, the target's IPAM gives a new one.
    store.putIpam(ipamOf('h2'));
    store.reserve({ host: 'h1', network: 'default', ip: '192.168.122.77', vmName: name, vmUuid: uuid, taskId: null, createdAt: at });
    store.addInstance({ host: 'h1', vmUuid: uuid, vmName: name, image: 'img', pool: POOL, seedVolume: `${name}-seed.iso`, createdAt: at });

    const r = await core.call('migration.migrate', { ref: { host: 'h1', vm: name }, dest: 'h2', deleteSource: true, ip: 'auto' });

    expect(r).toMatchObject({ host: 'h2', name, uuid });
    expect(r.addresses).toEqual([{ network: 'default', ip: expect.stringMatching(/^192\.168\.122\./), kept: false }]);
    expect(r.copiedDisks).toEqual([expect.stringContaining(vol)]);
    expect(r.deletedSourceVolumes).toEqual(r.copiedDisks);
    expect(state(2, name)).toBe('running');
    expect(names(1)).not.toContain(name);
    expect(vols(2)).toContain(vol);
    expect(vols(1)).not.toContain(vol);
    expect(tb.virsh(2, 'domuuid', name)).toBe(uuid);
    const rows = core.vms.list().filter((v) => v.uuid === uuid);
    expect(rows.map((v) => [v.host, v.locked, v.tags])).toEqual([['h2', true, ['moved', 'web']]]);
    // They travelled in the domain XML: the target's libvirt has them, live and in the config.
    for (const flags of [[], ['--inactive']]) {
      const xml = tb.virsh(2, 'dumpxml', ...flags, name);
      expect([xml.includes('<vdlock:lock '), xml.includes('>web</vdtag:tag>'), xml.includes('>moved</vdtag:tag>')]).toEqual([true, true, true]);
    }
    expect(core.vms.events({ host: 'h2', vm: name }).map((e) => e.message)).toContain('migrated h1 → h2');
    expect(core.vms.events({ host: 'h2', vm: name }).map((e) => e.data)).toContainEqual({ params: { from: 'h1', to: 'h2' } });
    // The source's removal was a move: the old address is freed for the new one held on h2, the instance record is on h2.
    await waitFor('the source row gone', () => !core.vms.list({ host: 'h1' }).some((v) => v.uuid === uuid), 5000);
    // (The cache holds what each host keeps, other VMs' addresses too: this VM's are the ones that count.)
    const mine = (host: string) => store.reservations(host, 'default').filter((x) => x.vmUuid === uuid);
    expect(mine('h1')).toEqual([]);
    expect(mine('h2').map((x) => [x.ip, x.vmUuid])).toEqual([[r.addresses[0]!.ip, uuid]]);
    expect(store.takeInstance('h1', uuid)).toBeNull();
    expect(store.takeInstance('h2', uuid)).toMatchObject({ vmName: name });
  });

  it('refuses a target without the VM’s network, naming it, and leaves the target unchanged', async () => {
    const net = uniq('mnet');
    networks.push(net);
    const file = join(mkdtempSync(join(tmpdir(), 'vd-net-')), 'net.xml');
    writeFileSync(file, `<network><name>${net}</name><bridge name='${net.replace(/-/g, '').slice(0, 12)}'/></network>`);
    tb.virsh(1, 'net-define', file);
    tb.virsh(1, 'net-start', net);
    const { name } = runningVm(net);
    await waitFor('the VM in the inventory', () => core.vms.list({ host: 'h1' }).some((v) => v.name === name), 5000);
    const before = { doms: names(2), vols: vols(2) };

    await expect(core.call('migration.migrate', { ref: { host: 'h1', vm: name }, dest: 'h2' })).rejects.toEqual(
      coreError('migrate.network-missing', { host: 'h2', network: net }),
    );

    expect({ doms: names(2), vols: vols(2) }).toEqual(before);
    expect(state(1, name)).toBe('running');
  });

  it('moves a shut-off VM with a linked clone’s chain h1 → h2: both volumes arrive with equal SHA-256, defined there only', async () => {
    const name = uniq('off');
    const base = `${name}-base.qcow2`;
    const top = `${name}.qcow2`;
    made.push({ name, vol: top }, { name, vol: base });
    tb.virsh(1, 'vol-create-as', POOL, base, '64M', '--format', 'qcow2');
    const basePath = tb.virsh(1, 'vol-path', '--pool', POOL, base);
    tb.virsh(1, 'vol-create-as', POOL, top, '64M', '--format', 'qcow2', '--backing-vol', basePath, '--backing-vol-format', 'qcow2');
    const topPath = tb.virsh(1, 'vol-path', '--pool', POOL, top);
    const uuid = defineTinyDomain(tb, 1, name, `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${topPath}'/><target dev='vda' bus='virtio'/></disk>`);
    await waitFor('the VM in the inventory', () => core.vms.list({ host: 'h1' }).some((v) => v.uuid === uuid), 5000);
    const sums = (host: number) => [basePath, topPath].map((p) => execFileSync(join(tb.dir, 'bin', 'tbns'), [String(host), 'sha256sum', p], { encoding: 'utf8' }).split(' ')[0]);
    const before = sums(1);

    const r = await core.call('migration.migrate', { ref: { host: 'h1', vm: name }, dest: 'h2', offline: true });

    expect(r).toMatchObject({ host: 'h2', uuid, copiedDisks: [basePath, topPath] });
    expect(sums(2)).toEqual(before);
    expect(state(2, name)).toBe('shut off');
    expect(names(1)).not.toContain(name);
    expect(tb.virsh(2, 'vol-dumpxml', '--pool', POOL, top)).toContain(basePath);
    expect(core.vms.list().filter((v) => v.uuid === uuid).map((v) => v.host)).toEqual(['h2']);
  });

  it('moves a shut-off VirtDeck instance with its seed CD-ROM h1 → h2: the seed arrives with equal SHA-256; --delete-source takes it from h1', async () => {
    const name = uniq('offseed');
    const disk = `${name}.qcow2`;
    const seed = `${name}-seed.iso`;
    made.push({ name, vol: disk }, { name, vol: seed });
    tb.virsh(1, 'vol-create-as', POOL, disk, '16M', '--format', 'qcow2');
    const seedBytes = randomBytes(256 * 1024);
    tb.virsh(1, 'vol-create-as', POOL, seed, String(seedBytes.length), '--format', 'raw');
    const file = join(mkdtempSync(join(tmpdir(), 'vd-seed-')), 'seed');
    writeFileSync(file, seedBytes);
    tb.virsh(1, 'vol-upload', '--pool', POOL, seed, file);
    const [diskPath, seedPath] = [disk, seed].map((v) => tb.virsh(1, 'vol-path', '--pool', POOL, v));
    const uuid = defineTinyDomain(tb, 1, name, `
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${diskPath}'/><target dev='vda' bus='virtio'/></disk>
    <disk type='volume' device='cdrom'><driver name='qemu' type='raw'/><source pool='${POOL}' volume='${seed}'/><target dev='hdc' bus='ide'/><readonly/></disk>`);
    await waitFor('the VM in the inventory', () => core.vms.list({ host: 'h1' }).some((v) => v.uuid === uuid), 5000);
    core.inventory.instances.addInstance({ host: 'h1', vmUuid: uuid, vmName: name, image: 'img', pool: POOL, seedVolume: seed, createdAt: new Date().toISOString() });

    const r = await core.call('migration.migrate', { ref: { host: 'h1', vm: name }, dest: 'h2', offline: true, deleteSource: true });

    expect(r.copiedDisks.sort()).toEqual([diskPath, seedPath].sort());
    expect(r.deletedSourceVolumes.sort()).toEqual([diskPath, seedPath].sort());
    const sum = execFileSync(join(tb.dir, 'bin', 'tbns'), ['2', 'sha256sum', seedPath!], { encoding: 'utf8' }).split(' ')[0];
    expect(sum).toBe(createHash('sha256').update(seedBytes).digest('hex'));
    expect(vols(1)).not.toContain(seed);
    expect(core.inventory.instances.getInstance('h2', uuid)).toMatchObject({ seedVolume: seed });
  });

  it('copies a volume to another host’s pool, SHA-256 equal; a second copy onto it is refused', async () => {
    const data = randomBytes(4 * 1024 * 1024);
    const vol = `${uniq('vcopy')}.raw`;
    made.push({ name: vol, vol }, { name: vol, vol: `${vol}.2` });
    tb.virsh(1, 'vol-create-as', POOL, vol, String(data.length), '--format', 'raw');
    const file = join(mkdtempSync(join(tmpdir(), 'vd-vcopy-')), 'data');
    writeFileSync(file, data);
    tb.virsh(1, 'vol-upload', '--pool', POOL, vol, file);
    const spec = { host: 'h1', pool: POOL, volume: vol, dest: 'h2', newName: `${vol}.2` };

    const r = await core.call('migration.copyVolume', spec);

    const sha = createHash('sha256').update(data).digest('hex');
    expect(r).toMatchObject({ host: 'h2', pool: POOL, volume: `${vol}.2`, bytes: data.length, sha256: sha });
    expect(execFileSync(join(tb.dir, 'bin', 'tbns'), ['2', 'sha256sum', r.path], { encoding: 'utf8' }).split(' ')[0]).toBe(sha);
    expect(vols(1)).toContain(vol);
    await expect(core.call('migration.copyVolume', spec)).rejects.toEqual(coreError('volume.exists', { host: 'h2', pool: POOL, volume: `${vol}.2` }));
  });

  it('copies a registered image to another host and registers it there with its SHA-256', async () => {
    const data = randomBytes(1024 * 1024);
    const name = uniq('img');
    const vol = `${name}.raw`;
    made.push({ name, vol });
    tb.virsh(1, 'vol-create-as', POOL, vol, String(data.length), '--format', 'raw');
    const file = join(mkdtempSync(join(tmpdir(), 'vd-img-')), 'data');
    writeFileSync(file, data);
    tb.virsh(1, 'vol-upload', '--pool', POOL, vol, file);
    const sha = createHash('sha256').update(data).digest('hex');
    const store = core.inventory.instances;
    store.addImage({ host: 'h1', name, pool: POOL, volume: vol, sha256: sha, source: 'test', os: null, defaultUser: 'debian', addedAt: new Date().toISOString() });

    const r = await core.call('migration.copyImage', { host: 'h1', name, dest: 'h2' });

    expect(r).toMatchObject({ host: 'h2', name, volume: vol, sha256: sha });
    expect(store.getImage('h2', name)).toMatchObject({ pool: POOL, volume: vol, sha256: sha, defaultUser: 'debian' });
    expect(vols(2)).toContain(vol);
    await expect(core.call('migration.copyImage', { host: 'h1', name, dest: 'h2' })).rejects.toEqual(coreError('image.exists', { host: 'h2', name }));
  });

  it('cancel mid-copy: the VM runs on h1 as before, h2 has neither the domain nor the disk', async () => {
    // 32 MiB of data at 1 MiB/s: the copy is still going when cancel comes.
    const { name, vol } = runningVm('default', { raw: randomBytes(32 * 1024 * 1024) });
    const uuid = tb.virsh(1, 'domuuid', name);
    await waitFor('the VM in the inventory', () => core.vms.list({ host: 'h1' }).some((v) => v.uuid === uuid), 5000);
    const updates: TaskInfo[] = [];
    const off = core.onEvent((e) => void (e.type === 'task' && updates.push(e.task)));
    const started = await core.dispatch('migration.migrate', { ref: { host: 'h1', vm: name }, dest: 'h2', bandwidthMiBps: 1 });
    if (!started.ok) throw new Error(`not started: ${started.code}`);
    const { taskId } = started.value as { taskId: string };
    await waitFor('copy progress', () => updates.some((t) => t.id === taskId && (t.progress ?? 0) > 0), 60_000);
    await core.call('tasks.cancel', { id: taskId });
    const end = await waitFor('the task to end', () => updates.find((t) => t.id === taskId && t.state !== 'running'), 120_000, 100);
    off();

    expect(end.state).toBe('cancelled');
    expect(state(1, name)).toBe('running');
    expect(names(2)).not.toContain(name);
    expect(vols(2)).not.toContain(vol);
    expect(core.vms.list().filter((v) => v.uuid === uuid).map((v) => v.host)).toEqual(['h1']);
  });
});
