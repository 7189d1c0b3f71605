// A stand-in for the 'electron' module: records what the preload exposes and what main registers.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export const exposed = new Map<string, unknown>();
export const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
export const ipcMainEmitter = new EventEmitter();
export const rendererEmitter = new EventEmitter();
export const channels: { port1: FakePort; port2: FakePort }[] = [];
export const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();

export class FakePort extends EventEmitter {
  sent: unknown[] = [];
  started = false;
  postMessage(data: unknown): void {
    this.sent.push(data);
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.emit('close');
  }
}

export const electronModule = {
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn((scheme: string, fn: (request: Request) => Promise<Response>) => protocolHandlers.set(scheme, fn)),
  },
  contextBridge: { exposeInMainWorld: vi.fn((key: string, value: unknown) => exposed.set(key, value)) },
  ipcRenderer: {
    invoke: vi.fn(async (...args: unknown[]) => ({ ok: true, value: args })),
    send: vi.fn(),
    on: vi.fn((channel: string, listener: (...a: unknown[]) => void) => rendererEmitter.on(channel, listener)),
    removeListener: vi.fn((channel: string, listener: (...a: unknown[]) => void) =>
      rendererEmitter.removeListener(channel, listener),
    ),
  },
  ipcMain: {
    handle: vi.fn((channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn)),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    on: (channel: string, fn: (...a: unknown[]) => void) => ipcMainEmitter.on(channel, fn),
    removeListener: (channel: string, fn: (...a: unknown[]) => void) => ipcMainEmitter.removeListener(channel, fn),
  },
  dialog: {
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
  },
  BrowserWindow: { fromWebContents: () => null },
  MessageChannelMain: class {
    port1 = new FakePort();
    port2 = new FakePort();
    constructor() {
      channels.push(this);
    }
  },
};
