// Shared helpers of the core/CLI integration tests: run the built CLI, make tiny domains, wait for conditions.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createCore, type Core } from '../../../electron/core/core.js';
import type { HostConfig } from '../../../shared/model/host.js';
import type { TestBed } from '../testbed.js';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');
export const CLI = join(REPO, 'bin', 'virtdeck.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(home: string, args: string[], input?: string): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, VIRTDECK_HOME: home }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err && typeof (err as NodeJS.ErrnoException).code === 'number' ? ((err as { code: number }).code) : err ? 1 : 0;
        resolvePromise({ code: child.exitCode ?? code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

export function spawnCli(home: string, args: string[]): ReturnType<typeof spawn> {
  return spawn(process.execPath, [CLI, ...args], { env: { ...process.env, VIRTDECK_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function tempHome(prefix = 'vd-home-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of the test bed's known_hosts (tests may modify it). */
export function knownHostsCopy(tb: TestBed, dir: string): string {
  const file = join(dir, 'known_hosts');
  copyFileSync(tb.knownHosts, file);
  return file;
}

/** `virtdeck host add` arguments for test-bed host `index` (1-based): root over SSH with the test bed's key. */
export function hostAddArgs(tb: TestBed, index: number, knownHostsFile: string, name = tb.hosts[index - 1]!.name): string[] {
  const h = tb.hosts[index - 1]!;
  return ['host', 'add', name, '--ssh', `root@${h.sshHost}:${h.sshPort}`, '--identity', tb.keyFile, '--known-hosts', knownHostsFile];
}

/** The same host as the core's `hosts.add` takes it. */
export function sshHostConfig(tb: TestBed, index: number, knownHostsFile: string, name = tb.hosts[index - 1]!.name): HostConfig {
  const h = tb.hosts[index - 1]!;
  return { name, transport: 'ssh', ssh: { host: h.sshHost, port: h.sshPort, user: 'root', identityFile: tb.keyFile }, uri: 'qemu:///system', knownHostsFile };
}

/** A connected core over `home` with the test bed's hosts of those indexes added (h1, h2, …). */
export async function coreWithHosts(tb: TestBed, home: string, indexes: readonly number[]): Promise<Core> {
  const kh = knownHostsCopy(tb, home);
  const core = await createCore({ home, autoConnect: true });
  for (const i of indexes) await core.call('hosts.add', { config: sshHostConfig(tb, i, kh) });
  return core;
}

export function uniq(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

/** Defines a tiny OS-less domain (SeaBIOS spins forever: enough for lifecycle tests), optionally with its own <os> and <cpu>. Returns its uuid. */
export function defineTinyDomain(tb: TestBed, host: number, name: string, extraDevices = '', opts: { os?: string; cpu?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'vd-dom-'));
  const file = join(dir, 'dom.xml');
  writeFileSync(
    file,
    `<domain type='qemu'>
  <name>${xmlEscape(name)}</name>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  ${opts.os ?? "<os><type arch='x86_64' machine='pc'>hvm</type></os>"}
  ${opts.cpu ?? ''}
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'/>
    <console type='pty'/>
    ${extraDevices}
  </devices>
</domain>`,
  );
  tb.virsh(host, 'define', file);
  return tb.virsh(host, 'domuuid', name);
}

/** Removes a domain whatever its state (ignores errors). */
export function purgeDomain(tb: TestBed, host: number, name: string): void {
  try {
    tb.virsh(host, 'destroy', name);
  } catch {
    /* not running */
  }
  try {
    tb.virsh(host, 'undefine', '--managed-save', '--nvram', name);
  } catch {
    /* already gone */
  }
}

export async function waitFor<T>(what: string, fn: () => T | undefined | null | false, timeoutMs: number, everyMs = 20): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function sh(cmd: string, args: string[]): Promise<string> {
  return new Promise((res, rej) =>
    execFile(cmd, args, { timeout: 60_000 }, (err, stdout, stderr) => (err ? rej(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`)) : res(stdout))),
  );
}

/** Test-bed host `index`'s sshd: drop every SSH link to the host, start it again, tell whether it runs.
 *  The host has its own PID namespace, so every `sshd` process in it is this host's: the listener and each session's
 *  privileged and unprivileged halves. `drop` KILLs them all and waits until none is left (a list of pids read first
 *  raced with sessions ending on a loaded machine); `start` runs the test bed's host-daemons.sh, which waits until
 *  sshd listens. */
export function sshdControl(tb: TestBed, index: number): { drop(): void; start(): void; running(): boolean } {
  const name = tb.hosts[index - 1]!.name;
  const inHost = (...argv: string[]) => spawnSync(join(tb.dir, 'bin', 'tbns'), [String(index), ...argv], { encoding: 'utf8' });
  const running = () => inHost('sh', '-c', 'test -s /run/sshd.pid && kill -0 "$(cat /run/sshd.pid)"').status === 0;
  const must = (r: ReturnType<typeof inHost>, what: string) => {
    if (r.status !== 0) throw new Error(`${what} on ${name} failed (exit ${r.status}): ${r.stderr}`);
  };
  return {
    drop: () =>
      must(inHost('sh', '-c', 'for i in $(seq 100); do pkill -KILL -x sshd; pgrep -x sshd >/dev/null || { rm -f /run/sshd.pid; exit 0; }; sleep 0.05; done; exit 1'), 'killing sshd'),
    // The test bed's own daemon starter, run as up.sh runs it (clean environment; the bed's saved settings): it
    // starts only what is down.
    start: () => {
      if (running()) return;
      const script = '. "$TB/lib/common.sh" && nsx_clean "$1" "$TB/lib/host-daemons.sh" "$2" "$1"';
      must(spawnSync('bash', ['-c', script, 'start', String(index), String(tb.hosts.length)], { encoding: 'utf8', env: { PATH: process.env.PATH, TB: tb.dir } }), 'starting sshd');
    },
    running,
  };
}
