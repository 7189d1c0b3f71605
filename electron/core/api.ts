// What the core offers to its front ends (Electron main, the loopback web API, the CLI, tests).
import type { Duplex, Readable } from 'node:stream';
import type { CallResult } from '../../shared/ipc/contract.js';
import type { CoreEvent } from '../../shared/model/events.js';
import type { VmRef } from '../../shared/model/vm.js';

/** Byte channels for consoles: the front end pipes them to xterm / noVNC with its own flow control. */
export interface ConsoleChannels {
  /** The VM's serial console (libvirt console stream). */
  openSerial(ref: VmRef): Promise<Duplex>;
  /** The VM's VNC server, tunnelled through the host's SSH connection (raw RFB bytes). */
  openVnc(ref: VmRef): Promise<Duplex>;
  /** Support mode: the serial console a grant file (its name and text) opens with its passphrase; no host config,
   *  no libvirt. */
  openGrantSerial(grant: { file: string; text: string }, passphrase: string, size: { cols: number; rows: number; term?: string }): Promise<GuestShell>;
  /** Support mode in the app: the VM's VNC server through an open support session (grants.open). */
  openSupportVnc(session: string): Promise<Duplex>;
  /** Support mode in the app: the VM's serial console through an open support session. */
  openSupportSerial(session: string): Promise<GuestShell>;
  /** An interactive shell on the guest over SSH, reached from its host. */
  openGuestShell(ref: VmRef, opts: GuestSshOptions & { cols: number; rows: number; term?: string }): Promise<GuestShell>;
  /** One command on the guest over SSH (its words are quoted for the guest's shell): output and exit code. */
  guestExec(ref: VmRef, command: readonly string[], opts: GuestSshOptions): Promise<{ code: number | null; stdout: Buffer; stderr: Buffer }>;
}

/** Who logs into a guest, and where. A new guest host key is trusted as the core's hostKey prompt says. */
export interface GuestSshOptions {
  /** Default: the user the VM was launched with, else the local user. */
  user?: string;
  /** Default: the guest agent's address (IPv4 first), else the address IPAM reserved for the VM. */
  ip?: string;
  /** Keys to offer instead of the usual ones (the host's, then the user's defaults). */
  identityFiles?: string[];
}

/** A pty shell on a guest: keystrokes in, output out (errors on `stderr`), `exit` with the code, resizable. */
export type GuestShell = Duplex & { resize(cols: number, rows: number): void; readonly stderr: Readable };

export interface CoreApi {
  /** One call from a wire (Electron IPC, the loopback bridge), validated; a task call answers `{taskId}` at once. */
  dispatch(name: unknown, input: unknown): Promise<CallResult<unknown>>;
  readonly consoles: ConsoleChannels;
  /** Subscribe to core events; returns the unsubscribe function. */
  onEvent(listener: (e: CoreEvent) => void): () => void;
  close(): Promise<void>;
}
