// A hostile or broken daemon cannot make one reply cost unbounded memory, nor one call hang for ever: the string
// cap (libvirt's REMOTE_STRING_MAX) and the call timeout fail that call only, and the connection goes on.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { XdrError } from '../../../electron/libvirt/xdr/index.js';
import { MessageStatus, MessageType, Proc, QemuProc } from '../../../electron/libvirt/protocol/index.js';
import { writeSnapshot } from '../../../electron/libvirt/protocol/snapshots.js';
import { LibvirtBadReplyError, LibvirtCallTimeoutError } from '../../../electron/libvirt/errors.js';
import type { LibvirtConnection } from '../../../electron/libvirt/connection.js';
import { FakeDaemon, xdr } from './fake-daemon.js';

const MiB = 1024 * 1024;
const dom = { name: 'big', uuid: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9', id: 1 };
const vol = { pool: 'default', name: 'a.qcow2', key: '/var/lib/libvirt/images/a.qcow2' };
const daemons: FakeDaemon[] = [];
afterEach(() => {
  vi.useRealTimers();
  daemons.splice(0).forEach((d) => d.server.destroy());
});

async function open(opts = {}): Promise<{ d: FakeDaemon; conn: LibvirtConnection }> {
  const d = new FakeDaemon();
  daemons.push(d);
  return { d, conn: await d.open(opts, false) };
}

/** An XDR string of n bytes, written by hand: our own writer refuses to encode one over the cap. */
function xdrString(n: number): Buffer {
  const b = Buffer.alloc(4 + n + ((4 - (n % 4)) % 4), 'x');
  b.writeUInt32BE(n, 0);
  return b;
}

/** The connection still works: one more call gets its answer. */
async function stillUp(d: FakeDaemon, conn: LibvirtConnection): Promise<void> {
  const host = conn.getHostname();
  d.reply(await d.nextCall(), xdr((w) => w.string('h1')));
  expect(await host).toBe('h1');
  expect(conn.closed).toBe(false);
}

describe('string cap (4 MiB, as libvirt)', () => {
  it('takes a 4 MiB domain XML', async () => {
    const { d, conn } = await open();
    const xml = conn.domainGetXmlDesc(dom);
    d.reply(await d.nextCall(), xdrString(4 * MiB));
    expect((await xml).length).toBe(4 * MiB);
  });

  it('fails the call, not the connection, on a 4 MiB + 1 byte string', async () => {
    const { d, conn } = await open();
    const xml = conn.domainGetXmlDesc(dom);
    d.reply(await d.nextCall(), xdrString(4 * MiB + 1));
    const err = await xml.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibvirtBadReplyError);
    expect(err).toMatchObject({ proc: Proc.DOMAIN_GET_XML_DESC });
    expect((err as Error).message).toMatch(/DOMAIN_GET_XML_DESC \(14\).*4194305 bytes exceeds the limit of 4194304/);
    await stillUp(d, conn);
  });

  it('refuses a 16 MiB domain XML without decoding it, and stays connected', async () => {
    const { d, conn } = await open();
    const xml = conn.domainGetXmlDesc(dom);
    d.reply(await d.nextCall(), xdrString(16 * MiB));
    await expect(xml).rejects.toBeInstanceOf(LibvirtBadReplyError);
    await stillUp(d, conn);
  });

  it('fails an error reply with an oversized message as that call only', async () => {
    const { d, conn } = await open();
    const p = conn.lookupDomainByName('x');
    const call = await d.nextCall();
    // remote_error: code, domain, message (present, 5 MiB), ...
    const body = xdr((w) => w.int(42).int(10).bool(true).uint(5 * MiB));
    d.send({ proc: call.header.proc, type: MessageType.REPLY, serial: call.header.serial, status: MessageStatus.ERROR }, body);
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibvirtBadReplyError);
    expect((err as Error).message).toMatch(/error reply to DOMAIN_LOOKUP_BY_NAME/);
    await stillUp(d, conn);
  });

  it('does not send a string libvirtd would refuse, and stays connected', async () => {
    const { d, conn } = await open();
    await expect(conn.domainDefineXml(`<domain>${'x'.repeat(5 * MiB)}</domain>`)).rejects.toBeInstanceOf(XdrError);
    await stillUp(d, conn);
  });
});

describe('call timeout', () => {
  it('fails a call with no reply after the default 60 s, names it, and drops the late reply', async () => {
    const { d, conn } = await open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const xml = conn.domainGetXmlDesc(dom);
    const call = await d.nextCall();
    const settled = xml.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(59_999);
    let done = false;
    void settled.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const err = await settled;
    expect(err).toBeInstanceOf(LibvirtCallTimeoutError);
    expect(err).toMatchObject({ proc: Proc.DOMAIN_GET_XML_DESC, timeoutMs: 60_000 });
    expect((err as Error).message).toMatch(/DOMAIN_GET_XML_DESC \(14\) got no reply within 60 s/);
    d.reply(call, xdr((w) => w.string('<domain/>')));
    await stillUp(d, conn);
  });

  it('takes the default from open() and a per-call override', async () => {
    const { d, conn } = await open({ callTimeoutMs: 1000 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const short = conn.getHostname().catch((e: unknown) => e);
    await d.nextCall();
    const patient = conn.call(Proc.CONNECT_GET_HOSTNAME, null, (r) => r.string(), { timeoutMs: 0 });
    const patientCall = await d.nextCall();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await short).toMatchObject({ name: 'LibvirtCallTimeoutError', timeoutMs: 1000 });
    await vi.advanceTimersByTimeAsync(3_600_000);
    d.reply(patientCall, xdr((w) => w.string('late but wanted')));
    expect(await patient).toBe('late but wanted');
  });

  it('lets long-running procedures (clone, snapshot) run past the default', async () => {
    const { d, conn } = await open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clone = conn.storageVolCreateXmlFrom({ name: 'default', uuid: dom.uuid }, '<volume/>', vol);
    const cloneCall = await d.nextCall();
    const snap = conn.snapshotCreateXml(dom, '<domainsnapshot/>');
    const snapCall = await d.nextCall();
    await vi.advanceTimersByTimeAsync(3_600_000);
    d.reply(cloneCall, xdr((w) => w.string(vol.pool).string(vol.name).string(vol.key)));
    d.reply(snapCall, xdr((w) => writeSnapshot(w, { name: 's1', dom })));
    expect(await clone).toEqual(vol);
    expect(await snap).toEqual({ name: 's1', dom });
  });

  it('gives a guest agent command its own wait on top of the default', async () => {
    const { d, conn } = await open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const agent = conn.domainAgentCommand(dom, '{"execute":"guest-ping"}', 30).catch((e: unknown) => e);
    const call = await d.nextCall();
    expect(call.header.proc).toBe(QemuProc.DOMAIN_AGENT_COMMAND);
    await vi.advanceTimersByTimeAsync(89_999);
    d.reply(call, xdr((w) => w.optional('{"return":{}}', (x, s) => void x.string(s))));
    expect(await agent).toBe('{"return":{}}');
  });
});
