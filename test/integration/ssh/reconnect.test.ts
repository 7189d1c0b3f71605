// Drops h3's SSH link for real (stops its sshd and kills the sessions), then lets sshd come back.
// Only h3's sshd is touched, and it is always restarted.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { SshState, SshStateChange } from '../../../electron/ssh/connection.js';
import { SshOfflineError } from '../../../electron/ssh/errors.js';
import { connected, hostOptions, rejectsAtOnce, tb } from './helpers.js';

const tbns = `${tb.dir}/bin/tbns`;

function h3SshdRunning(): boolean {
  try {
    execFileSync(tbns, ['3', 'sh', '-c', 'kill -0 $(cat /run/sshd.pid)'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function startH3Sshd(): void {
  if (h3SshdRunning()) return;
  execFileSync(tbns, ['3', '/usr/sbin/sshd', '-f', `${tb.dir}/hosts/h3/ssh/sshd_config`, '-E', `${tb.dir}/hosts/h3/log/sshd.log`]);
}

function waitForState(states: SshState[], seen: SshStateChange[], target: SshState, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = setInterval(() => {
      if (states.at(-1) === target) {
        clearInterval(tick);
        resolve();
      } else if (Date.now() - t0 > ms) {
        clearInterval(tick);
        reject(new Error(`no "${target}" within ${ms} ms; saw ${seen.map((s) => s.state).join(' → ')}`));
      }
    }, 20);
  });
}

describe.skipIf(!tb.available)('reconnect', () => {
  afterAll(() => startH3Sshd());

  it('drops to reconnecting (calls fail fast), comes back online by itself', async () => {
    const c = await connected(hostOptions(3, { reconnect: { initialDelayMs: 100, maxDelayMs: 800 }, keepaliveIntervalMs: 1000 }));
    const seen: SshStateChange[] = [];
    const states: SshState[] = [];
    c.on('state', (s) => {
      seen.push(s);
      states.push(s.state);
    });
    try {
      expect((await c.exec(['hostname'])).stdout.toString().trim()).toBe('h3');
      const inFlight = c.exec(['sleep', '30']).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 200));
      execFileSync(tbns, ['3', 'sh', '-c', 'kill $(cat /run/sshd.pid)']);
      execFileSync(tbns, ['3', 'pkill', '-f', 'sshd: root']);
      await waitForState(states, seen, 'reconnecting', 10_000);
      expect(await inFlight).toBeInstanceOf(SshOfflineError);
      const since = c.since;
      // Let a few attempts fail against the stopped sshd.
      await new Promise((r) => setTimeout(r, 1500));
      expect(c.state).toBe('reconnecting');
      expect(c.since).toEqual(since);
      expect(c.lastError?.name).toBe('SshUnreachableError');
      const err = await rejectsAtOnce(c.exec(['hostname']));
      expect(err).toBeInstanceOf(SshOfflineError);
      expect((err as Error).message).toBe(`SSH connection to root@127.0.0.1:${tb.hosts[2]!.sshPort} is reconnecting`);

      startH3Sshd();
      const t1 = performance.now();
      await waitForState(states, seen, 'online', 10_000);
      console.log(`back online ${(performance.now() - t1).toFixed(0)} ms after sshd restart; states: ${states.join(' → ')}`);
      expect((await c.exec(['hostname'])).stdout.toString().trim()).toBe('h3');
    } finally {
      c.close();
      startH3Sshd();
    }
    expect(h3SshdRunning()).toBe(true);
  });

  it('no reconnect after the user closes', async () => {
    const c = await connected(hostOptions(3, { reconnect: { initialDelayMs: 10, maxDelayMs: 10 } }));
    const states: SshState[] = [];
    c.on('state', (s) => states.push(s.state));
    c.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(states).toEqual(['closed']);
  });
});
