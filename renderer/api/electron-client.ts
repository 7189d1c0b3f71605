// The client inside the Electron app: window.api from the preload, consoles over transferred MessagePorts.
import type { CallResult } from '../../shared/ipc/contract.js';
import type { ConsoleControl } from '../../shared/ipc/consoles.js';
import type { ConsolePortMessage, PreloadApi } from '../../shared/ipc/front-end.js';
import { report } from '../../shared/model/errors.js';
import { ApiError, apiFromInvoke, consoleRequest, reportOf, type ClientApi } from './client.js';
import { FlowChannel } from './console-channel.js';

function isPortMessage(data: unknown, portId: string): data is ConsolePortMessage {
  return typeof data === 'object' && data !== null && (data as ConsolePortMessage).virtdeckConsolePort === portId;
}

function attachPort(channel: FlowChannel, port: MessagePort): void {
  port.onmessage = (e: MessageEvent<unknown>) => {
    const data = e.data;
    if (data instanceof Uint8Array) channel.receiveData(data.slice().buffer);
    else if (data instanceof ArrayBuffer) channel.receiveData(data);
    else channel.receiveControl(data as ConsoleControl);
  };
  channel.attach({
    sendData: (bytes) => port.postMessage(bytes, [bytes.buffer]),
    sendControl: (control) => port.postMessage(control),
    close: () => port.close(),
  });
}

/** The last component of a local path (POSIX or Windows separators). */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export function electronClient(preload: PreloadApi): ClientApi {
  return {
    api: apiFromInvoke((name, input) => (preload[name] as (i: unknown) => Promise<CallResult<unknown>>)(input)),
    onEvent: (listener) => preload.onEvent(listener),
    setPromptHandler: (handler) => preload.setPromptHandler(handler),
    files: {
      async choose(use) {
        const path = await preload.chooseOpenFile(use);
        return path ? { path, name: baseName(path) } : null;
      },
      async stage(file, onProgress) {
        // Only paths from the main process's own dialog pass its door: a File from a page input has none it knows.
        if (file instanceof File) throw new ApiError(report('file.not-picked', { file: file.name }));
        onProgress?.(1);
        return { path: file.path, release: async () => undefined };
      },
      async saveTarget(name) {
        const path = await preload.chooseSaveFile(name);
        return path ? { path, deliver: async () => undefined } : null;
      },
    },
    openConsole(kind, ref, opts) {
      const channel = new FlowChannel();
      const portId = crypto.randomUUID();
      const onMessage = (e: MessageEvent<unknown>) => {
        if (e.source !== window || !isPortMessage(e.data, portId) || !e.ports[0]) return;
        window.removeEventListener('message', onMessage);
        attachPort(channel, e.ports[0]);
      };
      window.addEventListener('message', onMessage);
      void Promise.resolve()
        .then(() => preload.openConsole(portId, consoleRequest(kind, ref, opts)))
        .then(
          (result) => {
            if (!result.ok) {
              window.removeEventListener('message', onMessage);
              channel.fail(result);
            }
          },
          (err: unknown) => {
            window.removeEventListener('message', onMessage);
            channel.fail(reportOf(err));
          },
        );
      return channel;
    },
  };
}
