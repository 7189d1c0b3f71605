// What the core offers to its front ends (Electron main, the loopback web API, the CLI, tests).
import type { Duplex } from 'node:stream';
import type { CallResult } from '../../shared/ipc/contract.js';
import type { CoreEvent } from '../../shared/model/events.js';
import type { VmRef } from '../../shared/model/vm.js';

/** Byte channels for consoles: the front end pipes them to xterm / noVNC with its own flow control. */
export interface ConsoleChannels {
  /** The VM's serial console (libvirt console stream). */
  openSerial(ref: VmRef): Promise<Duplex>;
  /** The VM's VNC server, tunnelled through the host's SSH connection (raw RFB bytes). */
  openVnc(ref: VmRef): Promise<Duplex>;
  /** An interactive shell on the guest over SSH, jumping through the host's connection. */
  openGuestShell(ref: VmRef, opts: { user: string; cols: number; rows: number }): Promise<Duplex & { resize(cols: number, rows: number): void }>;
}

export interface CoreApi {
  /** One call from a wire (Electron IPC, the loopback bridge), validated; a task call answers `{taskId}` at once. */
  dispatch(name: unknown, input: unknown): Promise<CallResult<unknown>>;
  readonly consoles: ConsoleChannels;
  /** Subscribe to core events; returns the unsubscribe function. */
  onEvent(listener: (e: CoreEvent) => void): () => void;
  close(): Promise<void>;
}
