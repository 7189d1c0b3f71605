// The kill -9 tests' child: a TypeScript writer run by plain node (ts-resolve.mjs maps the imports), each stdout line
// handed to `onLine` with a way to SIGKILL it; resolves once it died of SIGKILL, rejects if it exited on its own.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESOLVE = join(fileURLToPath(new URL('.', import.meta.url)), 'ts-resolve.mjs');

export function runUntilKilled(script: string, args: readonly string[], onLine: (line: string, kill: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RESOLVE, script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const kill = () => child.kill('SIGKILL');
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) onLine(line, kill);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited with ${code}: ${err}`))));
  });
}
