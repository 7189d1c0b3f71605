// @vitest-environment jsdom
// The core's questions as the user sees them: a one-time code is its own question (typed in clear when the server
// says so, never remembered); a refused password says so; a host key of a new type warns that others are known.
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PromptAnswer } from '../../../shared/ipc/front-end.js';
import { PromptDialog } from '../../../renderer/features/hosts/PromptDialog.js';
import { usePrompts } from '../../../renderer/state/prompts-slice.js';
import { useUi } from '../../../renderer/state/ui-slice.js';
import { installDomShims } from './dom-setup.js';

const view = () =>
  render(
    <MantineProvider>
      <PromptDialog />
    </MantineProvider>,
  );

beforeAll(installDomShims);
beforeEach(() => {
  usePrompts.setState({ queue: [] });
  useUi.setState({ language: 'en' });
});
afterEach(cleanup);

describe('PromptDialog', () => {
  it('asks a keyboard-interactive prompt as itself, shown while typed when echo is on, and offers no "remember"', async () => {
    const answer = usePrompts.getState().ask({
      kind: 'keyboard-interactive',
      prompt: { user: 'ops', host: 'kvm1', name: 'second factor', instructions: 'From your token', prompt: 'Verification code: ', echo: true },
    });
    view();
    expect(await screen.findByText('Verification code:')).toBeTruthy();
    expect(screen.getByText(/From your token/)).toBeTruthy();
    const input = screen.getByTestId('prompt-secret') as HTMLInputElement;
    expect(input.type).toBe('text');
    expect(screen.queryByTestId('prompt-remember')).toBeNull();
    fireEvent.change(input, { target: { value: '123456' } });
    fireEvent.click(screen.getByTestId('prompt-accept'));
    expect(await answer).toEqual<PromptAnswer>({ accept: true, secret: '123456', remember: false });
  });

  it('says a password was refused, and a passphrase may be remembered', async () => {
    void usePrompts.getState().ask({ kind: 'password', user: 'ops', host: 'kvm1', retry: true });
    view();
    expect(await screen.findByText('The server refused that password. Try again.')).toBeTruthy();
    cleanup();
    usePrompts.setState({ queue: [] });
    const answer = usePrompts.getState().ask({ kind: 'passphrase', keyFile: '/home/ops/.ssh/id_ed25519' });
    view();
    expect(screen.queryByText('That passphrase was wrong. Try again.')).toBeNull();
    fireEvent.change(screen.getByTestId('prompt-secret'), { target: { value: 'pp' } });
    fireEvent.click(screen.getByTestId('prompt-remember'));
    fireEvent.click(screen.getByTestId('prompt-accept'));
    expect(await answer).toEqual<PromptAnswer>({ accept: true, secret: 'pp', remember: true });
  });

  it('warns when keys of a different type are already known for the host', async () => {
    void usePrompts.getState().ask({
      kind: 'host-key',
      hostKey: { host: 'kvm1:22', keyType: 'ssh-rsa', fingerprint: 'SHA256:abc', otherKnownTypes: ['ssh-ed25519'] },
    });
    view();
    expect((await screen.findByTestId('prompt-other-key-types')).textContent).toContain(
      'keys of a different type are already known for this host (ssh-ed25519)',
    );
  });

  it('a guest key says which VM it is and whether its serial console vouches for it', async () => {
    void usePrompts.getState().ask({
      kind: 'host-key',
      hostKey: { host: '10.0.0.5:22', keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', guest: { vm: 'web1', console: 'match' } },
    });
    view();
    expect(await screen.findByText(/VM web1 \(10\.0\.0\.5:22\) presented a ssh-ed25519 key/)).toBeTruthy();
    expect(screen.getByTestId('prompt-guest-console').textContent).toContain('matches one the VM printed on its serial console');
    cleanup();
    usePrompts.setState({ queue: [] });
    void usePrompts.getState().ask({
      kind: 'host-key',
      hostKey: { host: '10.0.0.5:22', keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', guest: { vm: 'web1', console: 'unavailable' } },
    });
    view();
    expect((await screen.findByTestId('prompt-guest-console')).textContent).toContain("could not read the VM's serial console");
  });
});
