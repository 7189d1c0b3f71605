// The undo journal of multi-step tasks: steps persisted as they are made, undone last first over the host's current
// connection, idempotent (what is gone counts as undone), stopped at the first failure with the address still held,
// waiting for a dropped host, and finished by a later process (or the next connect) when the task could not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { report } from '../../../shared/model/errors.js';
import { coreError } from '../../fixtures/core-error.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core.js';
import { UndoJournal, type UndoOptions } from '../../../electron/core/tasks/undo-journal.js';
import type { UndoStep } from '../../../electron/core/tasks/undo-steps.js';
import { CoreError } from '../../../electron/core/errors.js';
import { Inventory } from '../../../electron/inventory/index.js';
import { inventoryPath } from '../../../electron/inventory/paths.js';
import { FakeUndoHost } from './fake-undo-host.js';

const H = 'h1';
const UUID = '11111111-2222-3333-4444-555555555555';
const fast: UndoOptions = { waitMs: 0, pollMs: 1 };

let inv: Inventory;
let host: FakeUndoHost;

beforeEach(() => {
  inv = Inventory.open(':memory:');
  inv.addHost({ name: H, transport: 'local', uri: 'qemu:///system' });
  inv.instances.putIpam({ host: H, network: 'lan', kind: 'network', cidr: '10.0.0.0/24', gateway: '10.0.0.1', dns: [], search: [], range: null, reserved: [] });
  host = new FakeUndoHost();
});
afterEach(() => inv.close());

const journal = (opts: UndoOptions = fast) => new UndoJournal(inv, host.hosts, opts);
const reserve = (taskId: string | null, ip = '10.0.0.5', vmUuid: string | null = null) =>
  inv.instances.reserve({ host: H, network: 'lan', ip, vmName: 'web1', vmUuid, taskId, createdAt: 'now' });
const held = () => inv.instances.reservations(H, 'lan').map((r) => r.ip);

/** What a launch of web1 leaves on the host after its boot step: a running domain, its disk and seed, the address. */
function launchedSoFar(j: UndoJournal) {
  host.domains.set(UUID, { name: 'web1', active: true, xml: '' });
  host.pools.set('default', { uuid: 'p', active: true, volumes: new Set(['web1.qcow2', 'web1-seed.iso', 'other.qcow2']) });
  const entry = j.begin(H, 'launch web1');
  expect(reserve(entry.id)).toBe(true);
  entry.record({ kind: 'release-ip', network: 'lan', ip: '10.0.0.5' });
  entry.record({ kind: 'delete-volume', pool: 'default', name: 'web1.qcow2' });
  entry.record({ kind: 'delete-volume', pool: 'default', name: 'web1-seed.iso' });
  entry.record({ kind: 'remove-domain', uuid: UUID, name: 'web1' });
  return entry;
}

