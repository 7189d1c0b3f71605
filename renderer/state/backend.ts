// The renderer's view of the core: the typed API, the event stream and console byte channels. main.tsx installs the
// real client from renderer/api; tests and the visual harness install a fake. Only the state layer calls it.
import type { Api } from '../../shared/ipc/contract.js';
import type { CoreEvent } from '../../shared/model/events.js';
import type { VmRef } from '../../shared/model/vm.js';
import type { PromptHandler } from '../../shared/ipc/front-end.js';

export type ConsoleKind = 'serial' | 'vnc' | 'ssh';

/** A WebSocket-like byte channel: exactly the members noVNC's RFB checks for, plus an optional PTY resize. */
export interface ConsoleChannel {
  binaryType: string;
  readonly protocol: string;
  /** WebSocket numbers (0..3) or RTCDataChannel names ('connecting', 'open', ...). */
  readonly readyState: number | string;
  /** Bytes accepted by send() and not yet handed on (as WebSocket.bufferedAmount). */
  readonly bufferedAmount: number;
  send(data: ArrayBuffer | Uint8Array | string): void;
  close(): void;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  /** Guest SSH shells only: tell the remote PTY its new size. */
  resize?(cols: number, rows: number): void;
}

export interface ConsoleOptions {
  user: string;
  cols: number;
  rows: number;
}

/** A local file the core can read (volume uploads, images); release() drops a staged copy. */
export interface StagedFile {
  path: string;
  release(): Promise<void>;
}

/** Where the core writes a download; deliver() hands the finished file to the user. */
export interface SaveTarget {
  path: string;
  deliver(): Promise<void>;
}

/**
 * Local files for calls that take paths. Electron: the picked file's own path and a save dialog. Browser: the
 * bridge stages bytes in its private transfer directory (electron/bridge/transfer.ts).
 */
export interface LocalFiles {
  /** onProgress: 0..1 of getting the bytes to the core's machine (instant in Electron). */
  stage(file: File, onProgress?: (fraction: number) => void): Promise<StagedFile>;
  /** null when the user cancels. */
  saveTarget(name: string): Promise<SaveTarget | null>;
}

export interface Backend {
  files: LocalFiles;
  api: Api;
  /** Subscribe to core events; returns the unsubscribe function. */
  onEvent(listener: (e: CoreEvent) => void): () => void;
  openConsole(kind: ConsoleKind, ref: VmRef, opts?: ConsoleOptions): ConsoleChannel;
  /** Installs the one handler answering the core's questions (host keys, passphrases, passwords). */
  setPromptHandler(handler: PromptHandler): void;
}

let current: Backend | null = null;

export function setBackend(b: Backend): void {
  current = b;
}

export function backend(): Backend {
  if (!current) throw new Error('renderer backend not installed (call setBackend first)');
  return current;
}
