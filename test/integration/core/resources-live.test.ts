// Every resource live, on test-bed host 1 over real SSH: pools, networks and volumes changed with virsh behind the
// core's back, a snapshot revert, and the core's own changes libvirt says nothing about, each come out as one
// `resource-changed` event.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import type { CoreEvent, ResourceRef } from '../../../shared/model/events.js';
import { testbed } from '../testbed.js';
import { defineTinyDomain, knownHostsCopy, purgeDomain, sshHostConfig, tempHome, uniq, waitFor } from './helpers.js';

const tb = testbed();
const H = 'h1';
type Changed = Extract<CoreEvent, { type: 'resource-changed' }>;

const quiet = (...args: string[]): void => {
  try {
    execFileSync('virsh', ['-c', `qemu+unix:///system?socket=${tb.hosts[0]?.socket}`, ...args], { stdio: 'ignore' });
  } catch {
    /* not there (any more) */
  }
};

describe.skipIf(!tb.available)('resource-changed from a real host', () => {
  const home = tempHome('vd-live-res-');
  const pool = uniq('vdres-pool');
  const net = uniq('vdres-net');
  const vol = `${uniq('vdres-vol')}.qcow2`;
  const mine = `${uniq('vdres-mine')}.qcow2`;
  const disk = `${uniq('vdres-disk')}.qcow2`;
  const vm = uniq('vdres-vm');
  let core: Core;
  let seen: Changed[] = [];

  beforeAll(async () => {
    core = await createCore({ home, autoConnect: false });
    core.onEvent((e) => {
      if (e.type === 'resource-changed' && e.host === H) seen.push(e);
    });
    await core.call('hosts.add', { config: sshHostConfig(tb, 1, knownHostsCopy(tb, home), H) });
  });

  afterAll(async () => {
    purgeDomain(tb, 1, vm);
    quiet('undefine', '--snapshots-metadata', vm);
    for (const v of [vol, mine, disk]) quiet('vol-delete', v, '--pool', 'default');
    for (const cmd of ['pool-destroy', 'pool-delete', 'pool-undefine']) quiet(cmd, pool);
    for (const cmd of ['net-destroy', 'net-undefine']) quiet(cmd, net);
    await core?.close();
  });

  /** Runs `act`, then waits for the event that says `ref` changed. */
  async function expectChange(ref: ResourceRef, act: () => unknown): Promise<void> {
    seen = [];
    await act();
    const same = (e: Changed) => Object.entries(ref).every(([k, v]) => (e as Record<string, unknown>)[k] === v);
    await waitFor(`resource-changed ${JSON.stringify(ref)}`, () => seen.some(same), 10_000);
  }

  it('a pool defined, built, started, stopped, deleted and undefined with virsh', async () => {
    const ref: ResourceRef = { kind: 'pool', name: pool };
    await expectChange(ref, () => tb.virsh(1, 'pool-define-as', pool, 'dir', '--target', `/var/lib/libvirt/images/${pool}`));
    for (const cmd of ['pool-build', 'pool-start', 'pool-refresh', 'pool-destroy', 'pool-delete', 'pool-undefine']) {
      await expectChange(ref, () => tb.virsh(1, cmd, pool));
    }
  });

  it('a network defined, started, stopped and undefined with virsh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vd-res-net-'));
    const file = join(dir, 'net.xml');
    writeFileSync(file, `<network><name>${net}</name><ip address='10.251.${50 + Math.floor(Math.random() * 150)}.1' prefix='24'/></network>`);
    const ref: ResourceRef = { kind: 'network', name: net };
    await expectChange(ref, () => tb.virsh(1, 'net-define', file));
    for (const cmd of ['net-start', 'net-destroy', 'net-undefine']) await expectChange(ref, () => tb.virsh(1, cmd, net));
  });

  it('a volume created and deleted with virsh (libvirt sends no volume event: the core looks)', async () => {
    const ref: ResourceRef = { kind: 'volume', pool: 'default', name: vol };
    await expectChange(ref, () => tb.virsh(1, 'vol-create-as', 'default', vol, '1M', '--format', 'qcow2'));
    await expectChange(ref, () => tb.virsh(1, 'vol-delete', vol, '--pool', 'default'));
  });

  it("the core's own changes libvirt is silent about: a volume, a pool's autostart, a snapshot", async () => {
    const ref: ResourceRef = { kind: 'volume', pool: 'default', name: mine };
    await expectChange(ref, () => core.call('volumes.create', { host: H, pool: 'default', options: { name: mine, capacity: 1 << 20, format: 'qcow2' } }));
    await expectChange(ref, () => core.call('volumes.delete', { host: H, pool: 'default', volume: mine }));
    // The test bed's default pool starts on boot already: set again, nothing changes on the host, the event comes.
    await expectChange({ kind: 'pool', name: 'default' }, () => core.call('pools.setAutostart', { host: H, pool: 'default', autostart: true }));

    // Its volume event (the core's look) is taken here, so it cannot land among the snapshot's below.
    await expectChange({ kind: 'volume', pool: 'default', name: disk }, () => tb.virsh(1, 'vol-create-as', 'default', disk, '1M', '--format', 'qcow2'));
    const path = tb.virsh(1, 'vol-path', disk, '--pool', 'default');
    const uuid = defineTinyDomain(tb, 1, vm, `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${path}'/><target dev='vda' bus='virtio'/></disk>`);
    await waitFor(`${vm} known to the core`, () => core.vms.list({ host: H }).some((v) => v.uuid === uuid), 10_000);
    await expectChange({ kind: 'snapshot', vm: uuid, name: 's1' }, () =>
      core.call('snapshots.create', { ref: { host: H, vm }, spec: { name: 's1', kind: 'internal' } }),
    );
    // Behind our back: libvirt tells only of the revert (a domain event "from snapshot"), not of create/delete.
    await expectChange({ kind: 'snapshot', vm: uuid, name: null }, () => tb.virsh(1, 'snapshot-revert', vm, 's1'));
    expect(seen.every((e) => e.kind === 'snapshot')).toBe(true);
  });
});
