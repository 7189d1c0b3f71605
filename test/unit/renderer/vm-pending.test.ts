// A VM's badge says what it is becoming while a lifecycle task of it runs, and only then.
import { describe, expect, it } from 'vitest';
import { pendingOf } from '../../../renderer/features/vms/pending.js';
import { fakeTask } from '../../fixtures/renderer/fake-vms.js';

const web = { host: 'h1', name: 'web' };

describe('pendingOf', () => {
  it('a running start, shutdown or reboot of the VM (same host and name) is its pending change', () => {
    expect(pendingOf({ a: fakeTask('a', { op: 'vm.start', host: 'h1', args: { vm: 'web', host: 'h1' } }) }, web)).toBe('starting');
    expect(pendingOf({ a: fakeTask('a', { op: 'vm.shutdown', host: 'h1', args: { vm: 'web', host: 'h1' } }) }, web)).toBe('shuttingDown');
    expect(pendingOf({ a: fakeTask('a', { op: 'vm.reboot', host: 'h1', args: { vm: 'web', host: 'h1' } }) }, web)).toBe('rebooting');
    expect(pendingOf({ a: fakeTask('a', { op: 'vm.migrate', host: 'h1', args: { vm: 'web', host: 'h1', dest: 'h2' } }) }, web)).toBe('migrating');
  });

  it('nothing once the task ended, for another VM or host, or for an op that is not a pending state', () => {
    const tasks = {
      done: fakeTask('done', { op: 'vm.start', host: 'h1', args: { vm: 'web' }, state: 'succeeded' }),
      failed: fakeTask('failed', { op: 'vm.shutdown', host: 'h1', args: { vm: 'web' }, state: 'failed' }),
      other: fakeTask('other', { op: 'vm.start', host: 'h1', args: { vm: 'db' } }),
      elsewhere: fakeTask('elsewhere', { op: 'vm.start', host: 'h2', args: { vm: 'web' } }),
      snap: fakeTask('snap', { op: 'snapshot.create', host: 'h1', args: { vm: 'web', snapshot: 's1' } }),
    };
    expect(pendingOf(tasks, web)).toBeNull();
  });
});
