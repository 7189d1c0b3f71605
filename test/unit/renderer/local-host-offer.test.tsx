// @vitest-environment jsdom
// First start with no hosts: the sidebar offers this machine's libvirtd (hosts.localCandidate) as a `local` host.
import { report } from '../../../shared/model/errors.js';
import { ApiError } from '../../../renderer/api/client.js';
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallInput } from '../../../shared/ipc/contract.js';
import type { HostInfo } from '../../../shared/model/host.js';
import { HostSidebar } from '../../../renderer/features/hosts/HostSidebar.js';
import { setBackend } from '../../../renderer/state/backend.js';
import { useHosts } from '../../../renderer/state/hosts-slice.js';
import { applyEvent } from '../../../renderer/state/sync.js';
import { useUi } from '../../../renderer/state/ui-slice.js';
import { useVms } from '../../../renderer/state/vms-slice.js';
import { createFakeBackend, type FakeBackend } from '../../fixtures/renderer/fake-backend.js';
import { fakeHost } from '../../fixtures/renderer/fake-vms.js';
import { installDomShims } from './dom-setup.js';

const CANDIDATE = { socket: '/var/run/libvirt/libvirt-sock', uri: 'qemu:///system', suggestedName: 'localhost' };

let backend: FakeBackend;
let added: CallInput<'hosts.add'>[];
let asked: number;

/** A backend with the given hosts whose localCandidate answers `candidate` and whose hosts.add runs `add`. */
function install(hosts: HostInfo[], candidate: typeof CANDIDATE | null, add?: (input: CallInput<'hosts.add'>) => Promise<HostInfo>): void {
  backend = createFakeBackend(hosts, []);
  added = [];
  asked = 0;
  backend.api['hosts.localCandidate'] = async () => {
    asked++;
    return candidate;
  };
  backend.onTask('hosts.add', async (input) => {
    added.push(input);
    if (add) return add(input);
    const c = input.config;
    return { ...fakeHost(c.name, 0), transport: c.transport, uri: c.uri, ssh: undefined, hostname: 'this-laptop' };
  });
  backend.onEvent(applyEvent); // hosts.add ends by its task's events
  setBackend(backend);
  useHosts.getState().setAll(hosts);
}

const view = () =>
  render(
    <MantineProvider>
      <HostSidebar />
    </MantineProvider>,
  );

beforeAll(installDomShims);
beforeEach(() => {
  useHosts.setState({ byName: {}, loaded: false });
  useVms.setState({ byKey: {}, liveEvents: {}, loaded: false });
  useUi.setState({ language: 'en', hostFilter: null });
});
afterEach(cleanup);

describe('local libvirt offer', () => {
  it('offers this machine when there are no hosts, and adds it as a local host', async () => {
    install([], CANDIDATE);
    view();
    const offer = await screen.findByTestId('local-offer');
    expect(offer.textContent).toContain('Connect to this machine’s libvirt');
    expect(offer.textContent).toContain('/var/run/libvirt/libvirt-sock');
    expect(offer.textContent).toContain('“localhost”');
    fireEvent.click(screen.getByTestId('local-offer-connect'));
    await screen.findByTestId('host-item-localhost');
    expect(added).toEqual([{ config: { name: 'localhost', transport: 'local', uri: 'qemu:///system' } }]);
    expect(screen.queryByTestId('local-offer')).toBeNull();
  });

  it('shows nothing when the core has no candidate', async () => {
    install([], null);
    view();
    await waitFor(() => expect(asked).toBe(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('local-offer')).toBeNull();
    expect(screen.getByText('No hosts yet. Add one to start.')).toBeTruthy();
  });

  it('keeps the offer and shows why when adding fails', async () => {
    install([], CANDIDATE, async () => {
      throw new ApiError(report('host.libvirt-unreachable', { host: 'localhost', reason: 'permission denied' }));
    });
    view();
    fireEvent.click(await screen.findByTestId('local-offer-connect'));
    const error = await screen.findByTestId('local-offer-error');
    expect(error.textContent).toBe('libvirtd on host “localhost” is not reachable: permission denied');
    expect(screen.getByTestId('local-offer')).toBeTruthy();
    expect(Object.keys(useHosts.getState().byName)).toEqual([]);
  });

  it('can be dismissed', async () => {
    install([], CANDIDATE);
    view();
    fireEvent.click(await screen.findByTestId('local-offer-dismiss'));
    expect(screen.queryByTestId('local-offer')).toBeNull();
    expect(added).toEqual([]);
  });

  it('is not offered once hosts exist', async () => {
    install([fakeHost('h1', 1)], CANDIDATE);
    view();
    await screen.findByTestId('host-item-h1');
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toBe(0);
    expect(screen.queryByTestId('local-offer')).toBeNull();
  });
});
