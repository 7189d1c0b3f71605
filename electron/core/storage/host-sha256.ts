// The SHA-256 of a file as the host itself reads it: the check that the bytes a transfer sent are the bytes stored.
import { hostRun } from '../hosts/host-exec.js';
import type { HostSession } from '../hosts/host-session.js';

/**
 * Script lines that print the SHA-256 of file $1, or of its first $2 bytes when $2 is given: with OpenSSL where the
 * host has it (it uses the CPU's SHA instructions: about 5× coreutils' sha256sum, which is 0.8 s of a core per
 * 200 MiB here), else with sha256sum; both print the hex digest first. A file of just $2 bytes is read whole, without
 * `head` in between. An unreadable file fails before the pipe (whose status is the hasher's, which would hash nothing
 * and succeed).
 */
export const HASH_FILE_LINES: readonly string[] = [
  'h() { if command -v openssl >/dev/null 2>&1; then openssl dgst -sha256 -r; else sha256sum; fi; }',
  '[ -r "$1" ] || { echo "cannot read $1" >&2; exit 1; }',
  'if [ -n "${2-}" ] && [ "$(stat -c %s -- "$1")" != "$2" ]; then head -c "$2" -- "$1" | h; else h <"$1"; fi',
];

/** `sh -c` script: $1 the file, $2 (optional) how many of its first bytes to hash. */
export const HOST_SHA256_SCRIPT = HASH_FILE_LINES.join('\n');

/**
 * SHA-256 (hex) of a file on the host, or of its first `bytes` bytes (an upload over a larger volume). Run as argv:
 * the path and the count are arguments of a fixed script, never part of it.
 */
export async function hostSha256(session: HostSession, path: string, bytes?: number): Promise<string> {
  const argv = ['sh', '-c', HOST_SHA256_SCRIPT, 'sh', path, ...(bytes === undefined ? [] : [String(bytes)])];
  return (await hostRun(session, 'migrate.checksum-failed', argv)).split(/\s/)[0] ?? '';
}
