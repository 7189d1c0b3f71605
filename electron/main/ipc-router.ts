// ipcMain side of the preload: every message is checked for its sender frame before it reaches the core.
import { BrowserWindow, dialog, ipcMain, MessageChannelMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { CoreApi } from '../core/api.js';
import type { CallResult } from '../../shared/ipc/contract.js';
import { report } from '../../shared/model/errors.js';
import type { PromptAnswer, PromptHandler } from '../../shared/ipc/front-end.js';
import { openConsoleStream } from '../bridge/console-open.js';
import { dispatchCall } from '../bridge/dispatch.js';
import { isPromptAnswer } from '../bridge/prompt-relay.js';
import { pipeConsoleToPort } from './console-port.js';
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

  ipcMain.handle(IPC.call, (e, name: unknown, input: unknown) =>
    trustedEvent(e) ? dispatchCall(core.handlers, name, input) : FORBIDDEN,
  );

  ipcMain.handle(IPC.openConsole, async (e, portId: unknown, request: unknown): Promise<CallResult<null>> => {
    if (!trustedEvent(e)) return FORBIDDEN;
    if (typeof portId !== 'string' || portId.length > 100) {
      return { ok: false, ...report('call.bad-input', { call: 'console', fields: ['portId'], detail: 'portId must be a short string' }) };
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
    return r.canceled || !r.filePath ? null : r.filePath;
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
      ipcMain.removeListener(IPC.promptAnswer, onAnswer);
      for (const p of pending.values()) p.resolve({ accept: false });
      pending.clear();
    },
  };
}
