// @vitest-environment jsdom
// The import dialog after an apply where one VM's host failed: it stays open, each row says Applied or Failed, the
// failure is listed with its worded reason, and Preview again reads the same sheet for what is left.
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { SheetImportDialog } from '../../../renderer/features/vms/SheetImportDialog.js';
import { setBackend } from '../../../renderer/state/backend.js';
import { useSheet } from '../../../renderer/state/sheet-slice.js';
import { useUi } from '../../../renderer/state/ui-slice.js';
import { report } from '../../../shared/model/errors.js';
import type { SheetPlan, SheetVmPlan } from '../../../shared/model/sheet.js';
import { createFakeBackend, type FakeBackend } from '../../fixtures/renderer/fake-backend.js';
import { fakeHost } from '../../fixtures/renderer/fake-vms.js';
import { installDomShims } from './dom-setup.js';

beforeAll(installDomShims);
afterEach(cleanup);

const row = (row: number, host: string, name: string, owner: string): SheetVmPlan => ({
  row, host, name, uuid: `u-${name}`, changes: [{ fact: 'owner', old: '', new: owner }], reserve: [], outcome: 'planned', error: null,
});
const plan = (vms: SheetVmPlan[], applied = false): SheetPlan => ({ format: 'csv', rows: 2, vms, conflicts: [], ignoredColumns: [], applied });

let backend: FakeBackend;
let previews = 0;
beforeEach(async () => {
  backend = createFakeBackend([fakeHost('h1', 1), fakeHost('h2', 2)], []);
  previews = 0;
  backend.api['sheet.preview'] = async () => (previews++ === 0 ? plan([row(2, 'h1', 'web', 'ann'), row(3, 'h2', 'db', 'bob')]) : plan([row(3, 'h2', 'db', 'bob')]));
  backend.api['sheet.apply'] = async () =>
    plan([{ ...row(2, 'h1', 'web', 'ann'), outcome: 'applied' }, { ...row(3, 'h2', 'db', 'bob'), outcome: 'failed', error: report('host.offline', { host: 'h2', since: '2026-12-02T10:00:00.000Z' }) }], true);
  setBackend(backend);
  useUi.setState({ language: 'en' });
  await useSheet.getState().preview(new File(['host,name,owner\n'], 'vms.csv'));
});

it('lists the failed VM with its reason and previews what is left again', async () => {
  let closed = false;
  render(<MantineProvider><SheetImportDialog onClose={() => (closed = true)} /></MantineProvider>);
  fireEvent.click(screen.getByTestId('sheet-apply'));
  await waitFor(() => expect(screen.getByTestId('sheet-failures')).toBeTruthy());
  expect(closed).toBe(false);
  expect(screen.getByTestId('sheet-failures').textContent).toContain('1 of 2 VM(s) failed; the others were changed');
  expect(screen.getAllByTestId('sheet-failure').map((e) => e.textContent)).toEqual([expect.stringMatching(/^Row 3 · h2\/db: .*h2/)]);
  expect(screen.getAllByTestId('sheet-outcome').map((e) => e.getAttribute('data-outcome'))).toEqual(['applied', 'failed']);
  expect(screen.queryByTestId('sheet-apply')).toBeNull();

  fireEvent.click(screen.getByTestId('sheet-recheck'));
  await waitFor(() => expect(screen.getAllByTestId('sheet-change')).toHaveLength(1));
  expect(screen.queryByTestId('sheet-failures')).toBeNull();
  expect(screen.queryByTestId('sheet-outcome')).toBeNull();
  expect(screen.getByTestId('sheet-apply')).toBeTruthy();
  expect(previews).toBe(2);
});
