// The core's `watch` option on a real host: a core that follows nothing (the CLI's listings) connects and syncs
// without subscribing to the host's events; the default (the app, the other CLI commands) subscribes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreOptions } from '../../../electron/core/core-options.js';
import { createCore } from '../../../electron/core/core.js';
import { LibvirtConnection } from '../../../electron/libvirt/connection.js';
import { Proc } from '../../../electron/libvirt/protocol/index.js';
import { testbed } from '../testbed.js';
import { defineTinyDomain, knownHostsCopy, purgeDomain, sshHostConfig, tempHome, uniq } from './helpers.js';

const tb = testbed();
const SUBSCRIPTIONS = new Set<number>([
  Proc.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
  Proc.CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY,
  Proc.CONNECT_NETWORK_EVENT_REGISTER_ANY,
]);

/** The procedures a new core calls while adding test-bed host 1, and the VMs it then lists there. */
async function addHost1(opts: CoreOptions): Promise<{ procs: number[]; vms: string[] }> {
  const home = tempHome('vd-watch-');
  const spy = vi.spyOn(LibvirtConnection.prototype, 'call');
  const core = await createCore({ home, autoConnect: false, ...opts });
  try {
    await core.call('hosts.add', { config: sshHostConfig(tb, 1, knownHostsCopy(tb, home)) });
    return { procs: spy.mock.calls.map((c) => c[0]), vms: core.vms.list({ host: 'h1' }).map((v) => v.name) };
  } finally {
    spy.mockRestore();
    await core.close();
  }
}

describe.skipIf(!tb.available)('core watch option', () => {
  const name = uniq('watch');
  afterEach(() => purgeDomain(tb, 1, name));

  it('watch: false syncs the host without one event subscription; the default subscribes first', async () => {
    defineTinyDomain(tb, 1, name);
    const quiet = await addHost1({ watch: false });
    expect(quiet.vms).toContain(name);
    expect(quiet.procs.filter((p) => SUBSCRIPTIONS.has(p))).toEqual([]);

    const live = await addHost1({});
    expect(live.vms).toContain(name);
    const firstList = live.procs.indexOf(Proc.CONNECT_LIST_ALL_DOMAINS);
    expect(live.procs.slice(0, firstList).filter((p) => SUBSCRIPTIONS.has(p)).length).toBeGreaterThan(0);
  });
});
