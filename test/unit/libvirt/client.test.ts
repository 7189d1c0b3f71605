import { afterEach, describe, expect, it } from 'vitest';
import { XdrReader } from '../../../electron/libvirt/xdr/index.js';
import {
  AuthType,
  DomainEventId,
  EventProc,
  KEEPALIVE_PROGRAM,
  KeepaliveProc,
  MessageType,
  Proc,
  readDomain,
  uuidToBytes,
  writeDomain,
  type DomainRef,
} from '../../../electron/libvirt/protocol/index.js';
import { LibvirtConnectionClosedError, LibvirtError } from '../../../electron/libvirt/errors.js';
import { LibvirtConnection } from '../../../electron/libvirt/connection.js';
import type { DomainEvent } from '../../../electron/libvirt/events.js';
import { FakeDaemon, xdr } from './fake-daemon.js';

const vm: DomainRef = { name: 'vm "one" ü', uuid: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9', id: 3 };
let conn: LibvirtConnection | undefined;
const daemons: FakeDaemon[] = [];
const daemon = () => {
  const d = new FakeDaemon();
  daemons.push(d);
  return d;
};
afterEach(() => daemons.splice(0).forEach((d) => d.server.destroy()));

describe('opening handshake', () => {
  it('sends AUTH_LIST, SUPPORTS_FEATURE(keepalive) and CONNECT_OPEN(uri, flags) in one round trip', async () => {
    const d = daemon();
    const opening = LibvirtConnection.open(d.client, { uri: 'qemu:///session', readOnly: true });
    // all three arrive before any answer
    const auth = await d.nextCall();
    const feat = await d.nextCall();
    const open = await d.nextCall();
    expect(auth.header).toMatchObject({ prog: 0x20008086, vers: 1, proc: Proc.AUTH_LIST, type: MessageType.CALL });
    expect(auth.body.length).toBe(0);
    expect(feat.header.proc).toBe(Proc.CONNECT_SUPPORTS_FEATURE);
    expect(new XdrReader(feat.body).int()).toBe(10);
    expect(open.header.proc).toBe(Proc.CONNECT_OPEN);
    const r = new XdrReader(open.body);
    expect(r.optional((x) => x.string())).toBe('qemu:///session');
    expect(r.uint()).toBe(1);
    expect(new Set([auth.header.serial, feat.header.serial, open.header.serial]).size).toBe(3);
    d.reply(auth, xdr((w) => w.array([0], (x, v) => void x.int(v))));
    d.reply(feat, xdr((w) => w.int(1)));
    d.reply(open);
    conn = await opening;
    expect(conn.closed).toBe(false);
  });

  it('asks the keepalive question and opens again after polkit when the daemon refused them before', async () => {
    const d = daemon();
    const opening = LibvirtConnection.open(d.client);
    const auth = await d.nextCall();
    const feat = await d.nextCall();
    const open = await d.nextCall();
    d.replyError(feat, { code: 45, message: 'authentication required' });
    d.replyError(open, { code: 45, message: 'authentication required' });
    d.reply(auth, xdr((w) => w.array([AuthType.POLKIT], (x, v) => void x.int(v))));
    const polkit = await d.nextCall();
    expect(polkit.header.proc).toBe(Proc.AUTH_POLKIT);
    d.reply(polkit, xdr((w) => w.int(1)));
    const feat2 = await d.nextCall();
    expect(feat2.header.proc).toBe(Proc.CONNECT_SUPPORTS_FEATURE);
    d.reply(feat2, xdr((w) => w.int(0)));
    const open2 = await d.nextCall();
    expect(open2.header.proc).toBe(Proc.CONNECT_OPEN);
    d.reply(open2);
    conn = await opening;
    expect(conn.closed).toBe(false);
  });

  it('fails open() with the error of the open asked again when the daemon refuses it twice', async () => {
    const d = daemon();
    const opening = LibvirtConnection.open(d.client, { uri: 'bogus:///nowhere' });
    const auth = await d.nextCall();
    const feat = await d.nextCall();
    const open = await d.nextCall();
    d.reply(auth, xdr((w) => w.array([0], (x, v) => void x.int(v))));
    d.reply(feat, xdr((w) => w.int(1)));
    d.replyError(open, { code: 38, message: 'no connection driver available for bogus:///nowhere' });
    const again = await d.nextCall();
    expect(again.header.proc).toBe(Proc.CONNECT_OPEN);
    d.replyError(again, { code: 38, message: 'no connection driver available for bogus:///nowhere' });
    await expect(opening).rejects.toMatchObject({ name: 'LibvirtError', code: 38 });
    expect(d.client.destroyed).toBe(true);
  });

  it('fails open() with the daemon error and closes the transport', async () => {
    const d = daemon();
    const opening = LibvirtConnection.open(d.client);
    d.replyError(await d.nextCall(), { code: 45, message: 'authentication failed' });
    await expect(opening).rejects.toMatchObject({ name: 'LibvirtError', code: 45 });
    expect(d.client.destroyed).toBe(true);
  });
});

describe('calls', () => {
  it('matches out-of-order replies to their callers by serial', async () => {
    const d = daemon();
    conn = await d.open();
    const names = ['a', 'b', 'c', 'd'];
    const results = names.map((n) => conn!.lookupDomainByName(n));
    const calls = [];
    for (const _ of names) calls.push(await d.nextCall());
    for (const c of [calls[2]!, calls[0]!, calls[3]!, calls[1]!]) {
      const asked = new XdrReader(c.body).string();
      d.reply(c, xdr((w) => writeDomain(w, { ...vm, name: `${asked}-found` })));
    }
    expect((await Promise.all(results)).map((r) => r.name)).toEqual(['a-found', 'b-found', 'c-found', 'd-found']);
  });

  it('sends the calls made together in one transport write, in the order they were made', async () => {
    const d = daemon();
    conn = await d.open();
    const written: Buffer[] = [];
    const write = d.client.write.bind(d.client);
    d.client.write = ((chunk: Buffer, ...rest: never[]) => {
      written.push(chunk);
      return write(chunk, ...rest);
    }) as typeof d.client.write;
    const results = ['a', 'b', 'c'].map((n) => conn!.lookupDomainByName(n));
    const calls = [await d.nextCall(), await d.nextCall(), await d.nextCall()];
    expect(written).toHaveLength(1);
    expect(calls.map((c) => new XdrReader(c.body).string())).toEqual(['a', 'b', 'c']);
    for (const c of calls) d.reply(c, xdr((w) => writeDomain(w, vm)));
    await Promise.all(results);
  });

  it('encodes arguments and decodes replies of typed procedures', async () => {
    const d = daemon();
    conn = await d.open();
    const info = conn.domainGetInfo(vm);
    const c = await d.nextCall();
    expect(c.header.proc).toBe(Proc.DOMAIN_GET_INFO);
    const sent = readDomain(new XdrReader(c.body));
    expect(sent).toEqual(vm);
    expect(c.body.includes(uuidToBytes(vm.uuid))).toBe(true);
    d.reply(c, xdr((w) => w.uint(3).uhyper(65536).uhyper(32768).uint(2).uhyper(123_456_789n)));
    expect(await info).toEqual({ state: 'paused', maxMemKiB: 65536, memoryKiB: 32768, nrVirtCpu: 2, cpuTimeNs: 123456789 });

    const ver = conn.getLibVersion();
    d.reply(await d.nextCall(), xdr((w) => w.uhyper(10_002_003)));
    expect(await ver).toBe('10.2.3');
  });

  it('turns an error reply into a LibvirtError with every field', async () => {
    const d = daemon();
    conn = await d.open();
    const p = conn.lookupDomainByName('missing');
    const fields = {
      code: 42,
      domain: 10,
      level: 2,
      message: "Domain not found: no domain with matching name 'missing'",
      str1: 'Domain not found: %s',
      int1: 7,
    };
    d.replyError(await d.nextCall(), fields);
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibvirtError);
    expect(err).toMatchObject({ ...fields, proc: Proc.DOMAIN_LOOKUP_BY_NAME });
    // The connection survives an error reply.
    const host = conn.getHostname();
    d.reply(await d.nextCall(), xdr((w) => w.string('h1')));
    expect(await host).toBe('h1');
  });

  it('rejects every pending call with LibvirtConnectionClosedError and emits close(err) when the transport dies', async () => {
    const d = daemon();
    conn = await d.open();
    const closed = new Promise<Error | undefined>((r) => conn!.once('close', r));
    const a = conn.getHostname();
    const b = conn.listAllDomains();
    await d.nextCall();
    d.server.destroy();
    await expect(a).rejects.toBeInstanceOf(LibvirtConnectionClosedError);
    await expect(b).rejects.toBeInstanceOf(LibvirtConnectionClosedError);
    expect(await closed).toBeInstanceOf(LibvirtConnectionClosedError);
    expect(conn.closed).toBe(true);
    await expect(conn.getHostname()).rejects.toBeInstanceOf(LibvirtConnectionClosedError);
  });

  it('close() says CONNECT_CLOSE and emits close without error', async () => {
    const d = daemon();
    conn = await d.open();
    const closed = new Promise<Error | undefined>((r) => conn!.once('close', r));
    const closing = conn.close();
    const bye = await d.nextCall();
    expect(bye.header.proc).toBe(Proc.CONNECT_CLOSE);
    d.reply(bye);
    await closing;
    expect(await closed).toBeUndefined();
    expect(conn.closed).toBe(true);
  });

  it('closes with an error when the daemon sends an impossible packet length', async () => {
    const d = daemon();
    conn = await d.open();
    const pending = conn.getHostname();
    d.server.write(Buffer.from('00000001', 'hex'));
    await expect(pending).rejects.toThrow(/bad packet length/);
  });
});

