// How the core asks its front end (dialog in the app, flags in the CLI) for decisions and secrets.
import type { HostKeyPrompt } from '../../shared/model/host.js';

export interface CorePrompts {
  /** An unknown SSH host key: true = trust it (it is then recorded in known_hosts). */
  hostKey?(prompt: HostKeyPrompt): Promise<boolean>;
  /** Passphrase of an encrypted key file; null = skip this key. */
  passphrase?(keyFile: string): Promise<string | null>;
  /** Password for user@host; null = give up. */
  password?(user: string, host: string): Promise<string | null>;
}
