// LibvirtConnection against test-bed host 1's real libvirtd, over its unix socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testbed } from '../testbed.js';
import {
  DomainEventId,
  DomainStatsTypes,
  DomainXmlFlags,
  LibvirtConnection,
  LibvirtError,
  VirErrorCode,
  type DomainEvent,
  type DomainRef,
  type OpenOptions,
  type StoragePoolRef,
} from '../../../electron/libvirt/index.js';

const tb = testbed();
const host = tb.hosts[0]!;
const virsh = (...args: string[]) => tb.virsh(1, ...args);
const tag = `lvc-${process.pid}-${randomBytes(3).toString('hex')}`;
// Spaces, both quote kinds and non-ASCII: the name must survive XML, XDR and virsh untouched.
const vmName = `${tag} "quoted" 'single' Grüße 虚拟机`;
const poolName = `${tag}-pool`;
const poolDir = mkdtempSync(join(tmpdir(), `${tag}-`));

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const domainXml = `<domain type='qemu'>
  <name>${escapeXml(vmName)}</name>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><serial type='pty'/><console type='pty'/></devices>
</domain>`;

function connect(opts?: OpenOptions): Promise<LibvirtConnection> {
  return new Promise((resolve, reject) => {
    const sock = createConnection(host.socket);
    sock.once('error', reject);
    sock.once('connect', () => {
      sock.off('error', reject);
      LibvirtConnection.open(sock, opts).then(resolve, reject);
    });
  });
}

const ms = (t0: number) => `${(performance.now() - t0).toFixed(1)} ms`;

/** Resolves with the first matching event, or rejects after `timeoutMs`. */
function nextEvent(conn: LibvirtConnection, pred: (e: DomainEvent) => boolean, timeoutMs = 20_000): Promise<DomainEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (conn.off('domain-event', on), reject(new Error('event timeout'))), timeoutMs);
    const on = (e: DomainEvent) => {
      if (!pred(e)) return;
      clearTimeout(timer);
      conn.off('domain-event', on);
      resolve(e);
    };
    conn.on('domain-event', on);
  });
}

let conn: LibvirtConnection;
let dom: DomainRef;

beforeAll(async () => {
  const t0 = performance.now();
  conn = await connect();
  console.log(`open (AUTH_LIST, SUPPORTS_FEATURE, CONNECT_OPEN): ${ms(t0)}`);
});

afterAll(async () => {
  // Remove whatever a failed test left behind (checked first, so a clean run stays quiet).
  if (dom && virsh('list', '--all', '--uuid').includes(dom.uuid)) {
    if (virsh('domstate', dom.uuid) !== 'shut off') virsh('destroy', dom.uuid);
    virsh('undefine', dom.uuid, '--nvram');
  }
  if (virsh('pool-list', '--all', '--name').split('\n').some((n) => n.trim() === poolName)) virsh('pool-destroy', poolName);
  await conn?.close();
  rmSync(poolDir, { recursive: true, force: true });
});

