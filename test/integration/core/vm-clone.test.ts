// Cloning on the real test bed: full and linked on the same host, full to the other host (defined, own disks, new
// UUID and MACs as virsh dumpxml shows), several from a pattern, a VirtDeck instance with its own seed and IPAM
// address, cancel mid-copy leaving nothing on either host, and bad input refused with nothing changed.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInstanceSeed } from '../../../electron/core/cloudinit/index.js';
import { readIso9660Files } from '../../../electron/core/cloudinit/iso9660-read.js';
import type { Core } from '../../../electron/core/core.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import { VolumeXml } from '../../../electron/libvirt/xml/volume.js';
import type { TaskInfo } from '../../../shared/model/task.js';
import { coreError } from '../../fixtures/core-error.js';
import { testbed } from '../testbed.js';
import { coreWithHosts, defineTinyDomain, purgeDomain, tempHome, uniq, waitFor } from './helpers.js';

const tb = testbed();
const POOL = 'default';

describe.skipIf(!tb.available)('vm clone on real hosts', () => {
  const home = tempHome();
  let core: Core;
  const domains: Array<[number, string]> = [];
  const volumes: Array<[number, string]> = [];

  const names = (host: number): string[] => tb.virsh(host, 'list', '--all', '--name').split('\n').filter(Boolean).sort();
  const vols = (host: number): string[] => tb.virsh(host, 'vol-list', POOL).split('\n').slice(2).map((l) => l.trim().split(/\s+/)[0]!).filter(Boolean).sort();
  const dumpxml = (host: number, name: string): DomainXml => DomainXml.parse(tb.virsh(host, 'dumpxml', '--inactive', name));
  const volXml = (host: number, vol: string): VolumeXml => VolumeXml.parse(tb.virsh(host, 'vol-dumpxml', '--pool', POOL, vol));
  const track = (host: number, name: string, ...vs: string[]): void => {
    domains.push([host, name]);
    for (const v of vs) volumes.push([host, v]);
  };

  /** A shut-off tiny domain on h1: a disk volume of the default pool (qcow2, or raw of `rawSize`), a NIC on default. */
  function shutOffVm(opts: { rawSize?: string; prefix?: string } = {}): { name: string; vol: string; uuid: string } {
    const name = uniq(opts.prefix ?? 'cln');
    const vol = `${name}.${opts.rawSize ? 'img' : 'qcow2'}`;
    // Raw ones sparse: a size above the pool's free space is possible (and every byte of it still streams).
    tb.virsh(1, 'vol-create-as', POOL, vol, opts.rawSize ?? '64M', '--format', opts.rawSize ? 'raw' : 'qcow2', ...(opts.rawSize ? ['--allocation', '0'] : []));
    track(1, name, vol);
    const uuid = defineTinyDomain(tb, 1, name, `
    <disk type='volume' device='disk'><driver name='qemu' type='${opts.rawSize ? 'raw' : 'qcow2'}'/><source pool='${POOL}' volume='${vol}'/><target dev='vda' bus='virtio'/></disk>
    <interface type='network'><source network='default'/><model type='virtio'/></interface>`);
    return { name, vol, uuid };
  }

  const inInventory = (host: string, name: string) => waitFor(`${name} in the inventory`, () => core.vms.list({ host }).some((v) => v.name === name), 10_000);

  beforeAll(async () => {
    core = await coreWithHosts(tb, home, [1, 2]);
  });

  afterAll(async () => {
    // The addresses this run holds are freed on the hosts too (their store outlives the run: a later run on the same
    // test bed would find .201 held by this run's clone and lose its own reservation of it).
    for (const host of ['h1', 'h2']) {
      for (const r of core?.inventory.instances.reservations(host, 'default') ?? []) await core.ipam.release(host, 'default', r.ip).catch(() => undefined);
    }
    await core?.close();
    for (const [h, name] of domains) purgeDomain(tb, h, name);
    for (const [h, vol] of volumes) {
      try {
        tb.virsh(h, 'vol-delete', '--pool', POOL, vol);
      } catch {
        /* not there */
      }
    }
  });

  /** The clone's identity as virsh shows it: its own UUID, MAC and disk; the source's definition unchanged. */
  function expectOwnIdentity(host: number, clone: string, source: DomainXml, cloneVol: string): DomainXml {
    const x = dumpxml(host, clone);
    expect(x.name).toBe(clone);
    expect(x.uuid).not.toBe(source.uuid);
    expect(x.interfaces.map((n) => n.mac)).toHaveLength(1);
    expect(x.interfaces[0]!.mac).not.toBe(source.interfaces[0]!.mac);
    expect(x.interfaces[0]!.mac).toMatch(/^52:54:00:/);
    expect([x.disks[0]!.sourcePool, x.disks[0]!.sourceVolume]).toEqual([POOL, cloneVol]);
    return x;
  }

  it('full clone on the same host: defined, its own flattened disk, new UUID and MAC; the source unchanged', async () => {
    const { name, vol } = shutOffVm();
    await inInventory('h1', name);
    const before = tb.virsh(1, 'dumpxml', '--inactive', name);
    const clone = `${name}-c`;
    track(1, clone, `${clone}.qcow2`);
    const r = await core.call('vms.clone', { ref: { host: 'h1', vm: name }, name: clone });

    expect(r.clones).toMatchObject([{ host: 'h1', name: clone, ip: null }]);
    expectOwnIdentity(1, clone, DomainXml.parse(before), `${clone}.qcow2`);
    expect(r.clones[0]!.uuid).toBe(tb.virsh(1, 'domuuid', clone));
    expect(volXml(1, `${clone}.qcow2`).backingStorePath).toBeNull();
    expect(tb.virsh(1, 'dumpxml', '--inactive', name)).toBe(before);
    expect(vols(1)).toContain(vol);
    await inInventory('h1', clone);
    expect(core.vms.events({ host: 'h1', vm: clone }).map((e) => e.data)).toContainEqual({ params: { from: `h1/${name}` } });
  });

  it('linked clone on the same host: a qcow2 whose backing file is the source disk', async () => {
    const { name, vol } = shutOffVm();
    await inInventory('h1', name);
    const source = dumpxml(1, name);
    const clone = `${name}-l`;
    track(1, clone, `${clone}.qcow2`);
    await core.call('vms.clone', { ref: { host: 'h1', vm: name }, name: clone, linked: true });

    expectOwnIdentity(1, clone, source, `${clone}.qcow2`);
    const v = volXml(1, `${clone}.qcow2`);
    expect(v.targetFormat).toBe('qcow2');
    expect(v.backingStorePath).toBe(tb.virsh(1, 'vol-path', '--pool', POOL, vol));
  });

  it('full clone to the other host: defined there with its own disk (same bytes), nothing new on the source', async () => {
    const { name, vol } = shutOffVm();
    await inInventory('h1', name);
    const source = dumpxml(1, name);
    const h1Before = { names: names(1), vols: vols(1) };
    const clone = `${name}-r`;
    track(2, clone, `${clone}.qcow2`);
    const r = await core.call('vms.clone', { ref: { host: 'h1', vm: name }, name: clone, dest: 'h2' });

    expect(r.clones).toMatchObject([{ host: 'h2', name: clone }]);
    expectOwnIdentity(2, clone, source, `${clone}.qcow2`);
    const sha = (host: number, v: string): string => {
      const file = join(mkdtempSync(join(tmpdir(), 'vd-clone-')), 'vol');
      tb.virsh(host, 'vol-download', '--pool', POOL, v, file);
      return createHash('sha256').update(readFileSync(file)).digest('hex');
    };
    expect(sha(2, `${clone}.qcow2`)).toBe(sha(1, vol));
    expect({ names: names(1), vols: vols(1) }).toEqual(h1Before);
    await inInventory('h2', clone);
  });

  it('--count 2 with a {n} pattern makes two clones, each its own', async () => {
    const { name } = shutOffVm();
    await inInventory('h1', name);
    for (const n of [1, 2]) track(1, `${name}-k${n}`, `${name}-k${n}.qcow2`);
    const r = await core.call('vms.clone', { ref: { host: 'h1', vm: name }, name: `${name}-k{n}`, count: 2, linked: true });
    expect(r.clones.map((c) => c.name)).toEqual([`${name}-k1`, `${name}-k2`]);
    const [a, b] = [dumpxml(1, `${name}-k1`), dumpxml(1, `${name}-k2`)];
    expect(a.uuid).not.toBe(b.uuid);
    expect(a.interfaces[0]!.mac).not.toBe(b.interfaces[0]!.mac);
  });

  /**
   * A shut-off VM as a launch leaves it: a seed volume on a CD-ROM, the instance record, its IPAM address held (IPAM on
   * h1's default network with `range`).
   */
  async function instanceVm(range: { start: string; end: string }): Promise<{ name: string; uuid: string; seed: ReturnType<typeof buildInstanceSeed> }> {
    const { name, uuid } = shutOffVm({ prefix: 'cli' });
    const mac = dumpxml(1, name).interfaces[0]!.mac!;
    const seedVol = `${name}-seed.iso`;
    const seed = buildInstanceSeed({
      hostname: name, users: [], sshPwauth: false, packages: [], runcmd: [],
      network: { mode: 'static', mac, address: '192.168.122.201/24', gateway: '192.168.122.1', dns: ['192.168.122.1'], search: [] },
    });
    const file = join(mkdtempSync(join(tmpdir(), 'vd-clone-')), 'seed.iso');
    writeFileSync(file, seed.iso);
    tb.virsh(1, 'vol-create-as', POOL, seedVol, String(seed.iso.length), '--format', 'raw');
    volumes.push([1, seedVol]);
    tb.virsh(1, 'vol-upload', '--pool', POOL, seedVol, file);
    const cdrom = join(mkdtempSync(join(tmpdir(), 'vd-clone-')), 'cd.xml');
    writeFileSync(cdrom, `<disk type='volume' device='cdrom'><driver name='qemu' type='raw'/><source pool='${POOL}' volume='${seedVol}'/><target dev='sda' bus='sata'/><readonly/></disk>`);
    tb.virsh(1, 'attach-device', name, cdrom, '--config');
    await inInventory('h1', name);
    const store = core.inventory.instances;
    const at = new Date().toISOString();
    store.putIpam({ host: 'h1', network: 'default', kind: 'network', cidr: '192.168.122.0/24', gateway: '192.168.122.1', dns: ['192.168.122.1'], search: [], range, reserved: [] });
    store.releaseIp('h1', 'default', '192.168.122.201');
    store.reserve({ host: 'h1', network: 'default', ip: '192.168.122.201', vmName: name, vmUuid: uuid, taskId: null, createdAt: at });
    store.addInstance({ host: 'h1', vmUuid: uuid, vmName: name, image: 'img', pool: POOL, seedVolume: seedVol, createdAt: at });
    return { name, uuid, seed };
  }

  it('a VirtDeck instance: the clone gets its own seed (instance-id, hostname, MAC, IPAM address) and records', async () => {
    const { name, uuid, seed } = await instanceVm({ start: '192.168.122.200', end: '192.168.122.220' });
    const store = core.inventory.instances;

    const clone = `${name}-c`;
    track(1, clone, `${clone}.qcow2`, `${clone}-seed.iso`);
    const r = await core.call('vms.clone', { ref: { host: 'h1', vm: name }, name: clone });

    const c = r.clones[0]!;
    expect(c.ip).toMatch(/^192\.168\.122\.2(0\d|1\d|20)\/24$/);
    expect(c.ip).not.toBe('192.168.122.201/24');
    const x = dumpxml(1, clone);
    expect(x.disks.find((d) => d.device === 'cdrom')?.sourceVolume).toBe(`${clone}-seed.iso`);
    const out = join(mkdtempSync(join(tmpdir(), 'vd-clone-')), 'seed.iso');
    tb.virsh(1, 'vol-download', '--pool', POOL, `${clone}-seed.iso`, out);
    const files = readIso9660Files(readFileSync(out));
    const text = (n: string) => new TextDecoder().decode(files.get(n));
    expect(text('meta-data')).toContain(`local-hostname: ${clone}\n`);
    expect(text('meta-data')).not.toContain(seed.instanceId);
    expect(text('user-data')).toMatch(new RegExp(`^hostname: ${clone}$`, 'm'));
    expect(text('network-config')).toContain(x.interfaces[0]!.mac!);
    expect(text('network-config')).toContain(c.ip!);
    expect(store.getInstance('h1', c.uuid)).toMatchObject({ vmName: clone, seedVolume: `${clone}-seed.iso`, image: 'img' });
    expect(store.reservations('h1', 'default').filter((x2) => x2.vmUuid === c.uuid).map((x2) => `${x2.ip}/24`)).toEqual([c.ip]);
    // The source's seed and address are its own still.
    expect(store.reservations('h1', 'default').filter((x2) => x2.vmUuid === uuid).map((x2) => x2.ip)).toEqual(['192.168.122.201']);
  });

  it('a failure half-way (the second clone finds no address) takes back the first clone, its seed and its address', async () => {
    const { name } = await instanceVm({ start: '192.168.122.230', end: '192.168.122.230' });
    const before = [names(1), vols(1), names(2), vols(2)];
    const held = core.inventory.instances.reservations('h1', 'default').map((r) => r.ip);
    for (const n of [1, 2]) track(1, `${name}-f${n}`, `${name}-f${n}.qcow2`, `${name}-f${n}-seed.iso`);
    await expect(core.call('vms.clone', { ref: { host: 'h1', vm: name }, name: `${name}-f{n}`, count: 2 })).rejects.toThrow(coreError('clone.failed'));
    expect([names(1), vols(1), names(2), vols(2)]).toEqual(before);
    expect(core.inventory.instances.reservations('h1', 'default').map((r) => r.ip)).toEqual(held);
    expect(core.undo.pending('h1')).toEqual([]);
  });

  /** Starts a clone to h2 and cancels it once its bytes travel (h2 has the clone's volume then); the ended task. */
  async function cancelMidCopy(name: string, clone: string): Promise<TaskInfo> {
    const updates: TaskInfo[] = [];
    const off = core.onEvent((e) => void (e.type === 'task' && updates.push(e.task)));
    try {
      const started = await core.dispatch('vms.clone', { ref: { host: 'h1', vm: name }, name: clone, dest: 'h2' });
      if (!started.ok) throw new Error(`not started: ${started.code}`);
      const { taskId } = started.value as { taskId: string };
      await waitFor('copy progress', () => updates.some((t) => t.id === taskId && (t.progress ?? 0) > 0), 120_000);
      expect(vols(2)).toContain(`${clone}.img`);
      await core.call('tasks.cancel', { id: taskId });
      return await waitFor('the task to end', () => updates.find((t) => t.id === taskId && t.state !== 'running'), 120_000, 100);
    } finally {
      off();
    }
  }

  it('cancel mid-copy to the other host: no domain and no volume of the clone on either host', async () => {
    // A 512 MiB raw disk streams every byte: the copy is still going when cancel comes.
    const { name } = shutOffVm({ rawSize: '512M' });
    await inInventory('h1', name);
    const before = [names(1), vols(1), names(2), vols(2)];
    const clone = `${name}-x`;
    track(2, clone, `${clone}.img`);
    expect((await cancelMidCopy(name, clone)).state).toBe('cancelled');
    expect([names(1), vols(1), names(2), vols(2)]).toEqual(before);
    expect(core.undo.pending('h2')).toEqual([]);
  });

  it('cancel mid-copy of a running VM: it runs on its own disk as before, no overlay, nothing on h2', async () => {
    const { name, vol } = shutOffVm({ rawSize: '512M' });
    tb.virsh(1, 'start', name);
    await inInventory('h1', name);
    const before = { live: tb.virsh(1, 'dumpxml', name), inactive: tb.virsh(1, 'dumpxml', '--inactive', name), files: vols(1) };
    const h2Before = [names(2), vols(2)];
    const clone = `${name}-x`;
    track(2, clone, `${clone}.img`);
    expect((await cancelMidCopy(name, clone)).state).toBe('cancelled');
    expectUntouched(name, vol, before);
    expect([names(2), vols(2)]).toEqual(h2Before);
  });

  it('bad input is refused before anything changes: taken name, pool too small, quotes/unicode, linked elsewhere, running', async () => {
    const { name } = shutOffVm();
    const big = shutOffVm({ rawSize: '2T' });
    await inInventory('h1', big.name);
    const other = shutOffVm();
    await inInventory('h1', other.name);
    const before = [names(1), vols(1), names(2), vols(2)];
    const ref = { host: 'h1', vm: name };

    await expect(core.call('vms.clone', { ref, name: other.name })).rejects.toThrow(coreError('vm.exists', { host: 'h1', vm: other.name }));
    await expect(core.call('vms.clone', { ref: { host: 'h1', vm: big.name }, name: `${big.name}-c` })).rejects.toThrow(coreError('migrate.no-space'));
    await expect(core.call('vms.clone', { ref: { host: 'h1', vm: big.name }, name: `${big.name}-c`, dest: 'h2' })).rejects.toThrow(coreError('migrate.no-space'));
    for (const bad of ['we"b', "it's", '网站', 'a b']) {
      await expect(core.call('vms.clone', { ref, name: bad })).rejects.toThrow(coreError('clone.bad-name', { name: bad }));
    }
    await expect(core.call('vms.clone', { ref, name: 'x{n}' , count: 2, ip: '192.168.122.210/24' })).rejects.toThrow(coreError('clone.ip-not-instance'));
    await expect(core.call('vms.clone', { ref, name: `${name}-l`, linked: true, dest: 'h2' })).rejects.toThrow(coreError('clone.linked-other-host'));
    await expect(core.call('vms.clone', { ref, name: 'several' , count: 2 })).rejects.toThrow(coreError('clone.count-needs-pattern'));
    expect([names(1), vols(1), names(2), vols(2)]).toEqual(before);

    // A running VM: not as a linked clone (its disks would be a base that keeps changing).
    const running = shutOffVm();
    tb.virsh(1, 'start', running.name);
    const runningBefore = tb.virsh(1, 'dumpxml', running.name);
    await expect(core.call('vms.clone', { ref: { host: 'h1', vm: running.name }, name: `${running.name}-c`, linked: true }))
      .rejects.toThrow(coreError('clone.linked-running', { host: 'h1', vm: running.name }));
    expect(names(1)).not.toContain(`${running.name}-c`);
    expect(tb.virsh(1, 'dumpxml', running.name)).toBe(runningBefore);
  });

  /** What a running VM must be after a clone of it: running on its own disk, its definition as before, no overlay left. */
  function expectUntouched(name: string, vol: string, before: { live: string; inactive: string; files: string[] }): void {
    expect(tb.virsh(1, 'domstate', name)).toBe('running');
    const disk = DomainXml.parse(tb.virsh(1, 'dumpxml', name)).disks[0]!;
    expect(disk.sourceFile ?? disk.sourceVolume).toContain(vol);
    expect(disk.sourceFile ?? '').not.toContain('.clone-');
    expect(disk.backingChain).toEqual([]);
    expect(tb.virsh(1, 'dumpxml', '--inactive', name)).toBe(before.inactive);
    tb.virsh(1, 'pool-refresh', POOL);
    expect(vols(1).filter((v) => v.includes('.clone-'))).toEqual([]);
  }

  it('a running VM is cloned in full (same host and the other) from its disk frozen under a temporary overlay, then merged back', async () => {
    const { name, vol } = shutOffVm();
    tb.virsh(1, 'start', name);
    await inInventory('h1', name);
    const before = { live: tb.virsh(1, 'dumpxml', name), inactive: tb.virsh(1, 'dumpxml', '--inactive', name), files: vols(1) };
    track(1, `${name}-c`, `${name}-c.qcow2`);
    track(2, `${name}-r`, `${name}-r.qcow2`);
    const here = await core.call('vms.clone', { ref: { host: 'h1', vm: name }, name: `${name}-c` });
    expect(here.clones).toMatchObject([{ host: 'h1', name: `${name}-c` }]);
    expect(tb.virsh(1, 'domstate', `${name}-c`)).toBe('shut off');
    expectUntouched(name, vol, before);
    const there = await core.call('vms.clone', { ref: { host: 'h1', vm: name }, name: `${name}-r`, dest: 'h2', start: true });
    expect(there.clones).toMatchObject([{ host: 'h2', name: `${name}-r` }]);
    expect(tb.virsh(2, 'domstate', `${name}-r`)).toBe('running');
    expect(volXml(2, `${name}-r.qcow2`).backingStorePath).toBeNull();
    expectUntouched(name, vol, before);
  }, 300_000); // two copies and two block commits: slow on a loaded machine
});
