// Runs a command on a host with a safe argv, through the host's transport (SSH, or this machine), and returns its
// output as text. Never a shell line built from user strings.
import type { HostCommandCode } from '../../../shared/model/errors.js';
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

/** Like hostExec, but a non-zero exit becomes the CoreError `failure` with the command's last lines of output. */
export async function hostRun(session: HostSession, failure: HostCommandCode, argv: readonly string[], stdin?: Buffer | string): Promise<string> {
  const r = await hostExec(session, argv, stdin);
  if (r.code !== 0) {
    const output = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' ') || `exit ${r.code ?? 'signal'}`;
    throw new CoreError(failure, { host: session.config.name, output });
  }
  return r.stdout;
}
