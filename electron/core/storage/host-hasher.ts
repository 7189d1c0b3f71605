// The host's SHA-256 of a file computed while the file is being written: one command started with the transfer
// (its start-up hidden behind the bytes), told each time another stretch of the file is written, so that at the
// end only the last stretch is left to hash. It reads the file itself (what was stored, not what was sent).
import { CoreError } from '../errors.js';
import type { HostSession } from '../hosts/host-session.js';
import type { HostProcess } from '../hosts/host-transport.js';

/** Each line on stdin is a byte count: the next that many bytes of the file go into the hash (GNU head reads no more). */
const HASH_AS_WRITTEN = 'exec 3<"$1"; while read -r n; do head -c "$n" <&3; done | sha256sum';

/** Bytes the hasher is told about at once (fewer, larger steps: one `head` each). */
const STEP = 16 * 1024 * 1024;

export class HostHasher {
  private told = 0;
  private readonly output: Promise<string>;

  private constructor(
    session: HostSession,
    private readonly proc: HostProcess,
  ) {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    proc.stdout.on('data', (d: Buffer) => out.push(d));
    proc.stderr.on('data', (d: Buffer) => err.push(d));
    this.output = proc.exited.then((code) => {
      const text = Buffer.concat(out).toString('utf8');
      if (code !== 0 || err.length > 0) {
        const output = Buffer.concat(err).toString('utf8').trim().split('\n').slice(-3).join(' ') || `exit ${code ?? 'signal'}`;
        throw new CoreError('migrate.checksum-failed', { host: session.config.name, output });
      }
      return text.split(/\s/)[0] ?? '';
    });
    this.output.catch(() => undefined); // read by digest(); a transfer that fails first never asks
  }

  /** Starts hashing `path` on the host (the file exists: the volume was created). */
  static async start(session: HostSession, path: string): Promise<HostHasher> {
    return new HostHasher(session, await session.transport.spawn(['sh', '-c', HASH_AS_WRITTEN, 'sh', path], { stdin: true }));
  }

  /** The first `bytes` bytes of the file are written: hash them once a step's worth is waiting. */
  written(bytes: number): void {
    if (bytes - this.told >= STEP) this.tell(bytes);
  }

  /** The SHA-256 of the first `bytes` bytes of the file (all written by now), as the host read them. */
  async digest(bytes: number): Promise<string> {
    if (bytes > this.told) this.tell(bytes);
    this.proc.stdin?.end();
    return this.output;
  }

  /** Stops without a result (the transfer failed). */
  cancel(): void {
    this.proc.stdin?.end();
  }

  private tell(bytes: number): void {
    this.proc.stdin?.write(`${bytes - this.told}\n`);
    this.told = bytes;
  }
}
