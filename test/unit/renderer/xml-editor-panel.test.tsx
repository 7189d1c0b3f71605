// @vitest-environment jsdom
// The XML editor panel over a fake backend: an edit is reviewed as a diff before anything is sent; define sends the
// text as edited with the object it replaces; libvirt's refusal is worded and its line marked in the editor; a
// locked VM's and a volume's XML are read only.
import { EditorView } from '@codemirror/view';
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallInput } from '../../../shared/ipc/contract.js';
import { report } from '../../../shared/model/errors.js';
import { ApiError } from '../../../renderer/api/client.js';
import { XmlEditorPanel } from '../../../renderer/features/xml/XmlEditorPanel.js';
import { setBackend } from '../../../renderer/state/backend.js';
import { createFakeBackend, type FakeBackend } from '../../fixtures/renderer/fake-backend.js';
import { installDomShims } from './dom-setup.js';

const XML = "<domain type='qemu'>\n  <name>web</name>\n  <devices>\n  </devices>\n</domain>";
const target = { kind: 'domain' as const, host: 'h1', name: 'web' };

let backend: FakeBackend;
let defined: CallInput<'xml.define'>[];
const wrap = (el: React.ReactNode) => render(<MantineProvider>{el}</MantineProvider>);

/** The CodeMirror view inside the panel's editor. */
async function editorView(): Promise<EditorView> {
  const host = await screen.findByTestId('xml-editor', {}, { timeout: 5000 }); // a loaded machine is slow
  const view = EditorView.findFromDOM(host.querySelector('.cm-editor') as HTMLElement);
  if (!view) throw new Error('no editor');
  return view;
}

beforeAll(() => {
  installDomShims();
  // CodeMirror measures text ranges; jsdom has no layout.
  const empty = (): DOMRectList => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  Range.prototype.getClientRects ??= empty;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect();
});
beforeEach(() => {
  backend = createFakeBackend([], []);
  defined = [];
  backend.api['xml.read'] = async () => XML;
  setBackend(backend);
});
afterEach(cleanup);

describe('XmlEditorPanel', () => {
  it('reviews the diff, then defines the edited text; a refusal is worded and its line marked', async () => {
    backend.api['xml.define'] = async (input: CallInput<'xml.define'>) => {
      defined.push(input);
      throw new ApiError(report('xml.define-refused', { host: 'h1', kind: 'domain', name: 'web', message: 'Extra element devices in interleave', line: 4 }));
    };
    wrap(<XmlEditorPanel target={target} />);
    const view = await editorView();
    expect((screen.getByTestId('xml-review') as HTMLButtonElement).disabled).toBe(true);
    view.dispatch({ changes: { from: XML.indexOf('  </devices>'), insert: '    <bogus/>\n' } });
    await waitFor(() => expect((screen.getByTestId('xml-review') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('xml-review'));
    const added = [...(await screen.findByTestId('xml-diff')).querySelectorAll('[data-op="+"]')].map((e) => e.textContent);
    expect(added).toEqual(['+    <bogus/>']);
    expect(defined).toEqual([]);
    fireEvent.click(screen.getByTestId('xml-define'));
    await waitFor(() => expect(screen.getByTestId('xml-refusal').textContent).toContain('h1 refused the definition of domain web; nothing changed: Extra element'));
    expect(screen.getByTestId('xml-refusal').textContent).toContain('Line 4');
    expect(defined).toEqual([{ host: 'h1', kind: 'domain', xml: XML.replace('  </devices>', '    <bogus/>\n  </devices>'), replaces: 'web', basedOn: XML }]);
    await waitFor(() => expect(screen.getByTestId('xml-error-line').textContent).toBe('    <bogus/>'));
  });

  it('reviews against the definition as it is on the host now, and says when it changed since it was opened', async () => {
    let reads = 0;
    const later = XML.replace('<name>web</name>', '<name>web</name>\n  <title>set elsewhere</title>');
    backend.api['xml.read'] = async () => (reads++ === 0 ? XML : later);
    backend.api['xml.define'] = async (input: CallInput<'xml.define'>) => (defined.push(input), { kind: 'domain', name: 'web', uuid: 'u', created: false, previous: later });
    wrap(<XmlEditorPanel target={target} />);
    const view = await editorView();
    view.dispatch({ changes: { from: XML.indexOf('  </devices>'), insert: '    <serial/>\n' } });
    await waitFor(() => expect((screen.getByTestId('xml-review') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('xml-review'));
    expect((await screen.findByTestId('xml-changed-on-host')).textContent).toContain('changed since this editor opened it');
    const ops = [...screen.getByTestId('xml-diff').querySelectorAll('[data-op="+"], [data-op="-"]')].map((e) => e.textContent);
    expect(ops).toEqual(['-  <title>set elsewhere</title>', '+    <serial/>']);
    fireEvent.click(screen.getByTestId('xml-define'));
    await waitFor(() => expect(defined).toHaveLength(1));
    expect(defined[0]?.basedOn).toBe(later);
  });

  it('a locked VM and a volume are read only: no review, no define', async () => {
    wrap(<XmlEditorPanel target={target} locked />);
    await editorView();
    expect(screen.queryByTestId('xml-review')).toBeNull();
    expect(await screen.findByText(/This VM is locked/)).toBeTruthy();
    cleanup();
    wrap(<XmlEditorPanel target={{ kind: 'volume', host: 'h1', pool: 'p', name: 'v.qcow2' }} />);
    const view = await editorView();
    expect(view.state.readOnly).toBe(true);
    expect(screen.queryByTestId('xml-review')).toBeNull();
  });
});
