// Runs a command on a host with a safe argv: over the host's SSH connection (each element quoted), or on this
// machine for a local host. Never a shell line built from user strings.
import { execFile } from 'node:child_process';
import type { HostCommandCode } from '../../../shared/model/errors.js';
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
  if (!ssh) throw new CoreError('host.no-ssh', { host: session.config.name });
  const r = await ssh.exec(argv, stdin === undefined ? {} : { stdin });
  return { code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** Like hostExec, but a non-zero exit becomes the CoreError `failure` with the command's last lines of output. */
export async function hostRun(session: HostSession, failure: HostCommandCode, argv: readonly string[], stdin?: Buffer | string): Promise<string> {
  const r = await hostExec(session, argv, stdin);
  if (r.code !== 0) {
    const output = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' ') || `exit ${r.code ?? 'signal'}`;
    throw new CoreError(failure, { host: session.config.name, output });
  }
  return r.stdout;
}
