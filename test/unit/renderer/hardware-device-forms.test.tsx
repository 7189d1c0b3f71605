// @vitest-environment jsdom
// The Hardware tab's new forms send what they show: per-device boot order, console devices present or not, a NIC
// moved to a bridge.
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallInput } from '../../../shared/ipc/contract.js';
import type { HardwareView, HwState } from '../../../shared/model/hardware.js';
import { BootCard } from '../../../renderer/features/vms/hardware/BootCard.js';
import { DevicesCard } from '../../../renderer/features/vms/hardware/DevicesCard.js';
import { MoveNic } from '../../../renderer/features/vms/hardware/NicSource.js';
import { setBackend } from '../../../renderer/state/backend.js';
import { createFakeBackend, type FakeBackend } from '../../fixtures/renderer/fake-backend.js';
import { fakeVm } from '../../fixtures/renderer/fake-vms.js';
import { installDomShims } from './dom-setup.js';

const ref = { host: 'h1', vm: 'web' };
const MAC = '52:54:00:00:00:07';
const state: HwState = {
  vcpus: 1, maxVcpus: 1, memoryMiB: 512, maxMemoryMiB: 512, boot: ['hd'], bootOrder: [], bootMenu: false,
  disks: [{ target: 'vda', device: 'disk', source: '/p/vda', format: 'qcow2', bus: 'virtio' }],
  nics: [{ mac: MAC, type: 'network', source: 'default', model: 'virtio', linkUp: true }],
  graphics: [], video: [], serial: true, agent: false, clipboard: false,
};
const view: HardwareView = { running: false, autostart: false, config: state, live: null };
const changed = { running: false, live: [], config: [] };

let backend: FakeBackend;
let sent: { call: string; input: unknown }[];
const wrap = (el: React.ReactNode) => render(<MantineProvider>{el}</MantineProvider>);

beforeAll(installDomShims);
beforeEach(() => {
  backend = createFakeBackend([], []);
  sent = [];
  backend.api['vms.hardware'] = async () => view;
  backend.api['vms.setDevices'] = async (input: CallInput<'vms.setDevices'>) => (sent.push({ call: 'vms.setDevices', input }), changed);
  backend.api['vms.moveNic'] = async (input: CallInput<'vms.moveNic'>) => (sent.push({ call: 'vms.moveNic', input }), { ...changed, ip: null });
  backend.api['networks.list'] = async () => [];
  backend.api['vms.setBoot'] = async (input: CallInput<'vms.setBoot'>) => (sent.push({ call: 'vms.setBoot', input }), changed);
  setBackend(backend);
});
afterEach(cleanup);

describe('Hardware tab forms', () => {
  it('Boot per device: disks and NICs in the order picked', async () => {
    const vm = fakeVm('h1', 0);
    wrap(<BootCard vm={vm} view={view} />);
    fireEvent.click(screen.getByText('Per device'));
    const pick = screen.getByTestId('hw-boot-devices');
    fireEvent.click(pick);
    fireEvent.click(await screen.findByRole('option', { name: `${MAC} (default)` }));
    // The dropdown stays mounted (hidden to jsdom's eyes while it animates) after the first pick.
    fireEvent.click(await screen.findByRole('option', { name: 'vda (disk)', hidden: true }));
    fireEvent.click(screen.getByTestId('hw-boot-apply'));
    await waitFor(() =>
      expect(sent).toEqual([{ call: 'vms.setBoot', input: { ref: { host: 'h1', vm: vm.uuid }, deviceOrder: [MAC, 'vda'], menu: false } }]),
    );
  });
  it('Console devices: starts from the config and sends all three', async () => {
    wrap(<DevicesCard vmRef={ref} view={view} />);
    fireEvent.click(screen.getByText('VNC display'));
    fireEvent.click(screen.getByTestId('hw-devices-agent'));
    fireEvent.click(screen.getByTestId('hw-devices-apply'));
    await waitFor(() => expect(sent).toEqual([{ call: 'vms.setDevices', input: { ref, graphics: 'vnc', serial: true, agent: true, clipboard: false } }]));
  });
  it('Move interface: a NIC onto a host bridge', async () => {
    wrap(<MoveNic vmRef={ref} nics={state.nics} />);
    fireEvent.click(screen.getByTestId('hw-move-nic-mac'));
    fireEvent.click(await screen.findByRole('option', { name: MAC }));
    fireEvent.click(screen.getByText('Host bridge'));
    fireEvent.change(screen.getByTestId('hw-move-nic-bridge'), { target: { value: 'br0' } });
    fireEvent.click(screen.getByTestId('hw-move-nic-apply'));
    await waitFor(() => expect(sent).toEqual([{ call: 'vms.moveNic', input: { ref, mac: MAC, bridge: 'br0' } }]));
  });
});
