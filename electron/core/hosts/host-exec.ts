// Runs a command on a host with a safe argv: over the host's SSH connection (each element quoted), or on this
// machine for a local host. Never a shell line built from user strings.
import { execFile } from 'node:child_process';
import { CoreError } from '../errors.js';
import type { HostSession } from './host-session.js';

export interface HostExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function hostExec(session: HostSession, argv: readonly string[], stdin?: Buffer | string): Promise<HostExecResult> {
  if (session.config.transport === 'local') {
    return new Promise((resolve) => {
      const [cmd, ...args] = argv;
      const child = execFile(cmd as string, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 127) : 0;
        resolve({ code, stdout, stderr });
      });
      child.stdin?.end(stdin);
    });
  }
  const ssh = session.sshConnection();
  if (!ssh) throw new CoreError('host-offline', `host "${session.config.name}" has no SSH connection`);
  const r = await ssh.exec(argv, stdin === undefined ? {} : { stdin });
  return { code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** Like hostExec, but a non-zero exit becomes a CoreError naming `what` and the command's own message. */
export async function hostRun(session: HostSession, what: string, argv: readonly string[], stdin?: Buffer | string): Promise<string> {
  const r = await hostExec(session, argv, stdin);
  if (r.code !== 0) {
    const why = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' ') || `exit ${r.code ?? 'signal'}`;
    throw new CoreError('invalid', `${what} failed on ${session.config.name}: ${why}`);
  }
  return r.stdout;
}
