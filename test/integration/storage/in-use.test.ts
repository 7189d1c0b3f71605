// Nothing destroys or changes a disk in use (test-bed host 1, over real SSH): a running VM's disk, a shut-off VM's
// disk, a linked clone's backing file and an external snapshot's base are each refused for volume delete, upload
// over it and pool delete --delete-data, with the users named, and `virsh vol-list` shows nothing changed. VM
// delete --with-storage and external-snapshot delete refuse the same way when another VM or a clone needs a disk.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolPlanWords } from '../../../electron/cli/pool-plan-words.js';
import { rejectedWords } from '../../fixtures/core-error.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import { testbed } from '../testbed.js';
import { defineTinyDomain, knownHostsCopy, sshHostConfig, tempHome, uniq } from '../core/helpers.js';

const tb = testbed();
const HOST = 1;
const H = 'h1';
const POOL = uniq('vdiu');
const DIR = `/var/lib/libvirt/${POOL}`;
/** A second pool, for the clones: a clone in the same pool would simply go with its base on pool delete. */
const CLONES = `${POOL}-b`;
const CLONES_DIR = `/var/lib/libvirt/${CLONES}`;
const RUN = `${POOL}-run`;
const OFF = `${POOL}-off`;
const SNAP = `${POOL}-snap`;
const ON_BASE = `${POOL}-onbase`;
const MERGE = `${POOL}-merge`;
const DOMAINS = [RUN, OFF, SNAP, ON_BASE, MERGE];

const virsh = (...args: string[]): string => tb.virsh(HOST, ...args);
const virshQuiet = (...args: string[]): void =>
  void execFileSync('virsh', ['-c', `qemu+unix:///system?socket=${tb.hosts[HOST - 1]?.socket}`, ...args], { stdio: 'ignore' });