describe('events', () => {
  it('registers a callback and emits decoded lifecycle events', async () => {
    const d = daemon();
    conn = await d.open();
    const reg = conn.registerDomainEvent(DomainEventId.LIFECYCLE);
    const c = await d.nextCall();
    expect(c.header.proc).toBe(Proc.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY);
    const r = new XdrReader(c.body);
    expect(r.int()).toBe(0);
    expect(r.optional(readDomain)).toBeNull();
    d.reply(c, xdr((w) => w.int(17)));
    expect(await reg).toBe(17);

    const got: DomainEvent[] = [];
    conn.on('domain-event', (e) => got.push(e));
    d.event(EventProc.DOMAIN_LIFECYCLE, xdr((w) => (w.int(17), writeDomain(w, vm), w.int(2).int(0))));
    d.event(EventProc.DOMAIN_LIFECYCLE, xdr((w) => (w.int(17), writeDomain(w, vm), w.int(5).int(1))));
    const host = conn.getHostname(); // a reply after the events proves they were processed
    d.reply(await d.nextCall(), xdr((w) => w.string('h')));
    await host;
    expect(got).toEqual([
      { callbackId: 17, eventId: 0, kind: 'lifecycle', dom: vm, event: 'started', detail: 'booted' },
      { callbackId: 17, eventId: 0, kind: 'lifecycle', dom: vm, event: 'stopped', detail: 'destroyed' },
    ]);
  });

  it('reports an undecodable event without closing the connection', async () => {
    const d = daemon();
    conn = await d.open();
    const errs: Error[] = [];
    conn.on('event-error', (e) => errs.push(e));
    d.event(EventProc.DOMAIN_LIFECYCLE, Buffer.from('0000', 'hex'));
    const host = conn.getHostname();
    d.reply(await d.nextCall(), xdr((w) => w.string('h')));
    expect(await host).toBe('h');
    expect(errs).toHaveLength(1);
  });
});

