// The CLI with a long deadline (a TCG boot + cloud-init takes minutes) and extra environment variables.
import { spawn } from 'node:child_process';
import { CLI, type CliResult } from '../core/helpers.js';

/** stdin: text the command reads (e.g. --password-stdin), else none. */
export function runLong(home: string, args: string[], env: Record<string, string> = {}, timeoutMs = 900_000, stdin?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, VIRTDECK_HOME: home, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(stdin ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
