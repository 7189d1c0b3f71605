// @vitest-environment jsdom
// A dialog on the field (the snapshot dialog over a fake backend): the core's check answers a problem with its
// field, the dialog shows it on that input and will not submit; once the check finds none, create goes through.
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { ApiError } from '../../../renderer/api/client.js';
import { SnapshotCreateDialog } from '../../../renderer/features/snapshots/SnapshotCreateDialog.js';
import { setBackend } from '../../../renderer/state/backend.js';
import { applyEvent } from '../../../renderer/state/sync.js';
import { useUi } from '../../../renderer/state/ui-slice.js';
import type { CallInput } from '../../../shared/ipc/contract.js';
import { report } from '../../../shared/model/errors.js';
import type { SnapshotInfo } from '../../../shared/model/snapshot.js';
import { createFakeBackend } from '../../fixtures/renderer/fake-backend.js';
import { installDomShims } from './dom-setup.js';

const ref = { host: 'h1', vm: 'web' };
const createButton = () => screen.getByTestId('snap-create') as HTMLButtonElement;
let checked: string[];
let created: CallInput<'snapshots.create'>[];

beforeAll(installDomShims);
beforeEach(() => {
  useUi.setState({ language: 'en' });
  checked = [];
  created = [];
  const backend = createFakeBackend([], []);
  backend.api['snapshots.check'] = async ({ spec }) => {
    checked.push(spec.name);
    if (spec.name === 'first') throw new ApiError({ ...report('snapshot.exists', { host: 'h1', vm: 'web', name: 'first' }), field: 'name' });
    return null;
  };
  backend.api['snapshots.list'] = async () => [];
  backend.onTask('snapshots.create', async (input) => {
    created.push(input);
    return { name: input.spec.name } as SnapshotInfo;
  });
  backend.onEvent(applyEvent);
  setBackend(backend);
});
afterEach(cleanup);

it('shows the check’s problem on the name and holds create; a name the check passes is created', async () => {
  let closed = false;
  render(
    <MantineProvider>
      <SnapshotCreateDialog vmRef={ref} vmName="web" running={false} existing={[]} onClose={() => (closed = true)} />
    </MantineProvider>,
  );
  const name = screen.getByTestId('snap-name');
  fireEvent.change(name, { target: { value: 'first' } });
  await screen.findByText(/already has a snapshot named “first”/, undefined, { timeout: 3000 });
  expect(createButton().disabled).toBe(true);
  fireEvent.click(screen.getByTestId('snap-create'));
  expect(created).toEqual([]);

  fireEvent.change(name, { target: { value: 'second' } });
  await waitFor(() => expect(createButton().disabled).toBe(false), { timeout: 3000 });
  fireEvent.click(screen.getByTestId('snap-create'));
  // Create checks afresh first, then submits.
  await waitFor(() => expect(created.map((c) => c.spec.name)).toEqual(['second']), { timeout: 3000 });
  expect(checked.at(-1)).toBe('second');
  await waitFor(() => expect(closed).toBe(true));
  expect(screen.queryByText(/spec\.|Too small|Expected/)).toBeNull();
});
