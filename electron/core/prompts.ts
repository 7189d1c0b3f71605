// How the core asks its front end (dialog in the app, flags in the CLI) for decisions and secrets.
import type { HostKeyPrompt, KeyboardInteractivePrompt } from '../../shared/model/host.js';

export interface CorePrompts {
  /** An unknown SSH host key: true = trust it (it is then recorded in known_hosts). */
  hostKey?(prompt: HostKeyPrompt): Promise<boolean>;
  /** Passphrase of an encrypted key file; null = skip this key. `retry`: the previous one was wrong. */
  passphrase?(keyFile: string, retry: boolean): Promise<string | null>;
  /** Password for user@host; null = give up. `retry`: the server refused the previous one. */
  password?(user: string, host: string, retry: boolean): Promise<string | null>;
  /** One keyboard-interactive prompt that is not the password (an OTP); null = give up. */
  keyboardInteractive?(prompt: KeyboardInteractivePrompt): Promise<string | null>;
}
