// ipcMain side of the preload: every message is checked for its sender frame before it reaches the core.
import { homedir } from 'node:os';
import path from 'node:path';
import {
  BrowserWindow,
  dialog,
  ipcMain,
  MessageChannelMain,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type OpenDialogOptions,
  type WebContents,
} from 'electron';
import type { CoreApi } from '../core/api.js';
import type { CallResult } from '../../shared/ipc/contract.js';
import { refuseUnpickedFiles } from '../../shared/ipc/local-files.js';
import { report } from '../../shared/model/errors.js';
import type { PromptAnswer, PromptHandler } from '../../shared/ipc/front-end.js';
import { openConsoleStream } from '../webapi/console-open.js';
import { isPromptAnswer } from '../webapi/prompt-relay.js';
import { pipeConsoleToPort } from './console-port.js';
import { PickedFiles } from './picked-files.js';
import { IPC } from './ipc-channels.js';
import { isTrustedFrame, type TrustedLocations } from './trusted-origin.js';

const FORBIDDEN = { ok: false, ...report('call.forbidden', {}) } as const;

export interface IpcRouter {
  /** Asks the renderer of `contents` a question; resolves with its answer ("no" when the window goes away). */
  promptHandlerFor(contents: WebContents): PromptHandler;
  dispose(): void;
}

export function registerIpc(core: CoreApi, trusted: TrustedLocations): IpcRouter {
  const trustedEvent = (e: IpcMainInvokeEvent | IpcMainEvent) => isTrustedFrame(e.senderFrame, trusted);

  // Local files a call names must be ones this window's user picked in one of the dialogs below.
  const picked = new PickedFiles();
  ipcMain.handle(IPC.call, (e, name: unknown, input: unknown) => {
    if (!trustedEvent(e)) return FORBIDDEN;
    const refused = refuseUnpickedFiles(String(name), input, (file) => picked.allows(e.sender, file));
    return refused ?? core.dispatch(name, input);
  });

  ipcMain.handle(IPC.openConsole, async (e, portId: unknown, request: unknown): Promise<CallResult<null>> => {
    if (!trustedEvent(e)) return FORBIDDEN;
    if (typeof portId !== 'string' || portId.length > 100) {
      return { ok: false, ...report('call.bad-input', { call: 'console', fields: ['portId'], detail: 'portId must be a short string', issues: [{ code: 'field.invalid', params: {}, field: 'portId' }] }) };
    }
    const opened = await openConsoleStream(core.consoles, request);
    if (!opened.ok) return opened;
    const { port1, port2 } = new MessageChannelMain();
    pipeConsoleToPort(opened.value, port1);
    e.sender.postMessage(IPC.consolePort, portId, [port2]);
    return { ok: true, value: null };
  });

  // Downloads: the user picks where the core writes (the renderer never invents local paths).
  ipcMain.handle(IPC.saveDialog, async (e, name: unknown): Promise<string | null> => {
    if (!trustedEvent(e) || typeof name !== 'string' || name.length > 255) return null;
    const win = BrowserWindow.fromWebContents(e.sender);
    const options = { defaultPath: name };
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (r.canceled || !r.filePath) return null;
    picked.grant(e.sender, r.filePath, 'write');
    return r.filePath;
  });

  // Files for the core to read (uploads, images) or a known_hosts file: the user picks them here, never the page.
  ipcMain.handle(IPC.openDialog, async (e, use: unknown): Promise<string | null> => {
    if (!trustedEvent(e) || (use !== 'read' && use !== 'known-hosts')) return null;
    const win = BrowserWindow.fromWebContents(e.sender);
    const options: OpenDialogOptions =
      use === 'known-hosts'
        ? { properties: ['openFile', 'showHiddenFiles'], defaultPath: path.join(homedir(), '.ssh') }
        : { properties: ['openFile'] };
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const file = r.canceled ? undefined : r.filePaths[0];
    if (!file) return null;
    picked.grant(e.sender, file, use);
    return file;
  });

  const pending = new Map<number, { contents: WebContents; resolve: (a: PromptAnswer) => void }>();
  let seq = 0;
  const onAnswer = (e: IpcMainEvent, id: unknown, answer: unknown) => {
    const p = typeof id === 'number' ? pending.get(id) : undefined;
    if (!p || e.sender !== p.contents || !trustedEvent(e)) return;
    pending.delete(id as number);
    p.resolve(isPromptAnswer(answer) ? answer : { accept: false });
  };
  ipcMain.on(IPC.promptAnswer, onAnswer);

  return {
    promptHandlerFor(contents) {
      return (request) =>
        new Promise<PromptAnswer>((resolve) => {
          if (contents.isDestroyed()) return resolve({ accept: false });
          const id = ++seq;
          pending.set(id, { contents, resolve });
          contents.once('destroyed', () => {
            if (pending.delete(id)) resolve({ accept: false });
          });
          contents.send(IPC.prompt, id, request);
        });
    },
    dispose() {
      ipcMain.removeHandler(IPC.call);
      ipcMain.removeHandler(IPC.openConsole);
      ipcMain.removeHandler(IPC.saveDialog);
      ipcMain.removeHandler(IPC.openDialog);
      ipcMain.removeListener(IPC.promptAnswer, onAnswer);
      for (const p of pending.values()) p.resolve({ accept: false });
      pending.clear();
    },
  };
}
