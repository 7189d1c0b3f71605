// Test helpers for the web API: a built-renderer stand-in and a fast, checkable byte producer.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Duplex } from 'node:stream';

/** Fresh directories for one test webapi: the renderer stand-in and the staging root. */
export function webApiDirs(): { staticDir: string; stagingRoot: string } {
  return { staticDir: staticDir(), stagingRoot: mkdtempSync(path.join(tmpdir(), 'vd-staging-')) };
}

export function staticDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vd-webapi-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>VirtDeck</title>');
  writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
  writeFileSync(path.join(tmpdir(), 'vd-outside.txt'), 'secret');
  return dir;
}

/** Byte i of the stream is i mod 251, so order and completeness can be checked anywhere. */
export const patternByte = (i: number) => i % 251;

/**
 * A console stream whose readable side produces `total` pattern bytes as fast as it is read, and whose writable
 * side consumes at `writeDelayMs` per chunk. `produced` counts bytes handed to the stream machinery.
 */
export function producer(total: number, chunk = 64 * 1024, writeDelayMs = 0) {
  const state = { produced: 0, written: [] as Buffer[] };
  const stream = new Duplex({
    read() {
      while (state.produced < total) {
        const n = Math.min(chunk, total - state.produced);
        const buf = Buffer.alloc(n);
        for (let i = 0; i < n; i++) buf[i] = patternByte(state.produced + i);
        state.produced += n;
        if (!this.push(buf)) return;
      }
      this.push(null);
    },
    write(data: Buffer, _enc, done) {
      state.written.push(data);
      setTimeout(done, writeDelayMs);
    },
  });
  return { stream, state };
}

export function checkPattern(bytes: Uint8Array, offset: number): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== patternByte(offset + i)) return false;
  return true;
}