const inHost = (...argv: string[]): string =>
  execFileSync(`${tb.dir}/bin/tbns`, [String(HOST), ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const quiet = (fn: () => unknown): void => {
  try {
    fn();
  } catch {
    /* already gone */
  }
};
const disk = (file: string, dev = 'vda'): string =>
  `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${DIR}/${file}'/><target dev='${dev}' bus='virtio'/></disk>`;
/** What libvirt and the host's disk say about the pools: the volume lists and every file's size and checksum. */
const state = (): string =>
  [POOL, CLONES].map((p) => virsh('vol-list', p)).join('\n') +
  inHost('sh', '-c', 'for d; do cd "$d" && ls -l --time-style=+ . && sha256sum *; done', 'sh', DIR, CLONES_DIR);

describe.skipIf(!tb.available)('in-use volumes are never destroyed (real host)', () => {
  const home = tempHome('vd-in-use-');
  const local = join(home, 'upload.bin');
  let core: Core;

  beforeAll(async () => {
    writeFileSync(local, randomBytes(1024 * 1024));
    for (const [pool, dir] of [[POOL, DIR], [CLONES, CLONES_DIR]] as const) {
      virsh('pool-define-as', pool, 'dir', '--target', dir);
      virsh('pool-build', pool);
      virsh('pool-start', pool);
    }
    for (const v of ['run.qcow2', 'off.qcow2', 'base.qcow2', 'snapbase.qcow2']) virsh('vol-create-as', POOL, v, '16M', '--format', 'qcow2');
    virsh('vol-create-as', CLONES, 'clone.qcow2', '16M', '--format', 'qcow2', '--backing-vol', `${DIR}/base.qcow2`, '--backing-vol-format', 'qcow2');
    virsh('vol-create-as', POOL, 'free.qcow2', '16M', '--format', 'qcow2');
    virsh('vol-create-as', POOL, 'inner.qcow2', '16M', '--format', 'qcow2', '--backing-vol', `${DIR}/free.qcow2`, '--backing-vol-format', 'qcow2');
    defineTinyDomain(tb, HOST, RUN, disk('run.qcow2'));
    virsh('start', RUN);
    defineTinyDomain(tb, HOST, OFF, disk('off.qcow2'));
    defineTinyDomain(tb, HOST, SNAP, disk('snapbase.qcow2'));
    // External disk-only snapshot of the shut-off VM: it now runs on an overlay the pool has not listed.
    virsh('snapshot-create-as', SNAP, 's1', '--disk-only', '--diskspec', `vda,snapshot=external,file=${DIR}/snapbase.s1.qcow2`);
    core = await createCore({ home, autoConnect: false });
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, knownHostsCopy(tb, home), H) });
  });

  afterAll(async () => {
    await core?.close();
    for (const d of DOMAINS) {
      for (const snap of ['s1', 'i1', 'e1']) quiet(() => virshQuiet('snapshot-delete', d, snap, '--metadata'));
      quiet(() => virshQuiet('destroy', d));
      quiet(() => virshQuiet('undefine', d));
    }
    for (const [pool, dir] of [[POOL, DIR], [CLONES, CLONES_DIR]]) {
      quiet(() => virshQuiet('pool-destroy', pool));
      quiet(() => inHost('rm', '-rf', dir));
      quiet(() => virshQuiet('pool-undefine', pool));
    }
  });

  const cases: Array<[string, string, RegExp]> = [
    ["a running VM's disk", 'run.qcow2', new RegExp(`^${POOL}/run\\.qcow2 on h1 is in use by VM ${RUN}; nothing was changed$`)],
    ["a shut-off VM's disk", 'off.qcow2', new RegExp(`^${POOL}/off\\.qcow2 on h1 is in use by VM ${OFF}; nothing was changed$`)],
    ["a linked clone's backing file", 'base.qcow2', new RegExp(`^${POOL}/base\\.qcow2 on h1 is in use by volume ${CLONES}/clone\\.qcow2; nothing was changed$`)],
    [
      "an external snapshot's base",
      'snapbase.qcow2',
      new RegExp(`^${POOL}/snapbase\\.qcow2 on h1 is in use by VM ${SNAP} \\(through ${DIR}/snapbase\\.s1\\.qcow2\\), snapshot ${SNAP}/s1; nothing was changed$`),
    ],
  ];

  it.each(cases)('%s: volume delete and upload over it are refused, naming the users; nothing changes', async (_what, vol, message) => {
    const before = state();
    expect(await rejectedWords(core.call('volumes.delete', { host: H, pool: POOL, volume: vol }))).toMatch(message);
    expect(await rejectedWords(core.call('volumes.upload', { host: H, pool: POOL, volume: vol, file: local }))).toMatch(message);
    await expect(core.storage.volumes.resize(H, POOL, vol, 8 * 1024 ** 2, { shrink: true })).rejects.toMatchObject({ code: 'volume.in-use' });
    expect(state()).toBe(before);
    expect(virsh('domstate', RUN)).toBe('running');
  });

  it('pool delete --delete-data: the plan names every used volume with its users, and the delete is refused', async () => {
    const before = state();
    const plan = await core.call('pools.deletePlan', { host: H, pool: POOL, deleteData: true });
    const users = Object.fromEntries(plan.volumes.map((v) => [v.name, v.users]));
    expect(users).toEqual({
      'base.qcow2': [{ kind: 'volume', name: `${CLONES}/clone.qcow2`, path: `${CLONES_DIR}/clone.qcow2` }],
      'free.qcow2': [],
      'inner.qcow2': [],
      'off.qcow2': [{ kind: 'vm', name: OFF }],
      'run.qcow2': [{ kind: 'vm', name: RUN }],
      'snapbase.qcow2': [
        { kind: 'vm', name: SNAP, via: `${DIR}/snapbase.s1.qcow2` },
        { kind: 'snapshot', name: 's1', vm: SNAP },
      ],
    });
    // free.qcow2's clone inner.qcow2 goes with it; every other user is named, in the statement too.
    expect(poolPlanWords(plan)).toContain(
      `REFUSED while in use: base.qcow2 by volume ${CLONES}/clone.qcow2; off.qcow2 by VM ${OFF}; run.qcow2 by VM ${RUN}; snapbase.qcow2 by VM ${SNAP}`,
    );
    const refused = core.call('pools.delete', { host: H, pool: POOL, deleteData: true });
    await expect(refused).rejects.toMatchObject({ code: 'volume.in-use' });
    const message = await rejectedWords(refused);
    for (const v of ['base', 'off', 'run', 'snapbase']) expect(message).toContain(`${POOL}/${v}.qcow2 on h1 is in use by`);
    expect(message).not.toContain('free.qcow2');
    expect(state()).toBe(before);
    expect(virsh('pool-list', '--all', '--name').split('\n').map((s) => s.trim())).toContain(POOL);
  });

  it('VM delete --with-storage: refused while a linked clone is built on its disk or another VM uses it live only', async () => {
    defineTinyDomain(tb, HOST, ON_BASE, disk('base.qcow2'));
    await core.vms.syncHost(H, core.hostRegistry.libvirt(H));
    const before = state();
    expect(await rejectedWords(core.call('vms.delete', { ref: { host: H, vm: ON_BASE }, withStorage: true }))).toBe(
      `${DIR}/base.qcow2 on h1 is in use by volume ${CLONES}/clone.qcow2; nothing was changed`,
    );
    expect(virsh('domstate', ON_BASE)).toBe('shut off');

    // Hot-plugged into the running VM (as USB: this machine has no ACPI for PCI hotplug): only its live XML names it.
    virsh('attach-disk', RUN, `${DIR}/off.qcow2`, 'sdb', '--driver', 'qemu', '--subdriver', 'qcow2', '--targetbus', 'usb', '--live');
    try {
      expect(virsh('dumpxml', '--inactive', RUN)).not.toContain('off.qcow2');
      expect(await rejectedWords(core.call('vms.delete', { ref: { host: H, vm: OFF }, withStorage: true }))).toBe(
        `${DIR}/off.qcow2 on h1 is in use by VM ${RUN}; nothing was changed`,
      );
      expect(virsh('domstate', OFF)).toBe('shut off');
    } finally {
      virsh('detach-disk', RUN, 'sdb', '--live');
    }
    expect(state()).toBe(before);
  });

  it('external snapshot delete: refused when a clone is built on the image the overlay would be merged into', async () => {
    virsh('vol-create-as', CLONES, 'snapclone.qcow2', '16M', '--format', 'qcow2', '--backing-vol', `${DIR}/snapbase.qcow2`, '--backing-vol-format', 'qcow2');
    await core.vms.syncHost(H, core.hostRegistry.libvirt(H));
    const before = state();
    const snapshots = virsh('snapshot-list', SNAP, '--name');
    expect(await rejectedWords(core.call('snapshots.delete', { ref: { host: H, vm: SNAP }, name: 's1' }))).toBe(
      `${DIR}/snapbase.qcow2 on h1 is in use by volume ${CLONES}/snapclone.qcow2; nothing was changed`,
    );
    expect(virsh('snapshot-list', SNAP, '--name')).toBe(snapshots);
    expect(virsh('domblklist', SNAP)).toContain(`${DIR}/snapbase.s1.qcow2`);
    expect(state()).toBe(before);
  });

  it("no false refusal: a running VM's external snapshot merges although its own internal snapshot froze the image", async () => {
    virsh('vol-create-as', POOL, 'merge.qcow2', '16M', '--format', 'qcow2');
    defineTinyDomain(tb, HOST, MERGE, disk('merge.qcow2'));
    virsh('start', MERGE);
    virsh('snapshot-create-as', MERGE, 'i1');
    await core.vms.syncHost(H, core.hostRegistry.libvirt(H));
    const ref = { host: H, vm: MERGE };
    await core.call('snapshots.create', { ref, spec: { name: 'e1', kind: 'external' } });
    expect(virsh('domblklist', MERGE)).toContain(`${DIR}/merge.e1.qcow2`);
    await core.call('snapshots.delete', { ref, name: 'e1' });
    expect(virsh('domblklist', MERGE)).toContain(`${DIR}/merge.qcow2`);
    expect(virsh('snapshot-list', MERGE, '--name').trim()).toBe('i1');
  });
});
