// The shapes SshConnection's callers see: endpoints, options (prompts included), states and channel results.
import type { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import type { KeyboardInteractivePrompt } from '../../shared/model/host.js';
import type { BackoffOptions } from './backoff.js';
import type { SshError } from './errors.js';

/** One SSH endpoint; `host` may be a ~/.ssh/config alias. */
export interface SshEndpoint {
  host: string;
  port?: number;
  user?: string;
  identityFiles?: string[];
  identitiesOnly?: boolean;
}

/** A jump host: an endpoint, or an OpenSSH ProxyJump string (`[user@]host[:port]`, comma list allowed). */
export type SshJump = string | SshEndpoint;

/** A host's key as shown to the user. */
export interface UnknownHostKeyPrompt {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /**
   * Key types already known for this host (none of them this one): OpenSSH then warns that keys of a different
   * type are known, since a man-in-the-middle offering a new type must not look like a plain first use.
   */
  otherKnownTypes: string[];
}

/** Something that opens TCP connections from its side: a host's SSH connection, or this machine. */
export interface TcpForwarder {
  /** Who opens them, for messages (`user@host:port`). */
  readonly label: string;
  /** Key files of the forwarder's own login: a guest reached through it tries them too. */
  readonly identityFiles: readonly string[];
  forwardOut(host: string, port: number): Promise<Duplex>;
}

export interface SshConnectionOptions extends SshEndpoint {
  jump?: SshJump | SshJump[];
  /**
   * Reach the first hop through this forwarder instead of TCP from here: a guest seen from its host.
   * Without IdentityFile settings of its own, the target also tries the forwarder's keys.
   */
  via?: TcpForwarder;
  /** Defaults to the config's UserKnownHostsFile (~/.ssh/known_hosts). */
  knownHostsFile?: string;
  /**
   * The name the target's keys are looked up and recorded under instead of its address (OpenSSH HostKeyAlias):
   * e.g. a guest's keys tied to the VM, not to an address another VM may get later.
   */
  hostKeyAlias?: string;
  /** ssh-agent socket; default process.env.SSH_AUTH_SOCK. */
  agent?: string;
  /** ssh_config file to read; default ~/.ssh/config; null reads none. */
  configFile?: string | null;
  /** Trust on first use: return true to accept (the key is then recorded in known_hosts). */
  onUnknownHostKey: (p: UnknownHostKeyPrompt) => Promise<boolean>;
  /** Told about every host key that passed verification (known, or just accepted). */
  onHostKeyVerified?: (p: UnknownHostKeyPrompt) => void;
  /** `retry` is true when the previous answer for this key file was wrong. */
  askPassphrase?: (keyFile: string, retry: boolean) => Promise<string | null>;
  /** `retry` is true when the server refused the previous password for user@host. */
  askPassword?: (user: string, host: string, retry: boolean) => Promise<string | null>;
  /** A keyboard-interactive prompt that is not the account password (an OTP, a PIN), one at a time; null = give up. */
  askKeyboardInteractive?: (p: KeyboardInteractivePrompt) => Promise<string | null>;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Handshake + authentication deadline per hop; the clock stops while the user is being asked something. */
  readyTimeoutMs?: number;
  /** Automatic reconnect after a drop; false leaves that to the caller. */
  reconnect?: BackoffOptions | false;
}

export type SshState = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed';

export interface SshStateChange {
  state: SshState;
  since: Date;
  error: SshError | null;
}

export interface ExecResult {
  stdout: Buffer;
  stderr: Buffer;
  code: number | null;
  signal: string | null;
}

export interface ExecOptions {
  /** Written to the command's stdin, which is then closed (it is closed at once without this). */
  stdin?: Buffer | string;
  /**
   * Most bytes of stdout + stderr kept (default DEFAULT_EXEC_OUTPUT_LIMIT, 16 MiB): past it the command is stopped
   * and the call fails with SshOutputLimitError; the connection stays up.
   */
  maxOutputBytes?: number;
}

export interface ShellOptions {
  cols: number;
  rows: number;
  /** TERM for the pty; default xterm-256color. */
  term?: string;
}

/** A pty shell: write keystrokes, read output, resize the terminal. */
export type SshShell = ClientChannel & { resize(cols: number, rows: number): void };
