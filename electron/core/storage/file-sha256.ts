// The SHA-256 of a local file's first bytes computed on a thread of its own: an upload hashes what it sent once the
// bytes are on the host, at the same time as the host hashes what it stored (each on a core of its own), instead of
// in the thread that moves the bytes, which is the upload's bottleneck.
import { Worker } from 'node:worker_threads';

/** Runs in the worker (CommonJS, given as text so that no bundler has to find a second entry file). */
const HASH_FILE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { file, bytes } = workerData;
try {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(file, 'r');
  try {
    for (let pos = 0; pos < bytes; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, bytes - pos), pos);
      if (n === 0) throw new Error(file + ' has fewer than ' + bytes + ' bytes');
      hash.update(buf.subarray(0, n));
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
  parentPort.postMessage({ sha256: hash.digest('hex') });
} catch (err) {
  parentPort.postMessage({ error: String((err && err.message) || err) });
}
`;

/** The SHA-256 (hex) of a file's first `bytes` bytes, read on a worker thread; `signal` stops the worker. */
export function fileSha256(file: string, bytes: number, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_FILE, { eval: true, workerData: { file, bytes } });
    const stop = (): void => void worker.terminate();
    signal?.addEventListener('abort', stop, { once: true });
    const settle = (fn: () => void): void => {
      signal?.removeEventListener('abort', stop);
      fn();
      void worker.terminate();
    };
    worker.once('message', (m: { sha256?: string; error?: string }) =>
      settle(() => (m.sha256 ? resolve(m.sha256) : reject(new Error(m.error ?? 'no hash')))));
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', () => settle(() => reject(signal?.reason ?? new Error('the hashing thread stopped'))));
  });
}
