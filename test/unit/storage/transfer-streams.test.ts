// Volume download into a local file: FILE.part until complete. A part left by a dead download (a crash) is
// replaced, a fresh one (a download running) is refused without touching it, and a failed download leaves no part.
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibvirtConnection } from '../../../electron/libvirt/connection.js';
import type { StorageVolRef } from '../../../electron/libvirt/protocol/index.js';
import { downloadFile } from '../../../electron/core/storage/transfer-streams.js';
import type { TaskContext } from '../../../electron/core/tasks/task-service.js';

const vol: StorageVolRef = { pool: 'p', name: 'v', key: '/p/v' };
const ctx: TaskContext = { signal: new AbortController().signal, progress: () => undefined, step: (_name, fn) => fn() };

/** A connection whose volume download yields `chunks`, then ends (or fails with `error`). */
function fakeLibvirt(chunks: Buffer[], error?: Error): LibvirtConnection {
  return {
    storageVolDownload: async () => {
      const s = Object.assign(new PassThrough(), { abort: () => undefined });
      setImmediate(() => {
        for (const c of chunks) s.write(c);
        if (error) s.destroy(error);
        else s.end();
      });
      return s;
    },
  } as unknown as LibvirtConnection;
}

describe('downloadFile', () => {
  const dirs: string[] = [];
  const workdir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'vd-dl-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('replaces a FILE.part a dead download left (nothing wrote to it for long)', async () => {
    const file = join(workdir(), 'disk.img');
    writeFileSync(`${file}.part`, 'half of an old download');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(`${file}.part`, hourAgo, hourAgo);
    const r = await downloadFile(fakeLibvirt([Buffer.from('new '), Buffer.from('bytes')]), vol, file, 9, ctx);
    expect(r.bytes).toBe(9);
    expect(readFileSync(file, 'utf8')).toBe('new bytes');
    expect(existsSync(`${file}.part`)).toBe(false);
  });

  it('refuses while a fresh FILE.part shows another download to FILE running, and leaves it alone', async () => {
    const file = join(workdir(), 'disk.img');
    writeFileSync(`${file}.part`, 'someone is writing this');
    await expect(downloadFile(fakeLibvirt([Buffer.from('x')]), vol, file, 1, ctx)).rejects.toMatchObject({
      code: 'file.download-running',
      params: { path: file, part: `${file}.part` },
    });
    expect(readFileSync(`${file}.part`, 'utf8')).toBe('someone is writing this');
    expect(existsSync(file)).toBe(false);
  });

  it('a download that fails halfway leaves neither the file nor its part', async () => {
    const file = join(workdir(), 'disk.img');
    await expect(downloadFile(fakeLibvirt([Buffer.from('abc')], new Error('link dropped')), vol, file, 10, ctx)).rejects.toThrow('link dropped');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.part`)).toBe(false);
  });
});
