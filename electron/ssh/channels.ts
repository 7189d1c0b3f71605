// What one live SSH client carries: exec with safe argv, TCP and unix-socket forwards, SFTP, a pty shell, and the
// libvirt byte stream. SshConnection hands each call its live client and how to word a failure.
import type { Duplex } from 'node:stream';
import type { ClientChannel, SFTPWrapper } from 'ssh2';
import type { ExecOptions, ExecResult, ShellOptions, SshShell } from './connection-types.js';
import { SshError, SshOfflineError, SshOutputLimitError } from './errors.js';
import type { Client } from './hops.js';
import {
  helperArgv,
  LIBVIRT_PROBE_ARGV,
  libvirtSocketPath,
  ncArgv,
  parseLibvirtProbe,
  type LibvirtChannelKind,
  type LibvirtProbe,
} from './libvirt-transport.js';
import { shellQuoteArgv } from './quote.js';

/** Output an exec call holds at most unless it asks for another limit: a hostile host cannot fill our memory. */
export const DEFAULT_EXEC_OUTPUT_LIMIT = 16 * 1024 * 1024;

/** The live client of a call, and how its failures are worded. */
export interface ChannelContext {
  client: Client;
  /** `user@host:port` of the target. */
  label: string;
  /** A refusal of the server (or the link being gone) for the operation `what`. */
  failed(err: Error, what: string): SshError;
  /** The link went away while a command was running. */
  lost(): SshError;
}

/** Run argv on the host (each element quoted, never interpreted by the remote shell) and collect its output. */
export async function execCollect(ctx: ChannelContext, argv: readonly string[], opts: ExecOptions): Promise<ExecResult> {
  const limit = opts.maxOutputBytes ?? DEFAULT_EXEC_OUTPUT_LIMIT;
  const channel = await spawnArgv(ctx, argv);
  return new Promise((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let held = 0;
    let overflow: SshOutputLimitError | null = null;
    const keep = (into: Buffer[]) => (d: Buffer) => {
      if (overflow) return;
      held += d.length;
      if (held <= limit) {
        into.push(d);
        return;
      }
      // Drop what we have, stop the command and this channel only; the connection carries on.
      overflow = new SshOutputLimitError(ctx.label, argv[0]!, limit);
      stdout.length = 0;
      stderr.length = 0;
      channel.signal('KILL');
      channel.close();
    };
    channel.on('data', keep(stdout));
    channel.stderr.on('data', keep(stderr));
    channel.on('error', reject);
    // ssh2 repeats the exit status on 'close' (a number, or null and the signal); 'exit' itself may fire before
    // this listener exists when a command ends at once.
    channel.on('close', (code?: number | null, signal?: string) => {
      if (overflow) return reject(overflow);
      // sshd always reports an exit status or signal; without one the link went away mid-command.
      if (code === undefined) return reject(ctx.lost());
      resolve({ stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), code, signal: signal ?? null });
    });
    channel.end(opts.stdin);
  });
}

/** Start argv on the host and return its channel (stdout = the channel, stderr = channel.stderr). */
export function spawnArgv(ctx: ChannelContext, argv: readonly string[]): Promise<ClientChannel> {
  const command = shellQuoteArgv(argv);
  return new Promise((resolve, reject) => {
    ctx.client.exec(command, (err, channel) => (err ? reject(ctx.failed(err, `exec ${argv[0]}`)) : resolve(channel)));
  });
}

/** A TCP connection made by the host to host:port (e.g. a VNC port on the host's loopback). */
export function forwardTcp(ctx: ChannelContext, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    ctx.client.forwardOut('127.0.0.1', 0, host, port, (err, channel) =>
      err ? reject(ctx.failed(err, `forward to ${host}:${port}`)) : resolve(channel),
    );
  });
}

/** A connection made by the host to a unix socket on it (OpenSSH direct-streamlocal). */
export function forwardUnix(ctx: ChannelContext, path: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    ctx.client.openssh_forwardOutStreamLocal(path, (err, channel) =>
      err ? reject(ctx.failed(err, `forward to ${path}`)) : resolve(channel),
    );
  });
}

export function openSftp(ctx: ChannelContext): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => {
    ctx.client.sftp((err, sftp) => (err ? reject(ctx.failed(err, 'sftp')) : resolve(sftp)));
  });
}

/** An interactive shell with a pty. */
export async function openShell(ctx: ChannelContext, opts: ShellOptions): Promise<SshShell> {
  const channel = await new Promise<ClientChannel>((resolve, reject) => {
    ctx.client.shell({ term: opts.term ?? 'xterm-256color', cols: opts.cols, rows: opts.rows }, (err, ch) =>
      err ? reject(ctx.failed(err, 'shell')) : resolve(ch),
    );
  });
  return Object.assign(channel, {
    resize: (cols: number, rows: number) => void channel.setWindow(rows, cols, 0, 0),
  });
}

export interface LibvirtChannel {
  channel: Duplex;
  kind: LibvirtChannelKind;
  /** Why the channel may fail: the streamlocal error, else the start of the helper's stderr (updated as it comes). */
  diagnostics(): string;
}

/**
 * The byte stream to libvirtd for `uri`: a streamlocal channel to the system socket when it accepts, else
 * virt-ssh-helper, else `nc -U`. `probe` runs the host probe once per connection (the caller memoizes it).
 */
export async function openLibvirtChannel(
  ctx: ChannelContext,
  probe: () => Promise<LibvirtProbe>,
  uri: string,
  readOnly: boolean,
  method: 'auto' | 'virt-ssh-helper',
): Promise<LibvirtChannel> {
  let channel: ClientChannel | Duplex;
  let kind: LibvirtChannelKind;
  const socketPath = libvirtSocketPath(uri, readOnly);
  let streamError = '';
  const systemSocket = /^[a-z0-9]+:\/\/\/system(\?|$)/.test(uri) || uri.includes('socket=');
  try {
    if (!systemSocket || method !== 'auto') throw new SshError('SSH_CHANNEL', 'streamlocal not wanted');
    channel = await forwardUnix(ctx, socketPath);
    kind = 'streamlocal';
  } catch (streamErr) {
    if (streamErr instanceof SshOfflineError) throw streamErr;
    streamError = streamErr instanceof Error ? streamErr.message : String(streamErr);
    const found = await probe();
    if (found.helper) {
      channel = await spawnArgv(ctx, helperArgv(uri, readOnly));
      kind = 'virt-ssh-helper';
    } else if (found.nc) {
      channel = await spawnArgv(ctx, ncArgv(found, socketPath));
      kind = 'nc';
    } else {
      throw streamErr;
    }
  }
  // Keep the start of the helper's diagnostics (why the daemon is unreachable) and drain the rest, so they
  // never hold up the channel's window.
  let helperSaid = '';
  if ('stderr' in channel) {
    channel.stderr.on('data', (b: Buffer) => {
      if (helperSaid.length < 2048) helperSaid += b.toString('utf8');
    });
  }
  return { channel, kind, diagnostics: () => helperSaid.trim() || streamError };
}

/** Run the libvirt probe script on the host. */
export async function probeLibvirt(ctx: ChannelContext): Promise<LibvirtProbe> {
  const r = await execCollect(ctx, LIBVIRT_PROBE_ARGV, {});
  return parseLibvirtProbe(r.stdout.toString('utf8'));
}
