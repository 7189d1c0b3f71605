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

/** Support mode: the one VM a grant opens, known by its support session (grants.open), not by a VmRef. */
export interface SupportRef {
  session: string;
}

export interface ConsoleOptions {
  user: string;
  /** The guest's address for a guest shell; the core picks one when absent. */
  ip?: string;
  cols: number;
  rows: number;
}

/** A file the user picked in the front end's own dialog (Electron): the main process knows it by this path. */
export interface ChosenFile {
  name: string;
  path: string;
}

/** A local file the user picked: a browser File (from a file input), or a ChosenFile. */
export type LocalFile = File | ChosenFile;

/** A local file the core can read (volume uploads, images, known_hosts); release() drops a staged copy. */
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
 * Local files for calls that take paths; the front end's door accepts only files the user picked there
 * (shared/ipc/local-files.ts). Electron: the main process's open and save dialogs. Browser: file inputs, and the
 * web API stages the bytes in its private transfer directory (electron/webapi/transfer.ts).
 */
export interface LocalFiles {
  /** The front end's own open dialog (Electron); absent in a browser, where a file input picks. null: cancelled. */
  choose?(use: 'read' | 'known-hosts'): Promise<ChosenFile | null>;
  /** onProgress: 0..1 of getting the bytes to the core's machine (instant in Electron). */
  stage(file: LocalFile, onProgress?: (fraction: number) => void): Promise<StagedFile>;
  /** null when the user cancels. */
  saveTarget(name: string): Promise<SaveTarget | null>;
}

export interface Backend {
  files: LocalFiles;
  api: Api;
  /** Subscribe to core events; returns the unsubscribe function. */
  onEvent(listener: (e: CoreEvent) => void): () => void;
  openConsole(kind: ConsoleKind, ref: VmRef | SupportRef, opts?: ConsoleOptions): ConsoleChannel;
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

/** The front end's own file dialog (Electron), or null where file inputs pick (a browser). */
export function fileDialog(): ((use: 'read' | 'known-hosts') => Promise<ChosenFile | null>) | null {
  const files = backend().files;
  return files.choose ? (use) => files.choose!(use) : null;
}
