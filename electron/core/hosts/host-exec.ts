// Runs a command on a host with a safe argv, through the host's transport (SSH, or this machine), and returns its
// output as text. Never a shell line built from user strings.
import { CoreError } from '../errors.js';
import type { HostSession } from './host-session.js';

export interface HostExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function hostExec(session: HostSession, argv: readonly string[], stdin?: Buffer | string): Promise<HostExecResult> {
  const r = await session.transport.exec(argv, stdin === undefined ? {} : { stdin });
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
