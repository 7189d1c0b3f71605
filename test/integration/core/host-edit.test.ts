// Editing a configured host over the real test bed: a rename keeps its VMs (and their history) under the new name
// and reconnects; settings that do not connect (a port where nothing listens) are refused and the old ones stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreError } from '../../fixtures/core-error.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import { errorReport } from '../../../electron/core/errors.js';
import { testbed } from '../testbed.js';
import { defineTinyDomain, knownHostsCopy, purgeDomain, sshHostConfig, tempHome, uniq } from './helpers.js';

const tb = testbed();

describe.skipIf(!tb.available)('host edit and rename', () => {
  const home = tempHome();
  const vm = uniq('edit');
  let core: Core;
  let kh = '';

  beforeAll(async () => {
    kh = knownHostsCopy(tb, home);
    defineTinyDomain(tb, 2, vm);
    core = await createCore({ home, autoConnect: true });
    await core.call('hosts.add', { config: sshHostConfig(tb, 2, kh, 'lab2') });
  });

  afterAll(async () => {
    await core?.close();
    purgeDomain(tb, 2, vm);
  });

  it('renames a host: online under the new name with its VMs, the old name gone', async () => {
    expect(core.vms.list({ host: 'lab2' }).map((v) => v.name)).toContain(vm);
    const info = await core.call('hosts.update', { name: 'lab2', config: sshHostConfig(tb, 2, kh, 'kvm-two') });
    expect(info).toMatchObject({ name: 'kvm-two', status: 'online' });
    expect((await core.call('hosts.list', {})).map((h) => h.name)).toEqual(['kvm-two']);
    expect(core.vms.list({ host: 'kvm-two' }).map((v) => v.name)).toContain(vm);
    expect(core.vms.list({ host: 'lab2' })).toEqual([]);
  });

  it('refuses settings that do not connect and keeps the host as it was', async () => {
    const bad = sshHostConfig(tb, 2, kh, 'kvm-two');
    const err = await core.call('hosts.update', { name: 'kvm-two', config: { ...bad, ssh: { ...bad.ssh, host: '127.0.0.1', port: 1 } } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(errorReport(err)).toEqual(coreError('ssh.unreachable'));
    const [host] = await core.call('hosts.list', {});
    expect(host?.ssh?.port).toBe(tb.hosts[1]?.sshPort);
    expect(core.vms.list({ host: 'kvm-two' }).map((v) => v.name)).toContain(vm);
    await core.call('hosts.connect', { names: ['kvm-two'] });
    expect((await core.call('hosts.list', {}))[0]?.status).toBe('online');
  });
});
