// @vitest-environment jsdom
// Inline fact editors: what they send to the core, what they show back, and that a stale VM is read-only.
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NotesEditor, OwnerEditor, TagsEditor } from '../../../renderer/features/vms/FactEditors.js';
import { setBackend } from '../../../renderer/state/backend.js';
import { useUi } from '../../../renderer/state/ui-slice.js';
import { useVms } from '../../../renderer/state/vms-slice.js';
import type { VmInfo } from '../../../shared/model/vm.js';
import { createFakeBackend, type FakeBackend } from '../../fixtures/renderer/fake-backend.js';
import { fakeHost, fakeVm } from '../../fixtures/renderer/fake-vms.js';
import { installDomShims } from './dom-setup.js';

beforeAll(installDomShims);
afterEach(cleanup);

let backend: FakeBackend;
const start = fakeVm('h1', 1, { tags: ['web'], owner: null, notes: '' });

beforeEach(() => {
  backend = createFakeBackend([fakeHost('h1', 1)], [start]);
  setBackend(backend);
  useVms.getState().setAll([start]);
  useUi.setState({ language: 'en' });
});

function Editors() {
  const vm = useVms((s) => Object.values(s.byKey)[0]) as VmInfo;
  return (
    <MantineProvider>
      <TagsEditor vm={vm} />
      <OwnerEditor vm={vm} />
      <NotesEditor vm={vm} />
    </MantineProvider>
  );
}

const sent = (name: string) => backend.calls.filter((c) => c.name === name).map((c) => c.input);
const ref = { host: 'h1', vm: start.uuid };

describe('fact editors', () => {
  it('adds a tag with Enter, removes one with its button; a bad tag is not sent', async () => {
    render(<Editors />);
    fireEvent.click(screen.getByTestId('vm-tag-add'));
    fireEvent.change(screen.getByTestId('vm-tag-input'), { target: { value: 'two words' } });
    fireEvent.keyDown(screen.getByTestId('vm-tag-input'), { key: 'Enter' });
    expect(screen.getByText(/Letters, digits/)).toBeTruthy();
    fireEvent.change(screen.getByTestId('vm-tag-input'), { target: { value: 'db' } });
    fireEvent.keyDown(screen.getByTestId('vm-tag-input'), { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('vm-tag-db')).toBeTruthy());
    fireEvent.click(screen.getByTestId('vm-tag-remove-web'));
    await waitFor(() => expect(screen.queryByTestId('vm-tag-web')).toBeNull());
    expect(sent('vms.setTags')).toEqual([{ ref, add: ['db'], remove: [] }, { ref, add: [], remove: ['web'] }]);
  });

  it('sets the owner in place; Escape cancels without sending', async () => {
    render(<Editors />);
    expect(screen.getByTestId('vm-owner').textContent).toBe('nobody');
    fireEvent.click(screen.getByTestId('vm-owner-edit'));
    fireEvent.change(screen.getByTestId('vm-owner-input'), { target: { value: 'mallory' } });
    fireEvent.keyDown(screen.getByTestId('vm-owner-input'), { key: 'Escape' });
    expect(sent('vms.setOwner')).toEqual([]);
    fireEvent.click(screen.getByTestId('vm-owner-edit'));
    fireEvent.change(screen.getByTestId('vm-owner-input'), { target: { value: ' alice ' } });
    fireEvent.keyDown(screen.getByTestId('vm-owner-input'), { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('vm-owner').textContent).toBe('alice'));
    expect(sent('vms.setOwner')).toEqual([{ ref, owner: 'alice' }]);
  });

  it('saves multi-line notes; a refused save keeps what was typed', async () => {
    render(<Editors />);
    backend.api['vms.setNotes'] = async () => {
      throw new Error('host offline');
    };
    fireEvent.change(screen.getByTestId('vm-notes'), { target: { value: 'line 1\nline 2' } });
    fireEvent.click(screen.getByTestId('vm-notes-save'));
    await waitFor(() => expect(screen.getByTestId('vm-notes-save')).toBeTruthy());
    expect((screen.getByTestId('vm-notes') as HTMLTextAreaElement).value).toBe('line 1\nline 2');
    delete (backend.api as Partial<Record<string, unknown>>)['vms.setNotes'];
    fireEvent.click(screen.getByTestId('vm-notes-save'));
    await waitFor(() => expect(screen.queryByTestId('vm-notes-save')).toBeNull());
    expect(useVms.getState().byKey[`h1/${start.uuid}`]?.notes).toBe('line 1\nline 2');
  });

  it('a stale VM (host offline) shows its facts read-only', () => {
    useVms.getState().setAll([{ ...start, stale: true, owner: 'alice' }]);
    render(<Editors />);
    expect(screen.queryByTestId('vm-tag-add')).toBeNull();
    expect(screen.queryByTestId('vm-tag-remove-web')).toBeNull();
    expect(screen.queryByTestId('vm-owner-edit')).toBeNull();
    expect((screen.getByTestId('vm-notes') as HTMLTextAreaElement).readOnly).toBe(true);
  });
});
