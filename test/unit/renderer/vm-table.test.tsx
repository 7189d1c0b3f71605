// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VmListView } from '../../../renderer/features/vms/VmListView.js';
import { setBackend } from '../../../renderer/state/backend.js';
import { useUi } from '../../../renderer/state/ui-slice.js';
import { useVms } from '../../../renderer/state/vms-slice.js';
import { createFakeBackend } from '../../fixtures/renderer/fake-backend.js';
import { fakeHost, fakeVms } from '../../fixtures/renderer/fake-vms.js';
import { installDomShims, VIEWPORT_HEIGHT } from './dom-setup.js';

const ROW_HEIGHT = 44;

beforeAll(installDomShims);

beforeEach(() => {
  const vms = fakeVms(2000, ['h1', 'h2', 'h3']);
  setBackend(createFakeBackend([fakeHost('h1', 1), fakeHost('h2', 2), fakeHost('h3', 3)], vms));
  useVms.getState().setAll(vms);
  useUi.setState({ query: '', hostFilter: null, groupByHost: false, selected: {}, sort: { column: 'name', dir: 'asc' }, language: 'en' });
});

afterEach(cleanup);

const view = () =>
  render(
    <MantineProvider>
      <VmListView />
    </MantineProvider>,
  );

const domRows = () => document.querySelectorAll('[data-testid^="vm-row-"]');

describe('VM table', () => {
  it('renders 2,000 VMs with only a window of rows in the DOM', () => {
    view();
    expect(screen.getByTestId('vm-count').textContent).toBe('2000 of 2000 VMs');
    const n = domRows().length;
    expect(n).toBeGreaterThan(VIEWPORT_HEIGHT / ROW_HEIGHT - 2);
    expect(n).toBeLessThan(60);
    // The spacer has the height of all rows, so the scroll bar is right.
    const spacer = screen.getByTestId('vm-table-scroll').lastElementChild as HTMLElement;
    expect(spacer.style.height).toBe(`${2000 * ROW_HEIGHT}px`);
  });

  it('rows carry stable test ids and the VM state', () => {
    view();
    const first = domRows()[0] as HTMLElement;
    const vm = Object.values(useVms.getState().byKey).find((v) => first.dataset.testid === `vm-row-${v.host}-${v.name}`);
    expect(vm).toBeDefined();
    expect(first.dataset.state).toBe(vm?.state);
  });

  it('filters, and select-all selects exactly the shown VMs', () => {
    view();
    fireEvent.change(screen.getByTestId('vm-filter'), { target: { value: 'host:h2 state:running' } });
    const expected = Object.values(useVms.getState().byKey).filter((v) => v.host === 'h2' && v.state === 'running').length;
    expect(screen.getByTestId('vm-count').textContent).toBe(`${expected} of 2000 VMs`);
    for (const row of domRows()) expect((row as HTMLElement).dataset.state).toBe('running');
    fireEvent.click(screen.getByTestId('vm-select-all'));
    expect(Object.keys(useUi.getState().selected)).toHaveLength(expected);
    expect(screen.getByTestId('vm-bulk-bar').textContent).toContain(`${expected} selected`);
  });

  it('sorting by a column header reverses on the second click', () => {
    view();
    const firstName = () => (domRows()[0] as HTMLElement).dataset.testid;
    fireEvent.click(screen.getByTestId('vm-sort-memory'));
    const asc = firstName();
    fireEvent.click(screen.getByTestId('vm-sort-memory'));
    expect(useUi.getState().sort).toEqual({ column: 'memory', dir: 'desc' });
    expect(firstName()).not.toBe(asc);
  });

  it('a VM update re-renders its row', () => {
    view();
    const row = domRows()[0] as HTMLElement;
    const vm = Object.values(useVms.getState().byKey).find((v) => row.dataset.testid === `vm-row-${v.host}-${v.name}`);
    if (!vm) throw new Error('row without VM');
    act(() => useVms.getState().upsert({ ...vm, state: 'paused' }));
    expect((screen.getByTestId(`vm-row-${vm.host}-${vm.name}`) as HTMLElement).dataset.state).toBe('paused');
  });
});
