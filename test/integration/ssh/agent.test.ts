// ssh-agent authentication against a real sshd: a private agent holding the test-bed key, no key files given.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshAuthError } from '../../../electron/ssh/errors.js';
import { connected, hostOptions, tb, tempDir } from './helpers.js';

describe.skipIf(!tb.available)('ssh-agent authentication', () => {
  const dir = tempDir();
  const sock = join(dir, 'agent.sock');
  let agent: ChildProcess;

  beforeAll(async () => {
    agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      try {
        execFileSync('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
        break;
      } catch (err) {
        // exit 1 = agent up with no identities; 2 = not reachable yet
        if ((err as { status?: number }).status === 1) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  afterAll(() => agent.kill());

  it('an empty agent and no key files is a clear auth error naming the agent', async () => {
    const err = await connected(hostOptions(1, { identityFiles: [], identitiesOnly: false, agent: sock })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshAuthError);
    expect((err as Error).message).toMatch(/^Authentication failed for root@127\.0\.0\.1:\d+: tried /);
  });

  it('logs in with the key held by the agent', async () => {
    execFileSync('ssh-add', [tb.keyFile], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
    const c = await connected(hostOptions(1, { identityFiles: [], identitiesOnly: false, agent: sock }));
    try {
      expect((await c.exec(['hostname'])).stdout.toString().trim()).toBe('h1');
    } finally {
      c.close();
    }
  });
});
