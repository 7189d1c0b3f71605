// Support mode's consoles: the renderer asks by support session (never a VmRef), the door routes such a request to
// the session's channels only, and a guest shell cannot be asked for through a grant.
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { openConsoleStream } from '../../../electron/webapi/console-open.js';
import { ApiError, consoleRequest } from '../../../renderer/api/client.js';
import { fakeCore } from '../ipc/fake-core.js';

const SESSION = '0123456789abcdef';

describe('support consoles', () => {
  it('the renderer asks for grant-vnc / grant-serial by session; ssh through a grant is refused', () => {
    expect(consoleRequest('vnc', { session: SESSION })).toEqual({ kind: 'grant-vnc', session: SESSION });
    expect(consoleRequest('serial', { session: SESSION })).toEqual({ kind: 'grant-serial', session: SESSION });
    expect(() => consoleRequest('ssh', { session: SESSION })).toThrow(ApiError);
  });

  it("the door opens the session's channel, and refuses a malformed session id", async () => {
    const core = fakeCore();
    const vnc = vi.spyOn(core.consoles, 'openSupportVnc');
    const serial = vi.spyOn(core.consoles, 'openSupportSerial');
    core.nextConsole = new PassThrough();
    expect((await openConsoleStream(core.consoles, { kind: 'grant-vnc', session: SESSION })).ok).toBe(true);
    expect(vnc).toHaveBeenCalledWith(SESSION);
    core.nextConsole = new PassThrough();
    expect((await openConsoleStream(core.consoles, { kind: 'grant-serial', session: SESSION })).ok).toBe(true);
    expect(serial).toHaveBeenCalledWith(SESSION);
    const bad = await openConsoleStream(core.consoles, { kind: 'grant-vnc', session: '../../etc' });
    expect(bad).toMatchObject({ ok: false, code: 'call.bad-input' });
    expect(vnc).toHaveBeenCalledTimes(1);
  });
});
