// Commands run on a host as argv (never a shell line built from user strings): over the host's SSH connection,
// or as a local process for a `local` host.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CoreError } from '../errors.js';
import type { HostSession } from '../hosts/host-session.js';

export interface HostCommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface HostProcess {
  stdout: Readable;
  stderr: Readable;
  /** Exit code (null when killed by a signal or the link went away). */
  exited: Promise<number | null>;
}

export async function startOnHost(session: HostSession, argv: readonly string[]): Promise<HostProcess> {
  if (session.config.transport === 'local') {
    const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code));
    });
    return { stdout: child.stdout, stderr: child.stderr, exited };
  }
  const ssh = session.sshConnection();
  if (!ssh) throw new CoreError('host-offline', `host "${session.config.name}" is not connected`);
  const channel = await ssh.spawn(argv);
  channel.end();
  const exited = new Promise<number | null>((resolve) => {
    let code: number | null = null;
    channel.once('exit', (c: number | null) => {
      code = c ?? null;
    });
    channel.once('close', () => resolve(code));
  });
  return { stdout: channel, stderr: channel.stderr, exited };
}

export async function runOnHost(session: HostSession, argv: readonly string[]): Promise<HostCommandResult> {
  const p = await startOnHost(session, argv);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  p.stdout.on('data', (d: Buffer) => out.push(d));
  p.stderr.on('data', (d: Buffer) => err.push(d));
  const code = await p.exited;
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Runs argv and returns stdout; a non-zero exit becomes a CoreError naming `what` and the command's stderr. */
export async function checkOnHost(session: HostSession, argv: readonly string[], what: string): Promise<string> {
  const r = await runOnHost(session, argv);
  if (r.code !== 0) {
    const why = r.stderr.trim().split('\n').pop() || `exit ${r.code ?? 'by signal'}`;
    throw new CoreError('invalid', `${what} on ${session.config.name} failed: ${why}`);
  }
  return r.stdout;
}
