// A volume's file written by a command on its host that reads the bytes from its stdin — the SSH channel — and then
// hashes what it stored. One SSH channel and two small processes (sh, cat): no SFTP request framing here, no reply
// per request to read, and the host's check starts the moment the last byte is stored, in the same command.
import { setTimeout as delay } from 'node:timers/promises';
import type { TaskContext } from '../tasks/task-service.js';
import type { HostSession } from '../hosts/host-session.js';
import { HASH_FILE_LINES } from './host-sha256.js';

/** What the script's exit status 3 means: the account may not write the file (libvirt's stream can still do it). */
const CANNOT_WRITE = 3;

/**
 * `sh -c` script: $1 the file; $2 how many bytes come on stdin, written over the file from its first byte on (what
 * lies beyond stays), or no $2: the file's content becomes the bytes. Prints `ready` once it may write the file,
 * stores stdin, then prints the SHA-256 of what it stored (the file's first $2 bytes) as the host reads it back.
 */
export const HOST_WRITE_SCRIPT = [
  `[ -f "$1" ] && [ -w "$1" ] || { echo "cannot write $1" >&2; exit ${CANNOT_WRITE}; }`,
  'echo ready',
  'if [ -n "${2-}" ]; then cat 1<>"$1"; else cat >"$1"; fi || exit 1',
  ...HASH_FILE_LINES,
].join('\n');

/** How long a failed write waits for the command's end and complaint. */
const WHY_WAIT_MS = 2000;

/** The most a well-behaved script prints (`ready` and a digest line); more is a hostile or broken host. */
const MAX_OUTPUT = 4096;

export interface HostFileWrite {
  /** Bytes handed to the host. */
  bytes: number;
  /** The host's SHA-256 of what it stored, once it has read it back. */
  stored: Promise<string>;
}

/**
 * Writes the chunks into the file on the host: `size` bytes over its start, or (null) as its whole new content.
 * Resolves once every byte is handed over, with the host's hash still to come; null, before any byte is sent, when
 * the account may not write the file. Each chunk is taken before the next is asked for, so the source may reuse its
 * buffer.
 */
export async function writeHostFile(
  session: HostSession,
  path: string,
  size: number | null,
  source: AsyncIterable<unknown>,
  ctx: TaskContext,
  onBytes: (done: number) => void,
): Promise<HostFileWrite | null> {
  const proc = await session.transport.spawn(['sh', '-c', HOST_WRITE_SCRIPT, 'sh', path, ...(size === null ? [] : [String(size)])], { stdin: true });
  const stdin = proc.stdin!;
  // A write into a command that has ended fails its callback too (EPIPE); the command's own complaint is the error.
  stdin.on('error', () => undefined);
  let out = '';
  let err = '';
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  proc.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    if (out.length > MAX_OUTPUT) stdin.destroy();
    if (out.startsWith('ready\n')) markReady();
  });
  proc.stderr.on('data', (d: Buffer) => {
    err = (err + d.toString('utf8')).slice(-MAX_OUTPUT);
  });
  // The caller words it (which volume, which host): the command's last line of complaint.
  const failure = (code: number | null): Error => new Error(err.trim().split('\n').pop() || `${path}: exit ${code ?? 'signal'}`);
  // Rejects when the command ends while bytes are still being sent: races every wait of the sending.
  let sending = true;
  const endedEarly = proc.exited.then((code) => {
    if (sending) throw failure(code);
  });
  endedEarly.catch(() => undefined);

  const code = await Promise.race([ready.then(() => null), proc.exited]);
  if (code !== null) {
    if (code === CANNOT_WRITE) return null;
    throw failure(code);
  }

  const abort = new Promise<never>((_, reject) => {
    const stop = (): void => reject(ctx.signal.reason);
    if (ctx.signal.aborted) stop();
    else ctx.signal.addEventListener('abort', stop, { once: true });
  });
  abort.catch(() => undefined);
  let sent = 0;
  try {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      // The callback comes once ssh2 has copied the bytes into packets (the SSH window let them go).
      const taken = new Promise<void>((resolve, reject) => stdin.write(buf, (e) => (e ? reject(e) : resolve())));
      // A write that failed because the command ended (EPIPE): the command's complaint, which comes with its end, says why.
      const orWhy = taken.catch((e: unknown) => Promise.race([endedEarly, delay(WHY_WAIT_MS)]).then(() => Promise.reject(e)));
      await Promise.race([orWhy, endedEarly, abort]);
      sent += buf.length;
      onBytes(sent);
    }
    if (size !== null && sent !== size) throw new Error(`the source changed while it was sent: ${sent} bytes instead of ${size}`);
  } catch (e) {
    stdin.destroy();
    throw e;
  }
  sending = false;
  stdin.end();
  const stored = (async () => {
    const exit = await Promise.race([proc.exited, abort]);
    if (exit !== 0) throw failure(exit);
    return out.slice('ready\n'.length).split(/\s/)[0] ?? '';
  })();
  stored.catch(() => undefined);
  return { bytes: sent, stored };
}
