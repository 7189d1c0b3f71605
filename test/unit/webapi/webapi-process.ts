// The real web API CLI (electron/webapi/cli.ts) over a real core with no hosts, in its own Node process: a test can
// throw anything at it and then see whether the process is still there and still answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { webApiProtocols } from '../../../shared/ipc/webapi-messages.js';
import { staticDir } from './helpers.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO = path.resolve(HERE, '..', '..', '..');

export interface WebApiProcess {
  readonly port: number;
  readonly token: string;
  readonly home: string;
  /** Everything the process wrote to stdout and stderr. */
  output(): string;
  /** The exit code or signal once it ended; null while it runs. */
  ended(): string | null;
  /** Resolves when the process ends, or after `ms` if it does not. */
  ending(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startWebApiProcess(): Promise<WebApiProcess> {
  const home = mkdtempSync(path.join(tmpdir(), 'vd-webapi-home-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--experimental-transform-types', '--no-warnings', '--import', path.join(REPO, 'test/unit/inventory/ts-resolve.mjs'), path.join(REPO, 'electron/webapi/cli.ts'), '--home', home, '--static', staticDir()],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let end: string | null = null;
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      end = signal ?? String(code);
      resolve();
    }),
  );
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /VirtDeck web API: (\S+)/.exec(out);
      if (m) resolve(new URL(m[1]!));
      else if (end !== null) reject(new Error(`web API exited (${end}):\n${out}`));
      else return;
      clearInterval(timer);
    }, 20);
  });
  return {
    port: Number(url.port),
    token: new URLSearchParams(url.hash.slice(1)).get('token') ?? '',
    home,
    output: () => out,
    ended: () => end,
    ending: (ms) => Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]),
    async stop() {
      if (end === null) child.kill('SIGTERM');
      await exited;
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Opens /api with the token, makes one call and resolves with its result envelope. */
export function callOnce(port: number, token: string, name: string, input: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, webApiProtocols(token));
    ws.on('open', () => ws.send(JSON.stringify({ type: 'call', id: 1, name, input })));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; id?: number; result?: unknown };
      if (message.type !== 'result' || message.id !== 1) return;
      ws.close();
      resolve(message.result);
    });
    ws.on('error', reject);
    ws.on('close', (code) => reject(new Error(`closed (${code}) before the result`)));
  });
}