describe('undo journal', () => {
  it('persists each step before the change is made, in the order made', async () => {
    const j = journal();
    const entry = j.begin(H, 'launch web1');
    entry.record({ kind: 'release-ip', network: 'lan', ip: '10.0.0.5' });
    const seen = await entry.attempt({ kind: 'delete-volume', pool: 'default', name: 'web1.qcow2' }, async () => inv.undo.get(entry.id)?.steps);
    expect(seen).toEqual([{ kind: 'release-ip', network: 'lan', ip: '10.0.0.5' }, { kind: 'delete-volume', pool: 'default', name: 'web1.qcow2' }]);
    expect(inv.undo.get(entry.id)).toMatchObject({ host: H, task: 'launch web1', state: 'running', error: null });
    // The file outlives this process: a new connection to the same inventory sees the entry.
    expect(j.pending(H).map((p) => p.id)).toEqual([entry.id]);
  });

  it('a rollback undoes last first over the live connection; the address is released last; the entry is gone', async () => {
    const j = journal();
    const out = await j.rollback(launchedSoFar(j));
    expect(host.log).toEqual(['destroy web1', 'undefine web1', 'delete default/web1-seed.iso', 'delete default/web1.qcow2']);
    expect(out).toEqual({ undone: ['web1', 'default/web1-seed.iso', 'default/web1.qcow2', '10.0.0.5'], left: [], error: null });
    expect([...host.pools.get('default')!.volumes]).toEqual(['other.qcow2']);
    expect(held()).toEqual([]);
    expect(j.pending()).toEqual([]);
  });

  it('is idempotent: a step whose object is already gone counts as done, and a second run changes nothing', async () => {
    const j = journal();
    host.pools.set('default', { uuid: 'p', active: true, volumes: new Set() });
    host.pools.set('data', { uuid: 'someone-elses', active: true, volumes: new Set() });
    const steps: UndoStep[] = [
      { kind: 'release-ip', network: 'lan', ip: '10.0.0.9' },
      { kind: 'delete-volume', pool: 'default', name: 'gone.qcow2' },
      { kind: 'delete-volume', pool: 'no-such-pool', name: 'x.qcow2' },
      { kind: 'remove-pool', uuid: 'ours', name: 'data' }, // the name now belongs to another pool: ours is gone
      { kind: 'remove-pool', uuid: 'ours', name: 'vanished' },
      { kind: 'delete-file', path: '/var/lib/libvirt/images/x.overlay.qcow2' },
      { kind: 'define-domain', uuid: UUID, name: 'deleted-vm', xml: '<domain/>' }, // never brings a deleted VM back
      { kind: 'remove-domain', uuid: UUID, name: 'web1' },
    ];
    for (let run = 0; run < 2; run++) {
      const entry = j.begin(H, 'a task');
      for (const s of steps) entry.record(s);
      expect(await j.rollback(entry)).toMatchObject({ left: [], error: null });
    }
    expect(host.log).toEqual([]);
    expect(host.pools.has('data')).toBe(true);
    expect(j.pending()).toEqual([]);
  });

  it('stops at the first failing step: later steps (the address) wait; only the steps not done are kept', async () => {
    const j = journal();
    host.refuse.add('storageVolDelete');
    const out = await j.rollback(launchedSoFar(j));
    expect(host.log).toEqual(['destroy web1', 'undefine web1']);
    expect(out.undone).toEqual(['web1']);
    expect(out.left).toEqual(['10.0.0.5', 'default/web1.qcow2', 'default/web1-seed.iso']);
    expect(out.error).toEqual(report('undo.step-failed', { step: 'default/web1-seed.iso', cause: report('libvirt.error', { message: 'storageVolDelete refused', virCode: 9 }) }));
    expect(held()).toEqual(['10.0.0.5']);
    const [row] = j.pending(H);
    expect(row).toMatchObject({ state: 'undo', error: JSON.stringify(out.error) });
    expect(row!.steps).toHaveLength(3);

    // The next connect of the host finishes it.
    host.refuse.clear();
    j.resume(H, host.lv);
    await j.settle();
    expect(host.log.slice(2)).toEqual(['delete default/web1-seed.iso', 'delete default/web1.qcow2']);
    expect(held()).toEqual([]);
    expect(j.pending()).toEqual([]);
  });

  it('a dropped host: the task asks it to reconnect once, waits, and undoes over the new connection', async () => {
    const j = journal({ waitMs: 60_000, pollMs: 1 });
    const entry = launchedSoFar(j);
    host.online = false;
    let polls = 0;
    host.hosts.live = () => (++polls > 3 ? ((host.online = true), host.lv) : null);
    const out = await j.rollback(entry);
    expect(host.reconnects).toBe(1);
    expect(out.left).toEqual([]);
    expect(host.domains.size).toBe(0);
    expect(held()).toEqual([]);
  });

  it('the link drops in the middle of the undo: the task waits for the host and finishes where it stopped', async () => {
    const j = journal({ waitMs: 60_000, pollMs: 1 });
    const entry = launchedSoFar(j);
    const deleteVolume = host.lv.storageVolDelete;
    host.lv.storageVolDelete = async (v) => {
      host.online = false; // the first delete's reply is lost with the connection
      host.lv.storageVolDelete = deleteVolume;
      host.onReconnect = () => void (host.online = true);
      throw new CoreError('host.offline', { host: H, since: new Date(0).toISOString() });
    };
    const out = await j.rollback(entry);
    expect(host.reconnects).toBe(1);
    expect(out).toMatchObject({ left: [], error: null });
    expect(host.log).toEqual(['destroy web1', 'undefine web1', 'delete default/web1-seed.iso', 'delete default/web1.qcow2']);
    expect(held()).toEqual([]);
  });

  it('a host that stays away: the undo is left pending with the address held; a later process finishes it on connect', async () => {
    const first = journal({ waitMs: 5, pollMs: 1 });
    const entry = launchedSoFar(first);
    host.online = false;
    const out = await first.rollback(entry);
    expect(out).toEqual({ undone: [], left: ['10.0.0.5', 'default/web1.qcow2', 'default/web1-seed.iso', 'web1'], error: report('undo.host-offline', { host: H }) });
    expect(held()).toEqual(['10.0.0.5']);

    // The process ends (its owner token dies with it); the next one connects the host.
    host.online = true;
    const next = journal();
    next.resume(H, host.lv);
    await next.settle();
    expect(host.domains.size).toBe(0);
    expect([...host.pools.get('default')!.volumes]).toEqual(['other.qcow2']);
    expect(held()).toEqual([]);
    expect(next.pending()).toEqual([]);
  });

  it('a reconnect does not touch a task still running, nor an entry whose owner process is alive', async () => {
    const j = journal();
    const running = launchedSoFar(j);
    j.resume(H, host.lv);
    await j.settle();
    expect(host.log).toEqual([]);

    // Another live process owns it (e.g. the CLI while the app connects): it is that process's to finish.
    expect(inv.undo.claim(running.id, inv.undo.get(running.id)!.owner, '999999:cli')).toBe(true);
    const other = journal({ ...fast, isAlive: (pid) => pid === 999999 });
    other.resume(H, host.lv);
    await other.settle();
    expect(host.log).toEqual([]);
    expect(held()).toEqual(['10.0.0.5']);

    // That process died: the next connect takes the entry over and undoes it.
    const later = journal({ ...fast, isAlive: () => false });
    later.resume(H, host.lv);
    await later.settle();
    expect(host.log).toEqual(['destroy web1', 'undefine web1', 'delete default/web1-seed.iso', 'delete default/web1.qcow2']);
    expect(held()).toEqual([]);
  });

  it('attempt: a change the host refused drops its step; a change whose reply was lost keeps it', async () => {
    const j = journal();
    const entry = j.begin(H, 'define pool data');
    const step: UndoStep = { kind: 'remove-pool', uuid: 'u1', name: 'data' };
    await expect(entry.attempt(step, async () => Promise.reject(new CoreError('pool.exists', { host: H, pool: 'data' })))).rejects.toThrow(coreError('pool.exists'));
    expect(inv.undo.get(entry.id)!.steps).toEqual([]);
    const offline = new CoreError('host.offline', { host: H, since: new Date(0).toISOString() });
    await expect(entry.attempt(step, async () => Promise.reject(offline))).rejects.toThrow(coreError('host.offline'));
    expect(inv.undo.get(entry.id)!.steps).toEqual([step]);
  });

  it('a step this VirtDeck does not know (written by a newer one) stays pending, and so does everything before it', async () => {
    inv.undo.add({ id: 'e1', host: H, task: 'future', owner: '1:dead', state: 'undo', steps: [{ kind: 'release-ip', network: 'lan', ip: '10.0.0.5' }, { kind: 'frobnicate', what: 'x' }], created: 'now' });
    reserve('e1');
    const j = journal({ ...fast, isAlive: () => false });
    j.resume(H, host.lv);
    await j.settle();
    expect(j.pending()[0]).toMatchObject({ id: 'e1', error: JSON.stringify(report('undo.unknown-step', { step: '{"kind":"frobnicate","what":"x"}' })) });
    expect(held()).toEqual(['10.0.0.5']);
  });

  it('commit keeps the changes; its own writes land with the removal of the entry, or neither does', () => {
    const j = journal();
    const ok = j.begin(H, 'launch web1');
    reserve(ok.id);
    j.commit(ok, () => inv.instances.bindReservation(H, 'lan', '10.0.0.5', UUID));
    expect(j.pending()).toEqual([]);
    expect(inv.instances.reservations(H, 'lan')).toMatchObject([{ vmUuid: UUID, taskId: null }]);

    const bad = j.begin(H, 'launch web2');
    expect(() => j.commit(bad, () => inv.instances.bindReservation(H, 'lan', '10.0.0.77', UUID))).toThrow('no reservation of 10.0.0.77');
    expect(j.pending().map((p) => p.id)).toEqual([bad.id]);
  });

  it('schedule: a clean-up runs now on an online host, and on the next connect when the host is away', async () => {
    host.pools.set('default', { uuid: 'p', active: true, volumes: new Set(['a-seed.iso', 'b-seed.iso']) });
    const j = journal();
    j.schedule(H, 'remove the seed of a', [{ kind: 'delete-volume', pool: 'default', name: 'a-seed.iso' }]);
    await j.settle();
    host.online = false;
    j.schedule(H, 'remove the seed of b', [{ kind: 'delete-volume', pool: 'default', name: 'b-seed.iso' }]);
    await j.settle();
    expect(host.log).toEqual(['delete default/a-seed.iso']);
    expect(j.pending().map((p) => p.task)).toEqual(['remove the seed of b']);
    host.online = true;
    j.resume(H, host.lv);
    await j.settle();
    expect(host.log).toEqual(['delete default/a-seed.iso', 'delete default/b-seed.iso']);
  });

  it('define-domain puts the previous definition back; delete-file removes the file', async () => {
    host.domains.set(UUID, { name: 'db', active: false, xml: 'new' });
    host.files.add('/img/db.snap-r1.qcow2');
    const j = journal();
    const entry = j.begin(H, 'revert db to snap');
    entry.record({ kind: 'delete-file', path: '/img/db.snap-r1.qcow2' });
    entry.record({ kind: 'define-domain', uuid: UUID, name: 'db', xml: `<name>db</name><uuid>${UUID}</uuid>` });
    await j.rollback(entry);
    expect(host.log).toEqual(['define db', 'rm /img/db.snap-r1.qcow2']);
    expect(host.domains.get(UUID)?.xml).toBe(`<name>db</name><uuid>${UUID}</uuid>`);
  });
});

