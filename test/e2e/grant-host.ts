// What the console-grant e2e specs share: the passphrase of the grant files they make, and test-bed host 1's console
// account, read and cleaned up in that host's own namespaces (its own /etc and /home).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TestBed } from '../integration/testbed.js';

export const PASSPHRASE = 'correct horse battery';
export const CONSOLE_KEYS = '/home/virtdeck-console/.ssh/authorized_keys';

/** A command in test-bed host 1's namespaces. */
export function onHost(tb: TestBed, ...argv: string[]): { code: number | null; out: string } {
  const r = spawnSync(path.join(tb.dir, 'bin', 'tbns'), ['1', ...argv], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout };
}

/** Takes a grant's key entry out of the console account's keys (a test that stopped before revoking it). */
export function dropGrantKey(tb: TestBed, grantId: string): void {
  onHost(tb, 'sed', '-i', `/id=${grantId}/d`, CONSOLE_KEYS);
}
