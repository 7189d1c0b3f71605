// @vitest-environment jsdom
// The Events tab words the stored history in the user's language; a row an older VirtDeck wrote (no params) shows
// its stored message.
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VmEvents } from '../../../renderer/features/vms/VmEvents.js';
import { setBackend } from '../../../renderer/state/backend.js';
import { useUi } from '../../../renderer/state/ui-slice.js';
import { useVms } from '../../../renderer/state/vms-slice.js';
import { createFakeBackend } from '../../fixtures/renderer/fake-backend.js';
import { fakeHost, fakeVms } from '../../fixtures/renderer/fake-vms.js';
import { installDomShims } from './dom-setup.js';

beforeAll(installDomShims);

const vms = fakeVms(1, ['h1']);
const vm = vms[0]!;

beforeEach(() => {
  setBackend(createFakeBackend([fakeHost('h1', 1)], vms));
  useVms.getState().setAll(vms);
});

afterEach(cleanup);

async function storedRows(language: 'en' | 'zh-CN'): Promise<string[]> {
  useUi.setState({ language });
  render(
    <MantineProvider>
      <VmEvents vmRef={{ host: vm.host, vm: vm.name }} vmKey={`${vm.host}/${vm.uuid}`} />
    </MantineProvider>,
  );
  const table = await screen.findByTestId('vm-stored-events');
  return [...table.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent).join(' | '));
}

describe('VM events tab', () => {
  it('words the history in Chinese, newest first; an older row keeps its stored message', async () => {
    expect(await storedRows('zh-CN')).toEqual(['生命周期 | 已启动（引导）', '生命周期 | defined (added)']);
  });

  it('words the history in English', async () => {
    expect(await storedRows('en')).toEqual(['lifecycle | Started (booted)', 'lifecycle | defined (added)']);
  });
});
