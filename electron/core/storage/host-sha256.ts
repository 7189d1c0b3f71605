// The SHA-256 of a file as the host itself reads it: the check that the bytes a transfer sent are the bytes stored.
import { hostRun } from '../hosts/host-exec.js';
import type { HostSession } from '../hosts/host-session.js';

/**
 * SHA-256 (hex) of a file on the host, or of its first `bytes` bytes (an upload over a larger volume). Run as argv:
 * the path and the count are arguments of a fixed script, never part of it.
 */
export async function hostSha256(session: HostSession, path: string, bytes?: number): Promise<string> {
  const argv = bytes === undefined
    ? ['sha256sum', '--', path]
    : ['sh', '-c', 'head -c "$1" -- "$2" | sha256sum', 'sh', String(bytes), path];
  return (await hostRun(session, 'migrate.checksum-failed', argv)).split(/\s/)[0] ?? '';
}
