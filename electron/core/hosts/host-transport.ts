// A host is a transport: how the core reaches a host's commands, ports, files and libvirt daemon, whether over
// SSH or on this very machine. Services ask the transport; nothing else asks "is this host local?".
import type { Duplex, Readable, Writable } from 'node:stream';
import type { SFTPWrapper } from 'ssh2';
import type { SshIgnoredSetting } from '../../../shared/model/host.js';
import type { ExecOptions, ExecResult, TcpForwarder } from '../../ssh/connection.js';
import { CoreError } from '../errors.js';
import type { HostFiles } from './host-files.js';

export type { ExecOptions, ExecResult };

/** A long-running command on the host (its stdin is closed unless asked for). */
export interface HostProcess {
  /** The command's stdin when spawned with `{ stdin: true }`, else null. */
  stdin: Writable | null;
  stdout: Readable;
  stderr: Readable;
  /** Exit code (null when killed by a signal or the link went away). */
  exited: Promise<number | null>;
}

/** What a path on a host is (stat follows symlinks). */
export type PathKind = 'directory' | 'block' | 'file' | 'other' | 'missing' | 'unknown';

/** The byte stream to the host's libvirtd and how it was reached. */
export interface LibvirtStream {
  stream: Duplex;
  /** "streamlocal", "virt-ssh-helper", "nc" or "unix". */
  kind: string;
  /** Why the stream may not work (the helper's complaint), or ''. */
  diagnostics(): string;
}

export interface HostTransport extends TcpForwarder {
  /** Connect when the transport has a link of its own (SSH); resolves at once for this machine. */
  connect(): Promise<void>;
  close(): void;
  /** Run argv (never a shell line) and collect its output; a command that prints too much fails alone. */
  exec(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult>;
  spawn(argv: readonly string[], opts?: { stdin?: boolean }): Promise<HostProcess>;
  /** A TCP connection made from the host to host:port (e.g. a VNC port on its loopback, a guest's sshd). */
  forwardOut(host: string, port: number): Promise<Duplex>;
  /** A connection made from the host to a unix socket on it. */
  forwardUnix(path: string): Promise<Duplex>;
  stat(path: string): Promise<PathKind>;
  /** Appends bytes to a file on the host (made, with its directories, when missing); no shell command. Lines of
   *  up to 16 KiB are each one O_APPEND write, so concurrent writers never tear or overwrite each other's lines. */
  appendFile(path: string, data: Buffer): Promise<void>;
  /** The last `maxBytes` of a file on the host, or null when it does not exist. */
  readFileTail(path: string, maxBytes: number): Promise<Buffer | null>;
  /**
   * A new SFTP session on the host (the caller ends it), for moving a file's bytes without libvirt in between; null
   * when the transport has none (this machine) — callers then use libvirt's volume stream.
   */
  openSftp(): Promise<SFTPWrapper | null>;
  /**
   * Whether a volume's bytes gain by taking this transport's own link (SFTP, a command's stdin) instead of libvirt's
   * volume stream: true over SSH; false for this machine, whose libvirt socket is as near as the file.
   */
  readonly carriesFiles: boolean;
  /** Small state files on the host (exclusive create, atomic replace): see host-files.ts. */
  files(): Promise<HostFiles>;
  /** The libvirt daemon named by the host's configured URI. */
  openLibvirt(uri: string): Promise<LibvirtStream>;
  /** ssh_config settings in effect for the host that VirtDeck does not apply (none for this machine). */
  readonly ignoredSettings: readonly SshIgnoredSetting[];
}

/** The URI the daemon itself is opened with: transport and socket parameters are ours, not the daemon's. */
export function daemonUri(uri: string): string {
  const m = /^([a-z0-9]+)(?:\+[a-z0-9]+)?:\/\/[^/]*(\/[^?]*)?/.exec(uri);
  if (!m) throw new CoreError('host.bad-uri', { uri });
  return `${m[1]}://${m[2] ?? '/system'}`;
}

/** `stat -c %F` output (GNU coreutils words) → a PathKind. */
export function kindOfStatType(type: string): PathKind {
  if (type === 'directory') return 'directory';
  if (type === 'block special file') return 'block';
  if (type === 'regular file' || type === 'regular empty file') return 'file';
  return 'other';
}