describe('keepalive', () => {
  it('answers a daemon PING with a PONG', async () => {
    const d = daemon();
    conn = await d.open({ keepaliveIntervalMs: 60_000 });
    d.send({ prog: KEEPALIVE_PROGRAM, proc: KeepaliveProc.PING, type: MessageType.MESSAGE });
    const pong = await d.next();
    expect(pong.header).toEqual({ prog: KEEPALIVE_PROGRAM, vers: 1, proc: KeepaliveProc.PONG, type: 2, serial: 0, status: 0 });
    expect(pong.body.length).toBe(0);
  });

  it('PINGs an idle daemon and stays up while PONGs come back', async () => {
    const d = daemon();
    conn = await d.open({ keepaliveIntervalMs: 20, keepaliveCount: 2 });
    for (let i = 0; i < 5; i++) {
      const ping = await d.next();
      expect(ping.header).toMatchObject({ prog: KEEPALIVE_PROGRAM, proc: KeepaliveProc.PING, type: 2 });
      d.send({ prog: KEEPALIVE_PROGRAM, proc: KeepaliveProc.PONG, type: MessageType.MESSAGE });
    }
    expect(conn.closed).toBe(false);
  });

  it('declares a silent daemon dead after N unanswered PINGs', async () => {
    const d = daemon();
    conn = await d.open({ keepaliveIntervalMs: 20, keepaliveCount: 3 });
    const pending = conn.getHostname();
    await d.nextCall();
    const err = await new Promise<Error | undefined>((r) => conn!.once('close', r));
    expect(err).toBeInstanceOf(LibvirtConnectionClosedError);
    expect(err!.message).toMatch(/keepalive/);
    await expect(pending).rejects.toBeInstanceOf(LibvirtConnectionClosedError);
    let pings = 0;
    for (;;) {
      const p = await Promise.race([d.next(), new Promise<null>((r) => setTimeout(() => r(null), 20))]);
      if (!p) break;
      if (p.header.proc === KeepaliveProc.PING) pings++;
    }
    expect(pings).toBe(3);
  });

  it('does not start keepalive when the daemon lacks the feature', async () => {
    const d = daemon();
    conn = await d.open({ keepaliveIntervalMs: 10, keepaliveCount: 1 }, false);
    await new Promise((r) => setTimeout(r, 80));
    expect(conn.closed).toBe(false);
  });
});
