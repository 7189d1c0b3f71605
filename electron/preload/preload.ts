// The sandboxed preload: exposes `window.api` (PreloadApi) — one function per contract call, events, consoles
// and the prompt handler — and nothing else: no ipcRenderer, no generic invoke.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { contract, type CallResult } from '../../shared/ipc/contract.js';
import type { ConsoleOpenRequest } from '../../shared/ipc/consoles.js';
import type { ConsolePortMessage, PromptAnswer, PromptHandler, PromptRequest, PreloadApi } from '../../shared/ipc/front-end.js';
import type { CoreEvent } from '../../shared/model/events.js';
import { IPC } from '../main/ipc-channels.js';

const calls = Object.fromEntries(
  Object.keys(contract).map((name) => [name, (input: unknown) => ipcRenderer.invoke(IPC.call, name, input)]),
);

let promptHandler: PromptHandler | null = null;
ipcRenderer.on(IPC.prompt, (_e: IpcRendererEvent, id: number, request: PromptRequest) => {
  const answer = promptHandler ? promptHandler(request) : Promise.resolve<PromptAnswer>({ accept: false });
  void answer
    .catch((): PromptAnswer => ({ accept: false }))
    .then((a) => ipcRenderer.send(IPC.promptAnswer, id, a));
});

// A MessagePort cannot cross the context bridge: hand it to the page with a window message.
ipcRenderer.on(IPC.consolePort, (e: IpcRendererEvent, portId: string) => {
  const message: ConsolePortMessage = { virtdeckConsolePort: portId };
  window.postMessage(message, '*', e.ports);
});

const api = {
  ...calls,
  onEvent(listener: (event: CoreEvent) => void) {
    const forward = (_e: IpcRendererEvent, event: CoreEvent) => listener(event);
    ipcRenderer.on(IPC.event, forward);
    return () => {
      ipcRenderer.removeListener(IPC.event, forward);
    };
  },
  openConsole: (portId: string, request: ConsoleOpenRequest): Promise<CallResult<null>> =>
    ipcRenderer.invoke(IPC.openConsole, portId, request),
  chooseOpenFile: (use: 'read' | 'known-hosts'): Promise<string | null> => ipcRenderer.invoke(IPC.openDialog, use),
  chooseSaveFile: (name: string): Promise<string | null> => ipcRenderer.invoke(IPC.saveDialog, name),
  setPromptHandler(handler: PromptHandler) {
    promptHandler = handler;
  },
} as PreloadApi;

contextBridge.exposeInMainWorld('api', api);
