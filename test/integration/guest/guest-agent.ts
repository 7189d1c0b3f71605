// qemu-guest-agent commands through `virsh qemu-agent-command`, for the cloud-init guest tests.
import { execFileSync } from 'node:child_process';
import type { TestBed } from '../testbed.js';

export type Virsh = TestBed['virsh'];

/** Like TestBed.virsh, but stderr is captured into the error instead of flooding the test output
 *  (polling an agent that is not up yet fails many times). */
export function quietVirsh(tb: TestBed): Virsh {
  return (index, ...args) =>
    execFileSync('virsh', ['-c', `qemu+unix:///system?socket=${tb.hosts[index - 1]!.socket}`, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    }).trim();
}

export interface ExecResult {
  exitcode: number;
  stdout: string;
  stderr: string;
}

export function agent(virsh: Virsh, host: number, domain: string, command: object, timeoutSec = 5): unknown {
  const out = virsh(host, 'qemu-agent-command', domain, JSON.stringify(command), '--timeout', String(timeoutSec));
  return (JSON.parse(out) as { return: unknown }).return;
}

export function agentAnswers(virsh: Virsh, host: number, domain: string): boolean {
  try {
    agent(virsh, host, domain, { execute: 'guest-ping' }, 1);
    return true;
  } catch {
    return false;
  }
}

/** Run argv in the guest (guest-exec) and wait for it to exit (guest-exec-status). */
export async function agentExec(virsh: Virsh, host: number, domain: string, argv: string[], timeoutMs = 60_000): Promise<ExecResult> {
  const [path, ...arg] = argv;
  const { pid } = agent(virsh, host, domain, { execute: 'guest-exec', arguments: { path, arg, 'capture-output': true } }) as { pid: number };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = agent(virsh, host, domain, { execute: 'guest-exec-status', arguments: { pid } }) as {
      exited: boolean; exitcode?: number; 'out-data'?: string; 'err-data'?: string;
    };
    if (s.exited) {
      const text = (b64?: string) => Buffer.from(b64 ?? '', 'base64').toString('utf8');
      return { exitcode: s.exitcode ?? -1, stdout: text(s['out-data']), stderr: text(s['err-data']) };
    }
    if (Date.now() > deadline) throw new Error(`${argv.join(' ')} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function waitFor(what: string, timeoutMs: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
