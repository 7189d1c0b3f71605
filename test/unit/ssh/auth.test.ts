// Authentication against an SSH server in this process: each keyboard-interactive prompt is asked on its own
// (an OTP is not the password), passwords and passphrases say when the previous answer was refused.
import { describe, expect, it, vi } from 'vitest';
import type { KeyboardInteractivePrompt } from '../../../shared/model/host.js';
import { SshConnection } from '../../../electron/ssh/connection.js';
import { SshAuthError } from '../../../electron/ssh/errors.js';
import { clientKey, fakeClientOptions, startFakeSshd } from './fake-sshd.js';

describe('keyboard-interactive', { timeout: 120_000 }, () => {
  it('answers the password prompt with the password and the one-time-code prompt with what the user types', async () => {
    const sshd = await startFakeSshd({ password: 'pw', keyboardInteractive: { otp: '123456' } });
    const askPassword = vi.fn(async () => 'pw');
    const askKeyboardInteractive = vi.fn(async (_p: KeyboardInteractivePrompt) => '123456');
    const conn = new SshConnection(fakeClientOptions(sshd, { askPassword, askKeyboardInteractive }));
    await conn.connect();
    expect(askPassword.mock.calls).toEqual([['tester', '127.0.0.1', false]]);
    expect(askKeyboardInteractive.mock.calls).toEqual([
      [{ user: 'tester', host: '127.0.0.1', name: 'second factor', instructions: 'From your token', prompt: 'Verification code: ', echo: true }],
    ]);
    expect(sshd.attempts).toEqual([{ method: 'keyboard-interactive', answers: ['pw', '123456'] }]);
    conn.close();
  });

  it('a refused round asks again, saying the password was refused', async () => {
    const sshd = await startFakeSshd({ password: 'pw', keyboardInteractive: {} });
    const answers = ['typo', 'pw'];
    const askPassword = vi.fn(async () => answers.shift()!);
    const conn = new SshConnection(fakeClientOptions(sshd, { askPassword }));
    await conn.connect();
    expect(askPassword.mock.calls).toEqual([
      ['tester', '127.0.0.1', false],
      ['tester', '127.0.0.1', true],
    ]);
    conn.close();
  });

  it('cancelling a one-time code ends the login: no more questions, a clear auth error', async () => {
    const sshd = await startFakeSshd({ password: 'pw', keyboardInteractive: { otp: '1' } });
    const askPassword = vi.fn(async () => 'pw');
    const askKeyboardInteractive = vi.fn(async () => null);
    const err = await new SshConnection(fakeClientOptions(sshd, { askPassword, askKeyboardInteractive })).connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshAuthError);
    expect(askPassword).toHaveBeenCalledTimes(1);
    expect(askKeyboardInteractive).toHaveBeenCalledTimes(1);
  });

  it('without a prompt for other questions, an OTP prompt is never answered with the password', async () => {
    const sshd = await startFakeSshd({ password: 'pw', keyboardInteractive: { otp: 'pw' } });
    const err = await new SshConnection(fakeClientOptions(sshd, { askPassword: async () => 'pw' })).connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshAuthError);
    // The password round was answered; the code round got no answer at all (not the password again).
    expect(sshd.attempts).toEqual([{ method: 'keyboard-interactive', answers: ['pw'] }]);
  });
});

describe('password and passphrase retries', { timeout: 120_000 }, () => {
  it('password method: the second question says the first answer was refused', async () => {
    const sshd = await startFakeSshd({ password: 'pw' });
    const answers = ['nope', 'pw'];
    const askPassword = vi.fn(async (_user: string, _host: string, _retry: boolean) => answers.shift()!);
    const conn = new SshConnection(fakeClientOptions(sshd, { askPassword }));
    await conn.connect();
    expect(askPassword.mock.calls.map((c) => c[2])).toEqual([false, true]);
    expect(sshd.attempts).toEqual([
      { method: 'password', answers: ['nope'] },
      { method: 'password', answers: ['pw'] },
    ]);
    conn.close();
  });

  it('a wrong passphrase is asked again with retry, up to three times', async () => {
    const key = clientKey('right');
    const sshd = await startFakeSshd({ authorizedKey: key.publicKey });
    const answers = ['wrong', 'right'];
    const askPassphrase = vi.fn(async () => answers.shift()!);
    const conn = new SshConnection(fakeClientOptions(sshd, { identityFiles: [key.file], askPassphrase }));
    await conn.connect();
    expect(askPassphrase.mock.calls).toEqual([
      [key.file, false],
      [key.file, true],
    ]);
    conn.close();

    const never = vi.fn(async () => 'wrong');
    const err = await new SshConnection(fakeClientOptions(sshd, { identityFiles: [key.file], askPassphrase: never })).connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshAuthError);
    expect((err as Error).message).toContain(`wrong passphrase for ${key.file}`);
    expect(never).toHaveBeenCalledTimes(3);
  });
});
