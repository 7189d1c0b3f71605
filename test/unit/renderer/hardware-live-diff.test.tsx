// @vitest-environment jsdom
// The Hardware tab's inactive-vs-live card: a running VM's differences as rows, none for a shut-off VM.
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HardwareView, HwState } from '../../../shared/model/hardware.js';
import { LiveDiffCard } from '../../../renderer/features/vms/hardware/LiveDiffCard.js';
import { installDomShims } from './dom-setup.js';

const state = (over: Partial<HwState> = {}): HwState => ({
  vcpus: 1, maxVcpus: 2, memoryMiB: 512, maxMemoryMiB: 1024, disks: [], nics: [], boot: ['hd'], bootOrder: [], bootMenu: false,
  graphics: ['vnc'], video: ['virtio'], serial: true, agent: false, clipboard: false, ...over,
});
const show = (view: HardwareView) =>
  render(
    <MantineProvider>
      <LiveDiffCard view={view} />
    </MantineProvider>,
  );

beforeAll(installDomShims);
afterEach(cleanup);

describe('LiveDiffCard', () => {
  it('a running VM: one row per difference, running value then next-boot value', () => {
    show({ running: true, autostart: false, live: state(), config: state({ vcpus: 2, agent: true }) });
    expect(screen.getByTestId('hw-live-diff').dataset.rows).toBe('2');
    expect(screen.getByTestId('hw-diff-vcpus').textContent).toBe('vCPUs12');
    expect(screen.getByTestId('hw-diff-agent').textContent).toBe('Guest agent channeloffon');
  });
  it('a running VM that matches its definition says so; a shut-off VM has no card', () => {
    show({ running: true, autostart: false, live: state(), config: state() });
    expect(screen.getByTestId('hw-live-diff').dataset.rows).toBe('0');
    cleanup();
    show({ running: false, autostart: false, live: null, config: state() });
    expect(screen.queryByTestId('hw-live-diff')).toBeNull();
  });
});
