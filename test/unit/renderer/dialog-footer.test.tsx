// @vitest-environment jsdom
// The end every one-page dialog shares: Cancel beside the submit button (a form's submit, or its own action), the last
// failure in words above them; the submit stays busy while it runs and closes the dialog only when it succeeded.
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { report } from '../../../shared/model/errors.js';
import { ApiError } from '../../../renderer/api/client.js';
import { useDialogSubmit } from '../../../renderer/app/dialog-submit.js';
import { DialogFooter } from '../../../renderer/app/DialogFooter.js';
import { useUi } from '../../../renderer/state/ui-slice.js';
import { installDomShims } from './dom-setup.js';

/** A dialog whose submit runs `work` through useDialogSubmit. */
function Harness({ work, onClose }: { work: () => Promise<unknown>; onClose: () => void }) {
  const { busy, error, submit } = useDialogSubmit(onClose);
  return <DialogFooter error={error} errorTestId="err" onCancel={onClose} submitLabel="Go" submitTestId="go" onSubmit={() => void submit(work)} busy={busy} />;
}

const view = (work: () => Promise<unknown>) => {
  const closes = { count: 0 };
  render(
    <MantineProvider>
      <Harness work={work} onClose={() => closes.count++} />
    </MantineProvider>,
  );
  return closes;
};

beforeAll(installDomShims);
beforeEach(() => useUi.setState({ language: 'en' }));
afterEach(cleanup);

describe('DialogFooter', () => {
  it('submits its form without an action of its own; Cancel has its words and its test id', () => {
    const seen: string[] = [];
    render(
      <MantineProvider>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            seen.push('submit');
          }}
        >
          <DialogFooter onCancel={() => seen.push('cancel')} cancelTestId="no" submitLabel="Save" submitTestId="yes" disabled={false} />
        </form>
      </MantineProvider>,
    );
    expect(screen.getByTestId('no').textContent).toBe('Cancel');
    expect(screen.getByTestId('yes').getAttribute('type')).toBe('submit');
    fireEvent.click(screen.getByTestId('yes'));
    fireEvent.click(screen.getByTestId('no'));
    expect(seen).toEqual(['submit', 'cancel']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a disabled submit does nothing; "Back" may stand for Cancel', () => {
    let submitted = 0;
    render(
      <MantineProvider>
        <DialogFooter onCancel={() => undefined} cancelLabel="Back" submitLabel="Add" submitTestId="add" onSubmit={() => submitted++} disabled />
      </MantineProvider>,
    );
    expect(screen.getByText('Back')).toBeTruthy();
    expect(screen.getByTestId('add').getAttribute('type')).toBe('button');
    fireEvent.click(screen.getByTestId('add'));
    expect(submitted).toBe(0);
  });
});

describe('useDialogSubmit', () => {
  it('a refusal is shown in words and the dialog stays; the next attempt clears it and closes on success', async () => {
    let fail = true;
    const closes = view(async () => {
      if (fail) throw new ApiError(report('vm.locked', { vm: 'web1', host: 'h1' }));
    });
    fireEvent.click(screen.getByTestId('go'));
    expect((await screen.findByTestId('err')).textContent).toBe('VM “web1” on h1 is locked; unlock it first');
    expect(closes.count).toBe(0);
    fail = false;
    fireEvent.click(screen.getByTestId('go'));
    await waitFor(() => expect(closes.count).toBe(1));
    expect(screen.queryByTestId('err')).toBeNull();
  });

  it('busy while the work runs; work that answers false (the user backed out) keeps the dialog open', async () => {
    let finish: (v: boolean) => void = () => undefined;
    const closes = view(() => new Promise<boolean>((resolve) => (finish = resolve)));
    fireEvent.click(screen.getByTestId('go'));
    await waitFor(() => expect(screen.getByTestId('go').hasAttribute('data-loading')).toBe(true));
    finish(false);
    await waitFor(() => expect(screen.getByTestId('go').hasAttribute('data-loading')).toBe(false));
    expect(closes.count).toBe(0);
    expect(screen.queryByTestId('err')).toBeNull();
  });
});