describe('libvirt client on a real daemon', () => {
  it('talks to the host', async () => {
    expect(await conn.getHostname()).toBe(virsh('hostname'));
    expect(await conn.getLibVersion()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await conn.getCapabilities()).toContain('<capabilities>');
    const info = await conn.nodeGetInfo();
    expect(info.cpus).toBeGreaterThan(0);
    expect(info.memoryKiB).toBeGreaterThan(0);
    expect(await conn.nodeGetFreeMemory()).toBeGreaterThan(0);
    const domcaps = await conn.getDomainCapabilities(null, 'x86_64', null, 'qemu');
    expect(domcaps).toContain('<domainCapabilities>');
  });

  it('reports a missing domain as LibvirtError NO_DOMAIN (42)', async () => {
    const err = await conn.lookupDomainByName(`${tag}-missing`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibvirtError);
    expect((err as LibvirtError).code).toBe(VirErrorCode.NO_DOMAIN);
    expect((err as LibvirtError).code).toBe(42);
  });

  it('defines a domain whose name has spaces, quotes and unicode', async () => {
    dom = await conn.domainDefineXml(domainXml);
    expect(dom.name).toBe(vmName);
    expect(dom.id).toBe(-1);
    expect(virsh('domname', dom.uuid)).toBe(vmName);
    expect(await conn.lookupDomainByName(vmName)).toEqual(dom);
    expect(await conn.lookupDomainByUuid(dom.uuid)).toEqual(dom);
    expect(await conn.domainIsPersistent(dom)).toBe(true);
    expect(await conn.domainIsActive(dom)).toBe(false);
    const xml = await conn.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE);
    expect(xml).toContain(`<uuid>${dom.uuid}</uuid>`);
    expect(await conn.domainGetAutostart(dom)).toBe(false);
    await conn.domainSetAutostart(dom, true);
    expect(await conn.domainGetAutostart(dom)).toBe(true);
    await conn.domainSetAutostart(dom, false);
  });

  it('lists the same domains as virsh list --all --uuid', async () => {
    const t0 = performance.now();
    const ours = await conn.listAllDomains();
    console.log(`listAllDomains (${ours.length} domains): ${ms(t0)}`);
    const theirs = virsh('list', '--all', '--uuid').split('\n').map((s) => s.trim()).filter(Boolean);
    expect(ours.map((d) => d.uuid).sort()).toEqual(theirs.sort());
    expect(ours.map((d) => d.uuid)).toContain(dom.uuid);
  });

  it('start / suspend / resume / destroy are reflected by virsh domstate', async () => {
    const state = () => virsh('domstate', dom.uuid);
    dom = await conn.domainCreate(dom);
    expect(dom.id).toBeGreaterThan(0);
    expect(state()).toBe('running');
    expect((await conn.domainGetState(dom)).state).toBe('running');
    const info = await conn.domainGetInfo(dom);
    expect(info).toMatchObject({ state: 'running', maxMemKiB: 32768, nrVirtCpu: 1 });

    await conn.domainSuspend(dom);
    expect(state()).toBe('paused');
    expect((await conn.domainGetInfo(dom)).state).toBe('paused');
    await conn.domainResume(dom);
    expect(state()).toBe('running');
    await conn.domainDestroy(dom);
    expect(state()).toBe('shut off');
    expect((await conn.domainGetState(dom)).state).toBe('shutoff');
  });

  it('receives lifecycle events for virsh start/destroy run behind its back', async () => {
    const callbackId = await conn.registerDomainEvent(DomainEventId.LIFECYCLE, dom);
    const mine = (event: string) => (e: DomainEvent) =>
      e.callbackId === callbackId && e.dom.uuid === dom.uuid && e.event === event;

    const started = nextEvent(conn, mine('started'));
    virsh('start', dom.uuid);
    expect(await started).toMatchObject({ kind: 'lifecycle', eventId: 0, event: 'started', detail: 'booted' });
    expect((await started).dom.name).toBe(vmName);

    const stopped = nextEvent(conn, mine('stopped'));
    virsh('destroy', dom.uuid);
    expect(await stopped).toMatchObject({ event: 'stopped', detail: 'destroyed' });

    await conn.deregisterDomainEvent(callbackId);
  });

  it('getAllDomainStats returns the running domain', async () => {
    dom = await conn.domainCreate(dom);
    const t0 = performance.now();
    const all = await conn.getAllDomainStats(
      [],
      DomainStatsTypes.STATE | DomainStatsTypes.CPU_TOTAL | DomainStatsTypes.BALLOON | DomainStatsTypes.VCPU,
    );
    console.log(`getAllDomainStats (${all.length} domains): ${ms(t0)}`);
    const rec = all.find((r) => r.dom.uuid === dom.uuid);
    expect(rec).toBeDefined();
    expect(rec!.dom.name).toBe(vmName);
    expect(rec!.params['state.state']).toBe(1);
    expect(rec!.params['vcpu.current']).toBe(1);
    expect(typeof rec!.params['cpu.time']).toBe('number');
    const only = await conn.getAllDomainStats([dom], DomainStatsTypes.STATE);
    expect(only.map((r) => r.dom.uuid)).toEqual([dom.uuid]);
  });

  it('opens and closes the console stream of a running domain', async () => {
    const stream = await conn.domainOpenConsole(dom, null, 0);
    stream.on('data', () => undefined);
    stream.write('\r');
    await new Promise((r) => setTimeout(r, 200));
    const closed = new Promise((r) => stream.once('close', r));
    stream.destroy();
    await closed;
    // The daemon frees the console: a second open works (it fails while one is open without FORCE). The daemon
    // ends its side of the stream after our close is acknowledged, so the open may be asked again for up to 5 s.
    let again = await conn.domainOpenConsole(dom, null, 0).catch((e: unknown) => e);
    for (const t0 = Date.now(); again instanceof LibvirtError && Date.now() - t0 < 5000; ) {
      await new Promise((r) => setTimeout(r, 100));
      again = await conn.domainOpenConsole(dom, null, 0).catch((e: unknown) => e);
    }
    if (again instanceof Error) throw again;
    await (again as Awaited<ReturnType<typeof conn.domainOpenConsole>>).finish();
    expect(await conn.getHostname()).toBe(virsh('hostname'));
    await conn.domainDestroy(dom);
  });

  it('uploads then downloads 4 MiB byte-identically in a dir pool', async () => {
    virsh('pool-create-as', poolName, 'dir', '--target', poolDir);
    const pool: StoragePoolRef = await conn.storagePoolLookupByName(poolName);
    expect((await conn.listAllStoragePools()).map((p) => p.name)).toContain(poolName);
    const size = 4 * 1024 * 1024;
    const vol = await conn.storageVolCreateXml(
      pool,
      `<volume><name>data.raw</name><capacity unit='bytes'>${size}</capacity><target><format type='raw'/></target></volume>`,
    );
    expect(await conn.storageVolGetPath(vol)).toBe(join(poolDir, 'data.raw'));
    expect(await conn.storageVolLookupByPath(join(poolDir, 'data.raw'))).toEqual(vol);
    expect(await conn.storageVolGetInfo(vol)).toMatchObject({ type: 'file', capacity: size });

    const data = randomBytes(size);
    let t0 = performance.now();
    const up = await conn.storageVolUpload(vol, 0, size);
    for (let at = 0; at < size; at += 1024 * 1024) up.write(data.subarray(at, at + 1024 * 1024));
    await up.finish();
    console.log(`upload 4 MiB: ${ms(t0)}`);

    t0 = performance.now();
    const down = await conn.storageVolDownload(vol, 0, size);
    const chunks: Buffer[] = [];
    for await (const c of down) chunks.push(c as Buffer);
    console.log(`download 4 MiB: ${ms(t0)}`);
    const got = Buffer.concat(chunks);
    expect(got.length).toBe(size);
    expect(got.equals(data)).toBe(true);

    await conn.storagePoolRefresh(pool);
    expect((await conn.storagePoolListAllVolumes(pool)).map((v) => v.name)).toEqual(['data.raw']);
    await conn.storageVolDelete(vol);
    const gone = await conn.storageVolLookupByPath(join(poolDir, 'data.raw')).catch((e: unknown) => e);
    expect((gone as LibvirtError).code).toBe(VirErrorCode.NO_STORAGE_VOL);
    virsh('pool-destroy', poolName);
  });

  it('lists networks and reads their XML', async () => {
    const nets = await conn.listAllNetworks();
    expect(nets.map((n) => n.name).sort()).toEqual(virsh('net-list', '--all', '--name').split('\n').map((s) => s.trim()).filter(Boolean).sort());
    if (nets[0]) expect(await conn.networkGetXmlDesc(nets[0])).toContain(`<uuid>${nets[0].uuid}</uuid>`);
  });

  it('renames and undefines the domain', async () => {
    await conn.domainRename(dom, `${vmName} renamed`);
    dom = await conn.lookupDomainByUuid(dom.uuid);
    expect(dom.name).toBe(`${vmName} renamed`);
    await conn.domainUndefine(dom);
    expect(virsh('list', '--all', '--uuid')).not.toContain(dom.uuid);
    const err = await conn.lookupDomainByUuid(dom.uuid).catch((e: unknown) => e);
    expect((err as LibvirtError).code).toBe(VirErrorCode.NO_DOMAIN);
  });

  it('stays alive on an idle connection because the daemon answers our PINGs', async () => {
    // 100 ms x 2: without PONGs from libvirtd this connection would be declared dead in ~300 ms.
    const idle = await connect({ keepaliveIntervalMs: 100, keepaliveCount: 2 });
    let closeErr: Error | undefined;
    idle.once('close', (e) => (closeErr = e));
    await new Promise((r) => setTimeout(r, 1500));
    expect(closeErr).toBeUndefined();
    expect(idle.closed).toBe(false);
    expect(await idle.getHostname()).toBe(virsh('hostname'));
    await idle.close();
  });

  it('closes cleanly', async () => {
    const other = await connect();
    const closed = new Promise<Error | undefined>((r) => other.once('close', r));
    await other.close();
    expect(await closed).toBeUndefined();
    expect(other.closed).toBe(true);
  });
});
