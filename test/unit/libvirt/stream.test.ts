import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { MessageStatus, MessageType, Proc, STREAM_CHUNK_SIZE, writeDomain, type DomainRef, type StorageVolRef } from '../../../electron/libvirt/protocol/index.js';
import { LibvirtConnectionClosedError, LibvirtError } from '../../../electron/libvirt/errors.js';
import type { LibvirtConnection } from '../../../electron/libvirt/connection.js';
import type { LibvirtStream } from '../../../electron/libvirt/stream.js';
import type { Packet } from '../../../electron/libvirt/rpc/packet.js';
import { FakeDaemon, xdr } from './fake-daemon.js';

const vol: StorageVolRef = { pool: 'p', name: 'v.img', key: '/tmp/p/v.img' };
const dom: DomainRef = { name: 'vm', uuid: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9', id: 1 };
const daemons: FakeDaemon[] = [];
afterEach(() => daemons.splice(0).forEach((d) => d.server.destroy()));

async function setup(): Promise<{ d: FakeDaemon; conn: LibvirtConnection }> {
  const d = new FakeDaemon();
  daemons.push(d);
  return { d, conn: await d.open({ keepaliveIntervalMs: 60_000 }) };
}

/** Opens a stream through `open` and answers its call; returns the stream and the call packet. */
async function opened(d: FakeDaemon, open: Promise<LibvirtStream>): Promise<{ s: LibvirtStream; call: Packet }> {
  const call = await d.nextCall();
  d.reply(call);
  return { s: await open, call };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('upload stream', () => {
  it('sends data as STREAM/CONTINUE packets of at most 256 KiB, then OK, and finishes on the daemon OK', async () => {
    const { d, conn } = await setup();
    const data = randomBytes(600 * 1024 + 3);
    const { s, call } = await opened(d, conn.storageVolUpload(vol, 0, data.length));
    expect(call.header.proc).toBe(Proc.STORAGE_VOL_UPLOAD);
    s.write(data.subarray(0, 100));
    s.write(data.subarray(100));
    const finished = s.finish();
    const got: Buffer[] = [];
    for (;;) {
      const p = await d.nextCall();
      expect(p.header).toMatchObject({ proc: Proc.STORAGE_VOL_UPLOAD, type: MessageType.STREAM, serial: call.header.serial });
      if (p.header.status === MessageStatus.OK) {
        expect(p.body.length).toBe(0);
        break;
      }
      expect(p.header.status).toBe(MessageStatus.CONTINUE);
      expect(p.body.length).toBeLessThanOrEqual(STREAM_CHUNK_SIZE);
      got.push(p.body);
    }
    expect(Buffer.concat(got).equals(data)).toBe(true);
    let done = false;
    void finished.then(() => (done = true));
    await tick();
    expect(done).toBe(false); // waits for the daemon's confirmation
    d.stream(call, MessageStatus.OK);
    await finished;
  });

  it('respects transport backpressure: does not queue the whole upload in memory', async () => {
    const { d, conn } = await setup();
    const { s, call } = await opened(d, conn.storageVolUpload(vol, 0, 0));
    d.server.pause(); // the daemon stops reading
    const data = randomBytes(4 * 1024 * 1024);
    s.write(data);
    await new Promise((r) => setTimeout(r, 50));
    // Only what fits before 'drain' is handed to the transport: about one 256 KiB packet.
    expect(d.client.writableLength).toBeLessThanOrEqual(STREAM_CHUNK_SIZE + 64);
    d.server.resume();
    const finishing = s.finish();
    let bytes = 0;
    for (;;) {
      const p = await d.nextCall();
      if (p.header.status === MessageStatus.OK) break;
      bytes += p.body.length;
    }
    expect(bytes).toBe(data.length);
    d.stream(call, MessageStatus.OK);
    await finishing;
  });

  it('rejects finish() with the LibvirtError the daemon sends instead of OK', async () => {
    const { d, conn } = await setup();
    const { s, call } = await opened(d, conn.storageVolUpload(vol, 0, 0));
    s.on('error', () => undefined);
    const finishing = s.finish();
    await d.nextCall();
    d.send(
      { proc: call.header.proc, type: MessageType.STREAM, serial: call.header.serial, status: MessageStatus.ERROR },
      xdr((w) => w.int(38).int(18).optional('No space left on device', (x, v) => void x.string(v)).int(2).bool(false).bool(false).bool(false).bool(false).int(0).int(0).bool(false)),
    );
    await expect(finishing).rejects.toMatchObject({ name: 'LibvirtError', code: 38, message: 'No space left on device' });
  });
});

describe('download stream', () => {
  it('reads data, answers the empty CONTINUE with OK and ends after the daemon OK', async () => {
    const { d, conn } = await setup();
    const { s, call } = await opened(d, conn.storageVolDownload(vol, 0, 0));
    expect(call.header.proc).toBe(Proc.STORAGE_VOL_DOWNLOAD);
    const parts = [randomBytes(1000), randomBytes(70_000), randomBytes(5)];
    const chunks: Buffer[] = [];
    const ended = new Promise((r) => s.on('data', (c: Buffer) => chunks.push(c)).on('end', r));
    for (const p of parts) d.stream(call, MessageStatus.CONTINUE, p);
    d.stream(call, MessageStatus.CONTINUE); // end of data
    const ok = await d.nextCall();
    expect(ok.header).toMatchObject({ type: MessageType.STREAM, serial: call.header.serial, status: MessageStatus.OK });
    expect(ok.body.length).toBe(0);
    let hasEnded = false;
    void ended.then(() => (hasEnded = true));
    await tick();
    expect(hasEnded).toBe(false); // not before the daemon confirmed
    d.stream(call, MessageStatus.OK);
    await ended;
    expect(Buffer.concat(chunks).equals(Buffer.concat(parts))).toBe(true);
  });

  it('pauses the transport while the reader lags, resumes when it reads', async () => {
    const { d, conn } = await setup();
    const { s, call } = await opened(d, conn.storageVolDownload(vol, 0, 0));
    for (let i = 0; i < 4; i++) d.stream(call, MessageStatus.CONTINUE, Buffer.alloc(64 * 1024, i));
    await new Promise((r) => setTimeout(r, 30));
    expect(d.client.isPaused()).toBe(true);
    let total = 0;
    s.on('data', (c: Buffer) => (total += c.length));
    await new Promise((r) => setTimeout(r, 30));
    expect(d.client.isPaused()).toBe(false);
    expect(total).toBe(4 * 64 * 1024);
    s.destroy();
  });

  it('aborts on destroy(): sends STREAM/ERROR and drops the rest', async () => {
    const { d, conn } = await setup();
    const { s, call } = await opened(d, conn.storageVolDownload(vol, 0, 0));
    s.destroy();
    const abort = await d.nextCall();
    expect(abort.header).toMatchObject({ type: MessageType.STREAM, serial: call.header.serial, status: MessageStatus.ERROR });
    d.stream(call, MessageStatus.CONTINUE, Buffer.from('late data'));
    // The connection is still usable.
    const host = conn.getHostname();
    d.reply(await d.nextCall(), xdr((w) => w.string('h')));
    expect(await host).toBe('h');
  });

  it('fails the stream with LibvirtConnectionClosedError when the connection drops', async () => {
    const { d, conn } = await setup();
    const { s } = await opened(d, conn.storageVolDownload(vol, 0, 0));
    const err = new Promise<Error>((r) => s.once('error', r));
    d.server.destroy();
    expect(await err).toBeInstanceOf(LibvirtConnectionClosedError);
  });

  it('rejects the opening call with LibvirtError and leaves no stream behind', async () => {
    const { d, conn } = await setup();
    const opening = conn.storageVolDownload(vol, 0, 0);
    d.replyError(await d.nextCall(), { code: 50, message: 'Storage volume not found' });
    await expect(opening).rejects.toBeInstanceOf(LibvirtError);
  });
});

describe('console stream', () => {
  it('carries bytes both ways and ends its readable side when the daemon closes it', async () => {
    const { d, conn } = await setup();
    const opening = conn.domainOpenConsole(dom, null, 0);
    const call = await d.nextCall();
    expect(call.header.proc).toBe(Proc.DOMAIN_OPEN_CONSOLE);
    expect(call.body.equals(xdr((w) => (writeDomain(w, dom), w.bool(false), w.uint(0))))).toBe(true);
    d.reply(call);
    const s = await opening;
    s.write('ls\r');
    const typed = await d.nextCall();
    expect(typed.header.status).toBe(MessageStatus.CONTINUE);
    expect(typed.body.toString()).toBe('ls\r');
    d.stream(call, MessageStatus.CONTINUE, Buffer.from('login: '));
    d.stream(call, MessageStatus.OK);
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('login: ');
  });
});
