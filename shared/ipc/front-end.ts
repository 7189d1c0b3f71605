// What a front end (the Electron preload, the loopback web API) offers the renderer beyond the contract's calls:
// events, consoles and the core's questions (host keys, passphrases, passwords).
import type { CallInput, CallName, CallOutput, CallResult } from './contract.js';
import type { ConsoleOpenRequest } from './consoles.js';
import type { CoreEvent } from '../model/events.js';
import type { HostKeyPrompt, KeyboardInteractivePrompt } from '../model/host.js';

/** `retry`: the previous answer to this same question was refused (a remembered one is then forgotten). */
export type PromptRequest =
  | { kind: 'host-key'; hostKey: HostKeyPrompt }
  | { kind: 'passphrase'; keyFile: string; retry?: boolean }
  | { kind: 'password'; user: string; host: string; retry?: boolean }
  | { kind: 'keyboard-interactive'; prompt: KeyboardInteractivePrompt };

/** accept=false means "no" / "skip"; secret is the typed passphrase or password; remember asks to store it. */
export interface PromptAnswer {
  accept: boolean;
  secret?: string;
  remember?: boolean;
}

export type PromptHandler = (request: PromptRequest) => Promise<PromptAnswer>;

/** The contract's calls as they cross a process boundary: the envelope is returned, never thrown. */
export type EnvelopeApi = { [K in CallName]: (input: CallInput<K>) => Promise<CallResult<CallOutput<K>>> };

/** Message data the preload posts to the page together with a console's MessagePort. */
export interface ConsolePortMessage {
  virtdeckConsolePort: string;
}

/** `window.api` as exposed by the Electron preload. */
export type PreloadApi = EnvelopeApi & {
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /**
   * Opens a console. On success the port arrives as a window "message" event whose data is a
   * ConsolePortMessage with this portId (a MessagePort cannot cross the context bridge itself).
   */
  openConsole(portId: string, request: ConsoleOpenRequest): Promise<CallResult<null>>;
  /**
   * Asks the user for a file to read (upload, image) or a known_hosts file, in the main process's dialog: only
   * such picks may be named in calls (shared/ipc/local-files.ts). null when the user cancels.
   */
  chooseOpenFile(use: 'read' | 'known-hosts'): Promise<string | null>;
  /** Asks where to save a download (the same rule); null when the user cancels. */
  chooseSaveFile(name: string): Promise<string | null>;
  /** The one handler answering the core's questions; replaces any previous one. */
  setPromptHandler(handler: PromptHandler): void;
};