describe('reservations past their task', () => {
  it('released on connect when their task is gone; kept while a pending undo or a VM holds them', () => {
    const j = journal();
    const live = j.begin(H, 'launch a');
    reserve(live.id, '10.0.0.5');
    reserve('task-that-crashed-before-recording', '10.0.0.6');
    reserve(null, '10.0.0.7'); // left by a VirtDeck before schema 3: no task can hold it any more
    reserve(null, '10.0.0.8', UUID);
    j.resume(H, host.lv);
    expect(held()).toEqual(['10.0.0.5', '10.0.0.8']);
  });

  it('released when the core starts', async () => {
    const home = mkdtempSync(join(tmpdir(), 'vd-undo-'));
    try {
      const file = Inventory.open(inventoryPath(home));
      file.addHost({ name: H, transport: 'local', uri: 'qemu:///system' });
      file.instances.putIpam({ host: H, network: 'lan', kind: 'network', cidr: '10.0.0.0/24', gateway: '10.0.0.1', dns: [], search: [], range: null, reserved: [] });
      file.instances.reserve({ host: H, network: 'lan', ip: '10.0.0.6', vmName: 'a', vmUuid: null, taskId: 'crashed', createdAt: 'now' });
      file.close();
      const core = await createCore({ home, autoConnect: false });
      expect(core.inventory.instances.reservations()).toEqual([]);
      await core.close();
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
