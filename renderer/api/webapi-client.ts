// The client in a plain browser: the loopback web API's /api WebSocket for calls, events and prompts, and one
// WebSocket per console (electron/webapi/server.ts).
import { webApiProtocols, type WebApiClientMessage, type WebApiServerMessage, type ConsoleOpened } from '../../shared/ipc/webapi-messages.js';
import type { CallResult } from '../../shared/ipc/contract.js';
import type { ConsoleControl } from '../../shared/ipc/consoles.js';
import type { PromptHandler } from '../../shared/ipc/front-end.js';
import { report } from '../../shared/model/errors.js';
import type { CoreEvent } from '../../shared/model/events.js';
import { apiFromInvoke, consoleRequest, reportOf, type ClientApi } from './client.js';
import { FlowChannel } from './console-channel.js';
import { transferFiles } from './transfer-files.js';

export interface WebApiLocation {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The session token; null when the tab has none (the web API then refuses the API). */
  token: string | null;
}

/** Distributes the Omit of `id` over the message union. */
type Outgoing = WebApiClientMessage extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

export function webApiClient(location: WebApiLocation): ClientApi {
  const wsOrigin = location.origin.replace(/^http/, 'ws');
  // The token travels as a subprotocol: never in a URL, never in a cookie.
  const protocols = location.token === null ? [] : webApiProtocols(location.token);
  const socket = new WebSocket(`${wsOrigin}/api`, protocols);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('close', () => reject(new Error('web API connection closed')), { once: true });
  });
  opened.catch(() => undefined);
  const pending = new Map<number, (result: CallResult<unknown>) => void>();
  const listeners = new Set<(e: CoreEvent) => void>();
  let promptHandler: PromptHandler | null = null;
  let seq = 0;

  socket.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (typeof e.data !== 'string') return;
    const message = JSON.parse(e.data) as WebApiServerMessage;
    switch (message.type) {
      case 'result':
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
        return;
      case 'event':
        for (const listener of listeners) listener(message.event);
        return;
      case 'prompt': {
        const answer = promptHandler ? promptHandler(message.request) : Promise.resolve({ accept: false });
        void answer
          .catch(() => ({ accept: false }))
          .then((a) => socket.send(JSON.stringify({ type: 'prompt-answer', id: message.id, answer: a } satisfies WebApiClientMessage)));
        return;
      }
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve({ ok: false, ...report('disconnected', {}) });
    pending.clear();
  });

  async function request(message: Outgoing): Promise<CallResult<unknown>> {
    try {
      await opened;
    } catch {
      return { ok: false, ...report('disconnected', {}) };
    }
    const id = ++seq;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ ...message, id }));
    });
  }

  function connectConsole(channel: FlowChannel, consoleId: string): void {
    const ws = new WebSocket(`${wsOrigin}/console/${consoleId}`, protocols);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () =>
      channel.attach({
        sendData: (bytes) => ws.send(bytes),
        sendControl: (control) => ws.send(JSON.stringify(control)),
        close: () => ws.close(1000),
      });
    ws.onmessage = (e: MessageEvent<unknown>) => {
      if (e.data instanceof ArrayBuffer) channel.receiveData(e.data);
      else if (typeof e.data === 'string') channel.receiveControl(JSON.parse(e.data) as ConsoleControl);
    };
    ws.onclose = () => channel.fail(report('disconnected', {}));
  }

  return {
    api: apiFromInvoke((name, input) => request({ type: 'call', name, input })),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setPromptHandler(handler) {
      promptHandler = handler;
    },
    files: transferFiles(location.origin, location.token),
    openConsole(kind, ref, opts) {
      const channel = new FlowChannel();
      void Promise.resolve()
        .then(() => request({ type: 'console', request: consoleRequest(kind, ref, opts) }))
        .then(
          (result) => (result.ok ? connectConsole(channel, (result.value as ConsoleOpened).consoleId) : channel.fail(result)),
          (err: unknown) => channel.fail(reportOf(err)),
        );
      return channel;
    },
  };
}
