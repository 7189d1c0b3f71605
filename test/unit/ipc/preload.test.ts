import { beforeAll, describe, expect, it, vi } from 'vitest';
import { contract } from '../../../shared/ipc/contract.js';
import type { PreloadApi } from '../../../shared/ipc/front-end.js';
import { IPC } from '../../../electron/main/ipc-channels.js';
import { electronModule, exposed, rendererEmitter } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

describe('preload', () => {
  let api: PreloadApi;
  beforeAll(async () => {
    await import('../../../electron/preload/preload.js');
    api = exposed.get('api') as PreloadApi;
  });

  it('exposes exactly window.api: one function per contract call plus onEvent, openConsole, setPromptHandler, chooseOpenFile, chooseSaveFile', () => {
    expect([...exposed.keys()]).toEqual(['api']);
    const expected = [...Object.keys(contract), 'onEvent', 'openConsole', 'setPromptHandler', 'chooseOpenFile', 'chooseSaveFile'].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('forwards a call by name on the one call channel', async () => {
    await api['vms.list']({ host: 'h1' });
    expect(electronModule.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.call, 'vms.list', { host: 'h1' });
  });

  it('delivers events until unsubscribed', () => {
    const seen: unknown[] = [];
    const off = api.onEvent((e) => seen.push(e));
    rendererEmitter.emit(IPC.event, {}, { type: 'vm-removed', host: 'h', uuid: 'u', name: 'n' });
    off();
    rendererEmitter.emit(IPC.event, {}, { type: 'vm-removed', host: 'h', uuid: 'u2', name: 'n' });
    expect(seen).toEqual([{ type: 'vm-removed', host: 'h', uuid: 'u', name: 'n' }]);
  });

  it('answers prompts through the handler, and "no" without one or when it throws', async () => {
    rendererEmitter.emit(IPC.prompt, {}, 1, { kind: 'passphrase', keyFile: '/k' });
    await vi.waitFor(() => expect(electronModule.ipcRenderer.send).toHaveBeenLastCalledWith(IPC.promptAnswer, 1, { accept: false }));
    api.setPromptHandler(async (req) => ({ accept: true, secret: req.kind === 'passphrase' ? `for ${req.keyFile}` : '' }));
    rendererEmitter.emit(IPC.prompt, {}, 2, { kind: 'passphrase', keyFile: '/k' });
    await vi.waitFor(() =>
      expect(electronModule.ipcRenderer.send).toHaveBeenLastCalledWith(IPC.promptAnswer, 2, { accept: true, secret: 'for /k' }),
    );
    api.setPromptHandler(async () => {
      throw new Error('dialog crashed');
    });
    rendererEmitter.emit(IPC.prompt, {}, 3, { kind: 'password', user: 'u', host: 'h' });
    await vi.waitFor(() => expect(electronModule.ipcRenderer.send).toHaveBeenLastCalledWith(IPC.promptAnswer, 3, { accept: false }));
  });
});
