import { Duplex } from 'node:stream';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpc, type IpcRouter } from '../../../electron/main/ipc-router.js';
import { IPC } from '../../../electron/main/ipc-channels.js';
import { isTrustedUrl } from '../../../electron/main/trusted-origin.js';
import { channels, electronModule, handlers } from './fake-electron.js';
import { fakeCore, type FakeCore } from './fake-core.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

const trusted = { devServerOrigin: 'http://127.0.0.1:5173' };
const appUrl = 'virtdeck://app/index.html';

function event(url: string, parent: unknown = null) {
  return { senderFrame: { url, parent }, sender: { postMessage: vi.fn() } };
}

describe('isTrustedUrl', () => {
  it.each([
    [appUrl, true],
    ['virtdeck://app/index.html#/vms', true],
    ['http://127.0.0.1:5173/index.html', true],
    ['virtdeck://evil/index.html', false],
    ['virtdeck://app:99/index.html', false],
    ['virtdeck://user@app/index.html', false],
    ['file:///opt/VirtDeck/resources/app.asar/dist/renderer/index.html', false],
    ['file:///tmp/evil.html', false],
    ['http://127.0.0.1:5174/', false],
    ['https://example.com/', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => expect(isTrustedUrl(url, trusted)).toBe(ok));

  it('trusts no http origin without a dev server', () => {
    expect(isTrustedUrl('http://127.0.0.1:5173/', {})).toBe(false);
  });
});

describe('registerIpc', () => {
  let core: FakeCore;
  let router: IpcRouter;
  beforeEach(() => {
    router?.dispose();
    core = fakeCore();
    router = registerIpc(core, trusted);
  });

  const call = (e: unknown, ...args: unknown[]) => handlers.get(IPC.call)!(e, ...args);

  it('dispatches calls from our window', async () => {
    core.handlers['hosts.list'].mockResolvedValue([]);
    expect(await call(event(appUrl), 'hosts.list', {})).toEqual({ ok: true, value: [] });
  });

  it('refuses foreign origins and sub-frames before dispatching', async () => {
    const forbidden = { ok: false, code: 'call.forbidden', params: {} };
    expect(await call(event('https://evil.example/'), 'hosts.list', {})).toEqual(forbidden);
    expect(await call(event(appUrl, { url: appUrl }), 'hosts.list', {})).toEqual(forbidden);
    expect(await call({ senderFrame: null }, 'hosts.list', {})).toEqual(forbidden);
    expect(core.handlers['hosts.list']).not.toHaveBeenCalled();
  });

  it('validates names and payloads like the bridge', async () => {
    expect(await call(event(appUrl), 'nope', {})).toMatchObject({ ok: false, code: 'call.unknown' });
    expect(await call(event(appUrl), 'hosts.remove', { name: 1 })).toEqual({
      ok: false,
      code: 'call.bad-input',
      params: {
        call: 'hosts.remove', fields: ['name'], detail: 'name: Invalid input: expected string, received number',
        issues: [{ code: 'field.invalid', params: {}, field: 'name' }],
      },
    });
  });

  it('opens a console: hands a MessagePort to the sender and pumps bytes through it', async () => {
    const typed: Buffer[] = [];
    const stream = new Duplex({
      read() {},
      write(chunk: Buffer, _enc, done) {
        typed.push(chunk);
        done();
      },
    });
    core.nextConsole = stream;
    const e = event(appUrl);
    const result = await handlers.get(IPC.openConsole)!(e, 'p1', { kind: 'serial', ref: { host: 'h1', vm: 'web' } });
    expect(result).toEqual({ ok: true, value: null });
    const [channel, portId, ports] = e.sender.postMessage.mock.calls[0]!;
    expect([channel, portId]).toEqual([IPC.consolePort, 'p1']);
    expect(ports).toHaveLength(1);
    const { port1, port2 } = channels.at(-1)!;
    expect(ports).toEqual([port2]);
    expect(port1.started).toBe(true);
    stream.push('login: ');
    await new Promise((r) => setImmediate(r));
    expect(port1.sent).toEqual([new Uint8Array(Buffer.from('login: '))]);
    expect(Buffer.isBuffer(port1.sent[0])).toBe(false);
    // Renderer → VM: written to the stream, then acknowledged.
    port1.emit('message', { data: new TextEncoder().encode('root\n') });
    await vi.waitFor(() => expect(port1.sent.at(-1)).toEqual({ type: 'ack', bytes: 5 }));
    expect(Buffer.concat(typed).toString()).toBe('root\n');
    // The renderer's side going away ends the console stream.
    port1.emit('close');
    expect(stream.destroyed).toBe(true);
  });

  it('refuses consoles for foreign senders and bad requests', async () => {
    const open = handlers.get(IPC.openConsole)!;
    expect(await open(event('https://evil.example/'), 'p', { kind: 'serial', ref: { host: 'h', vm: 'v' } })).toMatchObject({
      code: 'call.forbidden',
    });
    expect(await open(event(appUrl), 'p', { kind: 'telnet', ref: { host: 'h', vm: 'v' } })).toMatchObject({
      code: 'call.bad-input',
    });
    expect(await open(event(appUrl), 'p', { kind: 'vnc', ref: { host: 'h', vm: 'v' } })).toEqual({
      ok: false,
      code: 'vm.not-running',
      params: { host: 'h1', vm: 'web' },
    });
  });

  describe('local files', () => {
    const sender = { postMessage: vi.fn() };
    const fromWindow = (win = sender) => ({ senderFrame: { url: appUrl, parent: null }, sender: win });
    const upload = (file: string) => ({ host: 'h1', pool: 'default', volume: 'disk.qcow2', file });
    const { dialog } = electronModule;

    it('a call naming a local file passes only once this window picked it in the main process’s dialog', async () => {
      const refused = await call(fromWindow(), 'volumes.upload', upload('/home/u/disk.qcow2'));
      expect(refused).toMatchObject({ ok: false, code: 'file.not-picked', params: { file: '/home/u/disk.qcow2' } });
      expect(core.handlers['volumes.upload'].run).not.toHaveBeenCalled();

      dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/u/disk.qcow2'] });
      expect(await handlers.get(IPC.openDialog)!(fromWindow(), 'read')).toBe('/home/u/disk.qcow2');
      expect(await call(fromWindow(), 'volumes.upload', upload('/home/u/disk.qcow2'))).toMatchObject({ ok: true });
      expect(core.handlers['volumes.upload'].run).toHaveBeenCalledTimes(1);

      // Picked to read is not picked to write or to record host keys in; another window picked nothing.
      expect(await call(fromWindow(), 'volumes.download', upload('/home/u/disk.qcow2'))).toMatchObject({ code: 'file.not-picked' });
      const probe = { ssh: { host: 'kvm1' }, knownHostsFile: '/home/u/disk.qcow2' };
      expect(await call(fromWindow(), 'hosts.probeKey', probe)).toMatchObject({ code: 'file.not-picked' });
      expect(await call(fromWindow({ postMessage: vi.fn() }), 'volumes.upload', upload('/home/u/disk.qcow2'))).toMatchObject({ code: 'file.not-picked' });
      expect(core.handlers['volumes.download'].run).not.toHaveBeenCalled();
      expect(core.handlers['hosts.probeKey'].run).not.toHaveBeenCalled();
    });

    it('the save dialog grants the download target; the known_hosts dialog the host-key file', async () => {
      dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/u/out.qcow2' });
      expect(await handlers.get(IPC.saveDialog)!(fromWindow(), 'out.qcow2')).toBe('/home/u/out.qcow2');
      expect(await call(fromWindow(), 'volumes.download', upload('/home/u/out.qcow2'))).toMatchObject({ ok: true });

      dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/u/.ssh/known_hosts'] });
      expect(await handlers.get(IPC.openDialog)!(fromWindow(), 'known-hosts')).toBe('/home/u/.ssh/known_hosts');
      const config = { name: 'kvm1', transport: 'ssh', ssh: { host: 'kvm1' }, uri: 'qemu:///system', knownHostsFile: '/home/u/.ssh/known_hosts' };
      expect(await call(fromWindow(), 'hosts.add', { config })).toMatchObject({ ok: true });
      expect(await call(fromWindow(), 'hosts.add', { config: { ...config, knownHostsFile: '/home/u/.bashrc' } })).toMatchObject({ code: 'file.not-picked' });
    });

    it('shows no dialog for foreign senders or unknown uses; a cancelled dialog grants nothing', async () => {
      dialog.showOpenDialog.mockClear();
      expect(await handlers.get(IPC.openDialog)!(event('https://evil.example/'), 'read')).toBeNull();
      expect(await handlers.get(IPC.openDialog)!(fromWindow(), 'write')).toBeNull();
      expect(dialog.showOpenDialog).not.toHaveBeenCalled();
      expect(await handlers.get(IPC.openDialog)!(fromWindow(), 'read')).toBeNull();
      expect(dialog.showOpenDialog).toHaveBeenCalledTimes(1);
    });
  });
});
