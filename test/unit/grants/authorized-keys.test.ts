import { describe, expect, it } from 'vitest';
import { type GrantEntry, grantLine, grantsIn, isExpired, sshdTime, withGrant, withoutGrants } from '../../../electron/core/grants/authorized-keys.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAbcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const entry = (over: Partial<GrantEntry> = {}): GrantEntry => ({
  id: '0123456789ab',
  uuid: '7e57bed0-0000-4000-8000-000000000001',
  vm: 'web 1',
  for: 'Zoë "ops"',
  until: '2026-12-02T07:30:00.000Z',
  vnc: true,
  vncPort: 5901,
  serial: false,
  viewOnly: true,
  from: ['10.0.0.0/8'],
  publicKey: KEY,
  ...over,
});

describe('console grant authorized_keys lines', () => {
  it('restricts a VNC grant to forwarding its port until its end, from its range, with a forced command', () => {
    expect(grantLine(entry()).split(' ')[0]).toBe(
      'restrict,port-forwarding,permitopen="127.0.0.1:5901",expiry-time="20261202073000Z",from="10.0.0.0/8",command="none"',
    );
  });

  it('gives a serial grant a pty and its VM console command, and no forwarding', () => {
    const line = grantLine(entry({ vnc: false, vncPort: null, serial: true, from: [] }));
    expect(line.startsWith(`restrict,pty,expiry-time="20261202073000Z",command="serial 7e57bed0-0000-4000-8000-000000000001" ${KEY} `)).toBe(true);
  });

  it('reads back what it wrote (names with spaces and quotes too) and keeps foreign lines', () => {
    const text = withGrant('ssh-ed25519 AAAAother admin@laptop\n', entry());
    expect(grantsIn(text)).toEqual([entry()]);
    const { text: rest, removed } = withoutGrants(text, (g) => g.id === '0123456789ab');
    expect(removed.map((g) => g.id)).toEqual(['0123456789ab']);
    expect(rest).toBe('ssh-ed25519 AAAAother admin@laptop\n');
  });

  it('knows when a grant has expired', () => {
    expect(isExpired(entry(), new Date('2026-12-02T07:30:00Z'))).toBe(true);
    expect(isExpired(entry(), new Date('2026-12-02T07:29:59Z'))).toBe(false);
    expect(sshdTime('2026-01-05T09:08:07+02:00')).toBe('20260105070807Z');
  });
});
