// Storage pool and network events, and the 'changed' notes for what our own calls change where libvirt is silent.
import { afterEach, describe, expect, it } from 'vitest';
import type { ResourceRef } from '../../../shared/model/events.js';
import { decodeNetworkEvent, decodePoolEvent, type NetworkEvent, type PoolEvent } from '../../../electron/libvirt/object-events.js';
import {
  EventProc,
  NetworkEventId,
  PoolEventId,
  Proc,
  readNetwork,
  writeNetwork,
  writePool,
  writeVol,
} from '../../../electron/libvirt/protocol/index.js';
import { XdrReader } from '../../../electron/libvirt/xdr/index.js';
import type { LibvirtConnection } from '../../../electron/libvirt/connection.js';
import { writeSnapshot } from '../../../electron/libvirt/protocol/snapshots.js';
import { FakeDaemon, xdr } from './fake-daemon.js';

const pool = { name: 'images', uuid: '00010203-0405-0607-0809-0a0b0c0d0e0f' };
const net = { name: 'lab', uuid: '0f0e0d0c-0b0a-0908-0706-050403020100' };
const vol = { pool: 'images', name: 'a.qcow2', key: '/srv/images/a.qcow2' };
const dom = { name: 'web', uuid: 'c7a5fdbd-cdaf-9455-926a-d65c16db1809', id: -1 };

describe('decoding', () => {
  it('decodes a pool lifecycle message from its exact bytes', () => {
    // callbackID 3, pool {name "images", uuid 00..0f}, event 4 (created = built), detail 0
    const body = Buffer.from('00000003' + '00000006' + '696d61676573' + '0000' + '000102030405060708090a0b0c0d0e0f' + '00000004' + '00000000', 'hex');
    expect(decodePoolEvent(EventProc.STORAGE_POOL_LIFECYCLE, body)).toEqual({ callbackId: 3, pool, event: 'created' });
  });

  it('decodes pool refresh and network lifecycle, and names numbers it does not know', () => {
    expect(decodePoolEvent(EventProc.STORAGE_POOL_REFRESH, xdr((w) => (w.int(4), writePool(w, pool))))).toEqual({
      callbackId: 4,
      pool,
      event: 'refreshed',
    });
    const lifecycle = (event: number) => xdr((w) => (w.int(5), writeNetwork(w, net), w.int(event).int(0)));
    expect(decodeNetworkEvent(EventProc.NETWORK_LIFECYCLE, lifecycle(3))).toEqual({ callbackId: 5, net, event: 'stopped' });
    expect(decodeNetworkEvent(EventProc.NETWORK_LIFECYCLE, lifecycle(9))?.event).toBe('unknown-9');
  });

  it('leaves other procedures alone and throws on truncated bodies', () => {
    expect(decodePoolEvent(EventProc.NETWORK_LIFECYCLE, xdr((w) => w.int(1)))).toBeNull();
    expect(decodeNetworkEvent(EventProc.STORAGE_POOL_LIFECYCLE, xdr((w) => w.int(1)))).toBeNull();
    expect(() => decodePoolEvent(EventProc.STORAGE_POOL_LIFECYCLE, xdr((w) => (w.int(1), writePool(w, pool))))).toThrow();
  });
});

const daemons: FakeDaemon[] = [];
afterEach(() => daemons.splice(0).forEach((d) => d.server.destroy()));

async function open(): Promise<{ d: FakeDaemon; conn: LibvirtConnection }> {
  const d = new FakeDaemon();
  daemons.push(d);
  return { d, conn: await d.open(undefined, false) };
}

describe('on a connection', () => {
  it('registers pool and network events and emits what arrives', async () => {
    const { d, conn } = await open();
    const reg = conn.registerPoolEvent(PoolEventId.REFRESH);
    const call = await d.nextCall();
    expect(call.header.proc).toBe(Proc.CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY);
    const r = new XdrReader(call.body);
    expect([r.int(), r.bool()]).toEqual([PoolEventId.REFRESH, false]);
    d.reply(call, xdr((w) => w.int(21)));
    expect(await reg).toBe(21);

    const regNet = conn.registerNetworkEvent(NetworkEventId.LIFECYCLE, net);
    const netCall = await d.nextCall();
    expect(netCall.header.proc).toBe(Proc.CONNECT_NETWORK_EVENT_REGISTER_ANY);
    const rn = new XdrReader(netCall.body);
    expect([rn.int(), rn.optional(readNetwork)]).toEqual([NetworkEventId.LIFECYCLE, net]);
    d.reply(netCall, xdr((w) => w.int(22)));
    expect(await regNet).toBe(22);

    const pools: PoolEvent[] = [];
    const nets: NetworkEvent[] = [];
    conn.on('pool-event', (e) => pools.push(e));
    conn.on('network-event', (e) => nets.push(e));
    d.event(EventProc.STORAGE_POOL_LIFECYCLE, xdr((w) => (w.int(20), writePool(w, pool), w.int(0).int(0))));
    d.event(EventProc.STORAGE_POOL_REFRESH, xdr((w) => (w.int(21), writePool(w, pool))));
    d.event(EventProc.NETWORK_LIFECYCLE, xdr((w) => (w.int(22), writeNetwork(w, net), w.int(2).int(0))));
    const host = conn.getHostname(); // a reply after the events proves they were handled
    d.reply(await d.nextCall(), xdr((w) => w.string('h')));
    await host;
    expect(pools.map((e) => e.event)).toEqual(['defined', 'refreshed']);
    expect(nets).toEqual([{ callbackId: 22, net, event: 'started' }]);
  });

  it("notes a change libvirt sends no event for once the call succeeded, and not when it failed", async () => {
    const { d, conn } = await open();
    const changed: ResourceRef[] = [];
    conn.on('changed', (ref) => changed.push(ref));

    const failing = conn.storageVolDelete(vol);
    d.replyError(await d.nextCall(), { code: 55, message: 'volume in use' });
    await expect(failing).rejects.toMatchObject({ code: 55 });
    expect(changed).toEqual([]);

    const created = conn.storageVolCreateXml(pool, '<volume/>');
    d.reply(await d.nextCall(), xdr((w) => writeVol(w, vol)));
    await created;
    const autostart = conn.networkSetAutostart(net, true);
    d.reply(await d.nextCall());
    await autostart;
    const snap = conn.snapshotCreateXml(dom, '<domainsnapshot/>');
    const snapCall = await d.nextCall();
    d.reply(snapCall, xdr((w) => writeSnapshot(w, { name: 's1', dom })));
    await snap;
    const gone = conn.snapshotDelete({ name: 's0', dom });
    d.reply(await d.nextCall());
    await gone;
    expect(changed).toEqual([
      { kind: 'volume', pool: 'images', name: 'a.qcow2' },
      { kind: 'network', name: 'lab' },
      { kind: 'snapshot', vm: dom.uuid, name: 's1' },
      { kind: 'snapshot', vm: dom.uuid, name: 's0' },
    ]);
  });
});
