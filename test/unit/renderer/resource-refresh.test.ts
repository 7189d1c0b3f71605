// resource-changed reloads only the lists that show the resource and are loaded, and a burst costs two reloads.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../shared/ipc/contract.js';
import { setBackend } from '../../../renderer/state/backend.js';
import { useInstances } from '../../../renderer/state/instances-slice.js';
import { useNetworks } from '../../../renderer/state/networks-slice.js';
import { reloadHostLists, SNAPSHOT_CHECK_MS, watchSnapshots } from '../../../renderer/state/resource-refresh.js';
import { useSnapshots } from '../../../renderer/state/snapshots-slice.js';
import { useStorage } from '../../../renderer/state/storage-slice.js';
import { applyEvent } from '../../../renderer/state/sync.js';
import { createFakeBackend, type FakeBackend } from '../../fixtures/renderer/fake-backend.js';
import { fakeHost } from '../../fixtures/renderer/fake-vms.js';

const VM = '6f1c0d52-9a3e-4c1b-8d7e-2f5a9b0c1d2e';
let backend: FakeBackend;
/** Calls to the list calls, as "name host[/what]". */
let calls: string[];
/** While set, list calls wait for it: lets a test keep a reload in flight. */
let gate: Promise<void> | null;

function stub<K extends keyof Api>(name: K, describe: (input: Parameters<Api[K]>[0]) => string): void {
  const fn = async (input: Parameters<Api[K]>[0]) => {
    calls.push(`${name} ${describe(input)}`);
    if (gate) await gate;
    return [];
  };
  (backend.api as Record<string, unknown>)[name] = fn;
}

/** Lets every pending promise chain run (the reloads are fire-and-forget). */
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(async () => {
  calls = [];
  gate = null;
  useStorage.setState({ pools: {}, volumes: {} });
  useNetworks.setState({ byHost: {} });
  useSnapshots.setState({ byVm: {} });
  useInstances.setState({ images: {} });
  backend = createFakeBackend([fakeHost('h1', 1), fakeHost('h2', 2)], []);
  setBackend(backend);
  stub('pools.list', (i) => `${i.host}`);
  stub('volumes.list', (i) => `${i.host}/${i.pool}`);
  stub('networks.list', (i) => `${i.host}`);
  stub('snapshots.list', (i) => `${i.ref.host}/${i.ref.vm}`);
  stub('images.list', (i) => `${i.host}`);
  // What the user has opened: h1's pools, two of its pools' volumes, h1's networks, one VM's snapshots.
  await useStorage.getState().loadPools('h1');
  await useStorage.getState().loadVolumes('h1', 'images');
  await useStorage.getState().loadVolumes('h1', 'other');
  await useNetworks.getState().load('h1');
  await useSnapshots.getState().load({ host: 'h1', vm: VM });
  calls = [];
});

afterEach(() => vi.useRealTimers());

describe('resource-changed', () => {
  it('a volume reloads its pool list and that pool’s volumes only', async () => {
    applyEvent({ type: 'resource-changed', host: 'h1', kind: 'volume', pool: 'images', name: 'a.qcow2' });
    await settle();
    expect(calls.sort()).toEqual(['pools.list h1', 'volumes.list h1/images']);
  });

  it('a pool reloads the pools and, when open, its volumes; images follow when loaded', async () => {
    await useInstances.getState().loadImages('h1');
    calls = [];
    applyEvent({ type: 'resource-changed', host: 'h1', kind: 'pool', name: 'other' });
    await settle();
    expect(calls.sort()).toEqual(['images.list h1', 'pools.list h1', 'volumes.list h1/other']);
  });

  it('a network reloads that host’s networks; a snapshot that VM’s snapshots', async () => {
    applyEvent({ type: 'resource-changed', host: 'h1', kind: 'network', name: 'lab' });
    applyEvent({ type: 'resource-changed', host: 'h1', kind: 'snapshot', vm: VM, name: null });
    await settle();
    expect(calls.sort()).toEqual(['networks.list h1', `snapshots.list h1/${VM}`]);
  });

  it('loads nothing that was never opened', async () => {
    applyEvent({ type: 'resource-changed', host: 'h2', kind: 'pool', name: 'default' });
    applyEvent({ type: 'resource-changed', host: 'h2', kind: 'network', name: 'default' });
    applyEvent({ type: 'resource-changed', host: 'h1', kind: 'snapshot', vm: 'another-vm', name: 's1' });
    await settle();
    expect(calls).toEqual([]);
  });

  it('a burst of changes costs the reload in flight plus one', async () => {
    let open!: () => void;
    gate = new Promise((r) => (open = r));
    for (let i = 0; i < 5; i++) applyEvent({ type: 'resource-changed', host: 'h1', kind: 'network', name: `n${i}` });
    await settle();
    expect(calls).toEqual(['networks.list h1']);
    gate = null;
    open();
    await settle();
    await settle();
    expect(calls).toEqual(['networks.list h1', 'networks.list h1']);
  });
});

describe('reloadHostLists ("Refresh host")', () => {
  it('reads again every loaded list of the host: its pools, their open volumes, its networks; nothing of another host', async () => {
    useStorage.setState({
      pools: { h1: [{ name: 'images' }, { name: 'other' }] as never },
      volumes: useStorage.getState().volumes,
    });
    reloadHostLists('h1');
    reloadHostLists('h2');
    await settle();
    expect(calls.sort()).toEqual(['networks.list h1', 'pools.list h1', 'volumes.list h1/images', 'volumes.list h1/other']);
  });
});

describe('watchSnapshots', () => {
  it('looks at the VM’s snapshots periodically until stopped', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const stop = watchSnapshots({ host: 'h1', vm: VM });
    vi.advanceTimersByTime(SNAPSHOT_CHECK_MS * 2);
    await vi.waitFor(() => expect(calls).toEqual([`snapshots.list h1/${VM}`, `snapshots.list h1/${VM}`]));
    stop();
    vi.advanceTimersByTime(SNAPSHOT_CHECK_MS * 3);
    await Promise.resolve();
    expect(calls).toHaveLength(2);
  });
});
