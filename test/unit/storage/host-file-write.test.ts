// The command that writes a volume's file on its host, run here by real processes (`sh`, `cat`, `openssl`) through
// this machine's transport, as a host runs it: a write over the start keeps what lies beyond, a whole new content
// replaces it, the host's hash is of what it stored, a file it may not write is refused before any byte is read, and
// a command that dies midway, an abort or a source that changed size fail instead of hanging or passing.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostSession } from '../../../electron/core/hosts/host-session.js';
import { LocalTransport } from '../../../electron/core/hosts/local-transport.js';
import { writeHostFile } from '../../../electron/core/storage/host-file-write.js';
import type { TaskContext } from '../../../electron/core/tasks/task-service.js';

const dir = mkdtempSync(join(tmpdir(), 'vd-hostwrite-'));
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const ctx = (signal = new AbortController().signal): TaskContext => ({ signal, progress: () => undefined, step: (_name, fn) => fn() });
const here = { config: { name: 'here' }, transport: new LocalTransport() } as unknown as HostSession;

/** `data` in chunks of `size` bytes, all read into one reused buffer (as an upload reads its file). */
async function* reused(data: Buffer, size: number): AsyncGenerator<Buffer> {
  const buf = Buffer.alloc(size);
  for (let pos = 0; pos < data.length; pos += size) {
    const n = data.copy(buf, 0, pos, pos + size);
    yield buf.subarray(0, n);
    buf.fill(0xee); // whatever the command has not taken by now is lost
  }
}

describe('writing a file by a command on its host', () => {
  it('over the start of a larger file: the rest stays; the host hashes the bytes it stored', async () => {
    const file = join(dir, "a 'vol' $(touch pwned).raw");
    const old = randomBytes(4 * 1024 * 1024);
    writeFileSync(file, old);
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const seen: number[] = [];
    const w = await writeHostFile(here, file, data.length, reused(data, 256 * 1024), ctx(), (n) => seen.push(n));
    expect(w?.bytes).toBe(data.length);
    expect(await w!.stored).toBe(sha(data));
    const back = readFileSync(file);
    expect(back.length).toBe(old.length);
    expect(back.subarray(0, data.length).equals(data)).toBe(true);
    expect(back.subarray(data.length).equals(old.subarray(data.length))).toBe(true);
    expect(seen.at(-1)).toBe(data.length);
    expect(existsSync(join(process.cwd(), 'pwned'))).toBe(false);
  });

  it('as the whole new content: a longer old file is cut to the bytes sent', async () => {
    const file = join(dir, 'replace.qcow2');
    writeFileSync(file, randomBytes(2 * 1024 * 1024));
    const data = randomBytes(700 * 1024 + 3);
    const w = await writeHostFile(here, file, null, reused(data, 64 * 1024), ctx(), () => undefined);
    expect(await w!.stored).toBe(sha(data));
    expect(readFileSync(file).equals(data)).toBe(true);
  });

  it('a file it may not write (here: none there) is refused before any byte is read', async () => {
    let asked = false;
    async function* source(): AsyncGenerator<Buffer> {
      asked = true;
      yield Buffer.from('x');
    }
    expect(await writeHostFile(here, join(dir, 'missing.raw'), 1, source(), ctx(), () => undefined)).toBeNull();
    expect(asked).toBe(false);
    expect(existsSync(join(dir, 'missing.raw'))).toBe(false);
  });

  it('a command that dies midway (a full disk) fails with its complaint instead of waiting for the window', async () => {
    const dying = {
      config: { name: 'here' },
      transport: {
        spawn: (_argv: readonly string[], opts: { stdin?: boolean }) =>
          new LocalTransport().spawn(['sh', '-c', 'echo ready; head -c 100000 >/dev/null; echo "cat: write error: No space left on device" >&2; exit 1'], opts),
      },
    } as unknown as HostSession;
    const data = randomBytes(8 * 1024 * 1024);
    await expect(writeHostFile(dying, join(dir, 'full.raw'), data.length, reused(data, 256 * 1024), ctx(), () => undefined)).rejects.toThrow(
      'No space left on device');
  });

  it('an abort stops the sending with its reason', async () => {
    const file = join(dir, 'aborted.raw');
    writeFileSync(file, '');
    const ac = new AbortController();
    const data = randomBytes(16 * 1024 * 1024);
    const w = writeHostFile(here, file, data.length, reused(data, 256 * 1024), ctx(ac.signal), (n) => {
      if (n >= 1024 * 1024) ac.abort(new Error('cancelled by the user'));
    });
    await expect(w).rejects.toThrow('cancelled by the user');
  });

  it('a source that yields other than the announced size fails', async () => {
    const file = join(dir, 'short.raw');
    writeFileSync(file, '');
    await expect(writeHostFile(here, file, 10, reused(Buffer.from('12345'), 4), ctx(), () => undefined)).rejects.toThrow(
      'the source changed while it was sent: 5 bytes instead of 10');
  });
});
