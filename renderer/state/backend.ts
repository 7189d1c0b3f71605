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

export interface Backend {
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
