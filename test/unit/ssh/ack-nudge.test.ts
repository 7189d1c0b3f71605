// The client answers what an SSH server sends with an SSH_MSG_IGNORE (which carries the TCP ACK at once, see
// ack-nudge.ts): a real ssh2 server receives and skips them, and commands work as before. A client object without
// ssh2's internals is left alone.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { nudgeAcks } from '../../../electron/ssh/ack-nudge.js';
import { SshConnection } from '../../../electron/ssh/connection.js';
import { clientKey, fakeClientOptions, startFakeSshd } from './fake-sshd.js';

describe('ACK nudge', { timeout: 120_000 }, () => {
  it('a server gets IGNOREs after what it sent, and every command still answers', async () => {
    const key = clientKey();
    const sshd = await startFakeSshd({ authorizedKey: key.publicKey });
    const conn = new SshConnection(fakeClientOptions(sshd, { identityFiles: [key.file] }));
    await conn.connect();
    try {
      const before = sshd.ignores;
      const outs = await Promise.all([1, 2, 3].map(() => conn.exec(['hostname'])));
      expect(outs.map((r) => [r.code, r.stdout.toString()])).toEqual([[0, 'fake\n'], [0, 'fake\n'], [0, 'fake\n']]);
      await new Promise((r) => setTimeout(r, 100)); // the last IGNORE follows the last data
      expect(sshd.ignores).toBeGreaterThan(before);
    } finally {
      conn.close();
    }
  });

  it('leaves a client without the expected internals alone', () => {
    const sock = new EventEmitter();
    expect(() => nudgeAcks({ _sock: sock })).not.toThrow();
    expect(sock.listenerCount('data')).toBe(0);
    expect(() => nudgeAcks({})).not.toThrow();
  });
});
