import { describe, expect, it } from 'vitest';
import { charKeysym, KEY, textKeysyms } from '../../../renderer/features/consoles/keysyms.js';
import { splitSshAddress } from '../../../renderer/features/hosts/ssh-address.js';
import { availability, canRun } from '../../../renderer/features/vms/action-rules.js';
import { formatBytes, relativeTime } from '../../../renderer/app/format.js';
import { fakeVm } from '../../fixtures/renderer/fake-vms.js';

describe('splitSshAddress', () => {
  it('splits host, user@host, host:port and bracketed IPv6', () => {
    expect(splitSshAddress('kvm1')).toEqual({ host: 'kvm1' });
    expect(splitSshAddress(' root@127.0.0.1:2201 ')).toEqual({ user: 'root', host: '127.0.0.1', port: 2201 });
    expect(splitSshAddress('admin@[::1]:22')).toEqual({ user: 'admin', host: '::1', port: 22 });
  });
  it('keeps what is wrong as typed, for the core’s check to name (host-check.test.ts)', () => {
    expect(splitSshAddress('  ')).toBeNull();
    expect(splitSshAddress('a b')).toEqual({ host: 'a b' });
    expect(splitSshAddress('a@b@c')).toEqual({ user: 'a@b', host: 'c' });
    expect(splitSshAddress('@host')).toEqual({ user: '', host: 'host' });
    expect(splitSshAddress('host:70000')).toEqual({ host: 'host', port: 70000 });
    expect(splitSshAddress('host:22:33')?.port).toBeNaN();
  });
});

describe('action rules', () => {
  it('offers actions by state', () => {
    const off = fakeVm('h1', 1, { state: 'shutoff', locked: false });
    const on = fakeVm('h1', 1, { state: 'running', locked: false });
    expect(canRun(off, 'start')).toBe(true);
    expect(availability(off, 'shutdown').applies).toBe(false);
    expect(canRun(on, 'shutdown')).toBe(true);
    expect(availability(on, 'start').applies).toBe(false);
    expect(canRun(fakeVm('h1', 1, { state: 'paused', locked: false }), 'resume')).toBe(true);
  });
  it('a locked VM refuses stop and delete (with the reason) but still starts', () => {
    const locked = fakeVm('h1', 1, { state: 'running', locked: true });
    for (const a of ['shutdown', 'destroy', 'reboot', 'reset', 'save', 'suspend', 'delete'] as const) {
      expect(availability(locked, a)).toEqual({ applies: true, blockedBy: 'action.lockedReason' });
    }
    expect(canRun(fakeVm('h1', 1, { state: 'shutoff', locked: true }), 'start')).toBe(true);
  });
  it('nothing runs on a stale VM', () => {
    expect(availability(fakeVm('h1', 1, { state: 'shutoff', stale: true }), 'start').blockedBy).toBe('action.staleReason');
  });
});

describe('keysyms', () => {
  it('maps Latin-1 to itself, other Unicode to 0x01000000 + code point, newline to Return', () => {
    expect(charKeysym('a')).toBe(0x61);
    expect(charKeysym('é')).toBe(0xe9);
    expect(charKeysym('中')).toBe(0x01004e2d);
    expect(textKeysyms('a\r\nb')).toEqual([0x61, KEY.Return, 0x62]);
  });
});

describe('format', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MiB');
  });
  it('formats relative times in both languages', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(relativeTime('en', '2026-11-23T09:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('zh-CN', '2026-11-23T09:55:00Z', now)).toBe('5分钟前');
  });
});
