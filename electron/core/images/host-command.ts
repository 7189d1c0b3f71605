// A long-running command on a host as argv (never a shell line built from user strings), streamed: over the host's
// SSH connection, or as a local process for a `local` host. Run-to-completion commands use hosts/host-exec.ts.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CoreError } from '../errors.js';
import type { HostSession } from '../hosts/host-session.js';

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
  if (!ssh) throw new CoreError('host.no-ssh', { host: session.config.name });
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
